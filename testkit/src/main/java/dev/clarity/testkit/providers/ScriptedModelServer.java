package dev.clarity.testkit.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A model provider that answers from a script, on the loopback: {@code POST /v1/messages} (Anthropic; Server-Sent
 * Events when the request streams — {@code message_start}, per block {@code content_block_start} /
 * {@code content_block_delta} / {@code content_block_stop}, {@code message_delta}, {@code message_stop}), {@code POST
 * /v1/chat/completions} (OpenAI; streamed chunks end with a usage chunk when asked and {@code [DONE]}), {@code POST
 * /v1/responses} (OpenAI's Responses API, as Codex uses it: see {@link ScriptedResponses}) and Ollama's
 * {@code POST /api/chat}, {@code /api/generate}, {@code GET /api/tags}, {@code /api/version} (see
 * {@link ScriptedOllama}; NDJSON whose last line has the counts). An Anthropic request that offers
 * tools takes the next scripted {@link Turn}; one without tools (a CLI's side request) and any request once the
 * script is used up gets a short text. Every answer's usage is kept ({@link #reported()}), every request too
 * ({@link #requests()}). {@link #holdStreams()} makes streamed answers pause after their first event until
 * {@link #release()}, to prove a proxy passes events on as they come.
 */
public final class ScriptedModelServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final Deque<Turn> script = new ConcurrentLinkedDeque<>();
    private final List<ReportedUsage> reported = new CopyOnWriteArrayList<>();
    private final List<ReceivedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private final ScriptedOllama ollama = new ScriptedOllama(() -> next(true), reported::add, this::awaitRelease);
    private final ScriptedResponses responses = new ScriptedResponses(this::next, reported::add, this::awaitRelease);

    private ScriptedModelServer(HttpServer server) {
        this.server = server;
    }

    public static ScriptedModelServer start() {
        // events go out one small write at a time; without this, Nagle's algorithm holds them back (read once, by
        // the first HttpServer of the JVM: the gateway sets it too)
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
            ScriptedModelServer scripted = new ScriptedModelServer(server);
            server.createContext("/", scripted::handle);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return scripted;
        } catch (IOException e) {
            throw new UncheckedIOException("starting the scripted model server", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}, the upstream for every provider. */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Appends answers to the script. */
    public ScriptedModelServer answer(Turn... turns) {
        script.addAll(List.of(turns));
        return this;
    }

    /**
     * The models the Ollama API has pulled ({@code GET /api/tags}); from now on a chat or generate request for any
     * other model gets Ollama's 404 "model 'x' not found". Until this is called every model answers.
     */
    public ScriptedModelServer pullOllama(String... models) {
        ollama.pull(List.of(models));
        return this;
    }

    public List<ReportedUsage> reported() {
        return List.copyOf(reported);
    }

    public List<ReceivedRequest> requests() {
        return List.copyOf(requests);
    }

    /** Streamed answers pause after their first event until {@link #release()}. */
    public void holdStreams() {
        hold = new CountDownLatch(1);
    }

    public void release() {
        hold.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            requests.add(new ReceivedRequest(
                    exchange.getRequestMethod(), exchange.getRequestURI().toString(), headers, body));
            JsonNode request = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/v1/messages")) {
                anthropic(exchange, request);
            } else if (path.equals("/v1/chat/completions")) {
                openai(exchange, request);
            } else if (ScriptedResponses.serves(path)) {
                responses.handle(exchange, request);
            } else if (ScriptedOllama.serves(path)) {
                ollama.handle(exchange, path, request);
            } else {
                send(exchange, 404, "application/json", "{\"error\":\"no such path in the script: " + path + "\"}");
            }
        }
    }

    private Turn next(boolean scripted) {
        Turn turn = scripted ? script.poll() : null;
        return turn == null ? Turn.text("Done.") : turn;
    }

    private void anthropic(HttpExchange exchange, JsonNode request) throws IOException {
        boolean offersTools =
                request.path("tools").isArray() && !request.path("tools").isEmpty();
        Turn turn = next(offersTools);
        String model = request.path("model").asText("claude-scripted");
        String id = "msg_" + ids.incrementAndGet();
        reported.add(new ReportedUsage("anthropic", model, turn.inputTokens(), turn.outputTokens()));
        Map<String, Object> block = turn.isToolCall()
                ? Map.of(
                        "type",
                        "tool_use",
                        "id",
                        "toolu_" + ids.get(),
                        "name",
                        turn.toolName(),
                        "input",
                        turn.toolInput())
                : Map.of("type", "text", "text", turn.text());
        String stop = turn.isToolCall() ? "tool_use" : "end_turn";
        if (!request.path("stream").asBoolean(false)) {
            Map<String, Object> message = new LinkedHashMap<>();
            message.put("id", id);
            message.put("type", "message");
            message.put("role", "assistant");
            message.put("model", model);
            message.put("content", List.of(block));
            message.put("stop_reason", stop);
            message.put("usage", Map.of("input_tokens", turn.inputTokens(), "output_tokens", turn.outputTokens()));
            send(exchange, 200, "application/json", JSON.writeValueAsString(message));
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("id", id);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.put("content", List.of());
        message.put("stop_reason", null);
        message.put("stop_sequence", null);
        message.put("usage", Map.of("input_tokens", turn.inputTokens(), "output_tokens", 1));
        event(out, "message_start", Map.of("type", "message_start", "message", message));
        awaitRelease();
        if (turn.isToolCall()) {
            event(
                    out,
                    "content_block_start",
                    Map.of(
                            "type",
                            "content_block_start",
                            "index",
                            0,
                            "content_block",
                            Map.of(
                                    "type",
                                    "tool_use",
                                    "id",
                                    "toolu_" + ids.get(),
                                    "name",
                                    turn.toolName(),
                                    "input",
                                    Map.of())));
            event(
                    out,
                    "content_block_delta",
                    Map.of(
                            "type",
                            "content_block_delta",
                            "index",
                            0,
                            "delta",
                            Map.of(
                                    "type",
                                    "input_json_delta",
                                    "partial_json",
                                    JSON.writeValueAsString(turn.toolInput()))));
        } else {
            event(
                    out,
                    "content_block_start",
                    Map.of(
                            "type",
                            "content_block_start",
                            "index",
                            0,
                            "content_block",
                            Map.of("type", "text", "text", "")));
            event(
                    out,
                    "content_block_delta",
                    Map.of(
                            "type",
                            "content_block_delta",
                            "index",
                            0,
                            "delta",
                            Map.of("type", "text_delta", "text", turn.text())));
        }
        event(out, "content_block_stop", Map.of("type", "content_block_stop", "index", 0));
        Map<String, Object> delta = new LinkedHashMap<>();
        delta.put("stop_reason", stop);
        delta.put("stop_sequence", null);
        event(
                out,
                "message_delta",
                Map.of("type", "message_delta", "delta", delta, "usage", Map.of("output_tokens", turn.outputTokens())));
        event(out, "message_stop", Map.of("type", "message_stop"));
    }

    private void openai(HttpExchange exchange, JsonNode request) throws IOException {
        Turn turn = next(true);
        String model = request.path("model").asText("gpt-scripted");
        String text = turn.text() == null ? "Done." : turn.text();
        reported.add(new ReportedUsage("openai", model, turn.inputTokens(), turn.outputTokens()));
        Map<String, Object> usage = Map.of(
                "prompt_tokens", turn.inputTokens(),
                "completion_tokens", turn.outputTokens(),
                "total_tokens", turn.inputTokens() + turn.outputTokens());
        String id = "chatcmpl-" + ids.incrementAndGet();
        if (!request.path("stream").asBoolean(false)) {
            send(
                    exchange,
                    200,
                    "application/json",
                    JSON.writeValueAsString(Map.of(
                            "id",
                            id,
                            "object",
                            "chat.completion",
                            "model",
                            model,
                            "choices",
                            List.of(Map.of(
                                    "index",
                                    0,
                                    "finish_reason",
                                    "stop",
                                    "message",
                                    Map.of("role", "assistant", "content", text))),
                            "usage",
                            usage)));
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        data(
                out,
                Map.of(
                        "id",
                        id,
                        "object",
                        "chat.completion.chunk",
                        "model",
                        model,
                        "choices",
                        List.of(Map.of("index", 0, "delta", Map.of("role", "assistant", "content", "")))));
        awaitRelease();
        data(
                out,
                Map.of(
                        "id",
                        id,
                        "object",
                        "chat.completion.chunk",
                        "model",
                        model,
                        "choices",
                        List.of(Map.of("index", 0, "delta", Map.of("content", text), "finish_reason", "stop"))));
        if (request.path("stream_options").path("include_usage").asBoolean(false)) {
            data(
                    out,
                    Map.of(
                            "id",
                            id,
                            "object",
                            "chat.completion.chunk",
                            "model",
                            model,
                            "choices",
                            List.of(),
                            "usage",
                            usage));
        }
        out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void awaitRelease() {
        try {
            if (!hold.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a held stream was not released within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void event(OutputStream out, String name, Object data) throws IOException {
        out.write(("event: " + name + "\ndata: " + JSON.writeValueAsString(data) + "\n\n")
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void data(OutputStream out, Object data) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** Lists the requests received so far, for messages of failing tests. */
    public List<String> describeRequests() {
        List<String> lines = new ArrayList<>();
        requests.forEach(r -> lines.add(r.method() + " " + r.path()));
        return lines;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
