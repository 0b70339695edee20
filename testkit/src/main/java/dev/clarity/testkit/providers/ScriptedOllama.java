package dev.clarity.testkit.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The Ollama part of the {@link ScriptedModelServer}, as Ollama's API documentation describes it: {@code POST
 * /api/chat} and {@code /api/generate} stream NDJSON (by default; {@code "stream": false} gets one object) whose
 * lines carry {@code model}, {@code created_at}, the {@code message} (or {@code response}) piece and
 * {@code "done": false}, and whose last line has {@code "done": true}, {@code done_reason}, the durations and the
 * counts {@code prompt_eval_count} and {@code eval_count}; {@code GET /api/tags} lists the pulled models and
 * {@code GET /api/version} the server's version. A model that is not pulled gets Ollama's 404 {@code {"error":
 * "model 'x' not found"}} — only when the test named the pulled models; otherwise every model answers.
 */
final class ScriptedOllama {
    static final String VERSION = "0.12.6";
    /** A fixed time: the answers are a script, and tests compare them. */
    private static final String CREATED_AT = "2025-06-01T12:00:00.000000000Z";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Turn> next;
    private final Consumer<ReportedUsage> report;
    private final Runnable awaitRelease;
    private volatile List<String> pulled = List.of("qwen2.5-coder:latest");
    private volatile boolean enforced;

    ScriptedOllama(Supplier<Turn> next, Consumer<ReportedUsage> report, Runnable awaitRelease) {
        this.next = next;
        this.report = report;
        this.awaitRelease = awaitRelease;
    }

    /** From now on only these models answer (a name without a tag means {@code :latest}). */
    void pull(List<String> models) {
        pulled = models.stream().map(ScriptedOllama::tagged).toList();
        enforced = true;
    }

    /** True when this part serves {@code path}. */
    static boolean serves(String path) {
        return Set.of("/api/chat", "/api/generate", "/api/tags", "/api/version").contains(path);
    }

    void handle(HttpExchange exchange, String path, JsonNode request) throws IOException {
        switch (path) {
            case "/api/version" -> send(exchange, 200, JSON.writeValueAsString(Map.of("version", VERSION)));
            case "/api/tags" -> send(exchange, 200, JSON.writeValueAsString(Map.of("models", tags())));
            default -> answer(exchange, request, path.equals("/api/chat"));
        }
    }

    private List<Map<String, Object>> tags() {
        List<Map<String, Object>> models = new ArrayList<>();
        for (String name : pulled) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("name", name);
            model.put("model", name);
            model.put("modified_at", CREATED_AT);
            model.put("size", 4_683_087_332L);
            model.put("digest", "sha256:" + "0".repeat(64));
            model.put("details", Map.of("format", "gguf", "family", "qwen2", "parameter_size", "7.6B"));
            models.add(model);
        }
        return models;
    }

    private void answer(HttpExchange exchange, JsonNode request, boolean chat) throws IOException {
        String model = request.path("model").asText("");
        if (model.isEmpty() || (enforced && !pulled.contains(tagged(model)))) {
            send(exchange, 404, JSON.writeValueAsString(Map.of("error", "model '" + model + "' not found")));
            return;
        }
        Turn turn = next.get();
        String text = turn.text() == null ? "Done." : turn.text();
        report.accept(new ReportedUsage("ollama", model, turn.inputTokens(), turn.outputTokens()));
        if (!request.path("stream").asBoolean(true)) {
            Map<String, Object> whole = piece(model, chat, text);
            whole.putAll(last(model, chat, turn));
            if (chat) {
                whole.put("message", Map.of("role", "assistant", "content", text));
            } else {
                whole.put("response", text);
            }
            send(exchange, 200, JSON.writeValueAsString(whole));
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/x-ndjson");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        boolean first = true;
        for (String piece : pieces(text)) {
            line(out, JSON.writeValueAsString(piece(model, chat, piece)));
            if (first) {
                awaitRelease.run();
                first = false;
            }
        }
        line(out, JSON.writeValueAsString(last(model, chat, turn)));
    }

    /** The text as a model streams it: a few characters at a time, here one line at a time. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf('\n', from);
            end = end < 0 ? text.length() : end + 1;
            pieces.add(text.substring(from, end));
            from = end;
        }
        return pieces.isEmpty() ? List.of("") : pieces;
    }

    private static Map<String, Object> piece(String model, boolean chat, String text) {
        Map<String, Object> piece = new LinkedHashMap<>();
        piece.put("model", model);
        piece.put("created_at", CREATED_AT);
        if (chat) {
            piece.put("message", Map.of("role", "assistant", "content", text));
        } else {
            piece.put("response", text);
        }
        piece.put("done", false);
        return piece;
    }

    private static Map<String, Object> last(String model, boolean chat, Turn turn) {
        Map<String, Object> last = piece(model, chat, "");
        last.put("done", true);
        last.put("done_reason", "stop");
        last.put("total_duration", 4_935_886_791L);
        last.put("load_duration", 534_986_708L);
        last.put("prompt_eval_count", turn.inputTokens());
        last.put("prompt_eval_duration", 107_345_000L);
        last.put("eval_count", turn.outputTokens());
        last.put("eval_duration", 4_289_432_000L);
        return last;
    }

    private static String tagged(String model) {
        return model.contains(":") ? model : model + ":latest";
    }

    private static void line(OutputStream out, String line) throws IOException {
        out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }
}
