package dev.clarity.runner.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Ollama's HTTP API as the ollama tool uses it, called by the runner at a step's gateway endpoint (ADR 0037), never at
 * an Ollama server directly: {@code POST /api/chat} streamed (NDJSON, one object a line, the last with
 * {@code "done": true}), {@code GET /api/version} and {@code GET /api/tags}. The gateway counts the usage and
 * enforces the step's budget; this class only reads the answer. Thread-safe.
 */
public final class OllamaChat {
    /** A line longer than this is not a line of Ollama's: the answer is refused rather than held in memory. */
    static final int MAX_LINE = 1 << 20;
    /** The whole answer is capped too: a model that never stops cannot fill the runner's heap. */
    static final int MAX_ANSWER = 8 << 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SHORT = Duration.ofSeconds(30);

    private final HttpClient client;

    public OllamaChat(HttpClient client) {
        this.client = client;
    }

    /** The server's version ({@code GET /api/version}), or empty when it does not say. */
    public Optional<String> version(URI base) {
        return getJson(base, "/api/version")
                .map(n -> n.path("version").asText(""))
                .filter(v -> !v.isBlank());
    }

    /** The models the server has pulled ({@code GET /api/tags}); empty when it does not say. */
    public List<String> models(URI base) {
        List<String> names = new ArrayList<>();
        getJson(base, "/api/tags")
                .ifPresent(n ->
                        n.path("models").forEach(m -> names.add(m.path("name").asText())));
        return List.copyOf(names);
    }

    /**
     * Sends {@code messages} (each {@code {role, content}}) to {@code model} and reads the streamed answer, handing
     * each piece to {@code pieces} as it arrives. {@code timeout} bounds the wait for the answer to start; the step's
     * own deadline ends a longer stream by closing its endpoint (the read then fails and this returns
     * {@link OllamaReply.Broken}).
     */
    public OllamaReply chat(
            URI base, String model, List<Map<String, String>> messages, Duration timeout, Consumer<String> pieces) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("model", model);
        body.put("messages", messages);
        body.put("stream", true);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(base.resolve("/api/chat"))
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the chat request for ollama", e);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            return new OllamaReply.Broken(
                    "the gateway could not be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new OllamaReply.Broken("the step was interrupted while waiting for ollama");
        }
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                String error = errorOf(in.readNBytes(64 * 1024));
                if (response.statusCode() == 404 && error.contains("not found")) {
                    return new OllamaReply.ModelMissing(model, models(base));
                }
                return new OllamaReply.Refused(response.statusCode(), error);
            }
            return read(in, pieces);
        } catch (IOException e) {
            return new OllamaReply.Broken(
                    "the answer broke off: " + e.getClass().getSimpleName());
        }
    }

    private static OllamaReply read(InputStream in, Consumer<String> pieces) throws IOException {
        StringBuilder text = new StringBuilder();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 16 * 1024);
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = reader.read()) >= 0) {
            if (c != '\n') {
                if (line.length() >= MAX_LINE) {
                    return new OllamaReply.Broken("a line of the answer is longer than " + MAX_LINE + " characters");
                }
                line.append((char) c);
                continue;
            }
            JsonNode node = parse(line.toString());
            line.setLength(0);
            if (node == null) {
                continue;
            }
            if (node.hasNonNull("error")) {
                return new OllamaReply.Refused(200, node.path("error").asText());
            }
            String piece = node.path("message").path("content").asText("");
            if (text.length() + piece.length() > MAX_ANSWER) {
                return new OllamaReply.Broken("the answer is longer than " + MAX_ANSWER + " characters");
            }
            text.append(piece);
            if (!piece.isEmpty()) {
                pieces.accept(piece);
            }
            if (node.path("done").asBoolean(false)) {
                // read to the end: the gateway counts the answer's usage before it ends the response, so the usage
                // is recorded once this returns
                drain(reader);
                return new OllamaReply.Answered(text.toString());
            }
        }
        return new OllamaReply.Broken("the answer ended before its last line (\"done\": true)");
    }

    private static void drain(BufferedReader reader) {
        try {
            long skipped = 0;
            for (long n; skipped < MAX_LINE && (n = reader.skip(MAX_LINE - skipped)) > 0; ) {
                skipped += n;
            }
        } catch (IOException e) {
            // the answer is complete; only its end broke off
        }
    }

    private Optional<JsonNode> getJson(URI base, String path) {
        HttpRequest request =
                HttpRequest.newBuilder(base.resolve(path)).timeout(SHORT).GET().build();
        try {
            HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200
                    ? Optional.ofNullable(parse(new String(response.body(), StandardCharsets.UTF_8)))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The {@code error} of an Ollama or gateway error body (a string, or an object with a message), else the text. */
    private static String errorOf(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).strip();
        JsonNode node = parse(text);
        if (node != null) {
            JsonNode error = node.path("error");
            if (error.isTextual()) {
                return error.asText();
            }
            if (error.path("message").isTextual()) {
                return error.path("message").asText();
            }
        }
        return text.isEmpty() ? "no reason given" : text;
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
