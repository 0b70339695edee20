package dev.clarity.testkit.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The OpenAI Responses API part of the {@link ScriptedModelServer}: {@code POST /v1/responses}, as the Codex CLI
 * uses it. A request that offers tools takes the next scripted {@link Turn} (one without gets a short text). A
 * streamed answer is Server-Sent Events: {@code response.created}, {@code response.output_item.added}, for a text
 * {@code response.output_text.delta}, {@code response.output_item.done} with the whole item — a {@code message}, or
 * a {@code function_call} whose {@code arguments} are the turn's tool input as a JSON string — and
 * {@code response.completed} whose {@code response.usage} has {@code input_tokens}, {@code output_tokens} and
 * {@code total_tokens}. {@code "stream": false} gets the completed response as one JSON body.
 */
final class ScriptedResponses {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Function<Boolean, Turn> next;
    private final Consumer<ReportedUsage> report;
    private final Runnable awaitRelease;
    private final AtomicInteger ids = new AtomicInteger();

    /** {@code next} gives the next scripted turn when its argument is true, a short text otherwise. */
    ScriptedResponses(Function<Boolean, Turn> next, Consumer<ReportedUsage> report, Runnable awaitRelease) {
        this.next = next;
        this.report = report;
        this.awaitRelease = awaitRelease;
    }

    static boolean serves(String path) {
        return path.equals("/v1/responses");
    }

    void handle(HttpExchange exchange, JsonNode request) throws IOException {
        boolean offersTools =
                request.path("tools").isArray() && !request.path("tools").isEmpty();
        Turn turn = next.apply(offersTools);
        String model = request.path("model").asText("gpt-scripted");
        report.accept(new ReportedUsage("openai", model, turn.inputTokens(), turn.outputTokens()));
        int n = ids.incrementAndGet();
        Map<String, Object> item = item(turn, n);
        if (!request.path("stream").asBoolean(false)) {
            byte[] body = JSON.writeValueAsBytes(response(n, model, "completed", List.of(item), turn));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            return;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        Events events = new Events(out);
        events.send("response.created", Map.of("response", response(n, model, "in_progress", List.of(), null)));
        awaitRelease.run();
        Map<String, Object> added = new LinkedHashMap<>(item);
        added.put("status", "in_progress");
        if (turn.isToolCall()) {
            added.put("arguments", "");
        } else {
            added.put("content", List.of());
        }
        events.send("response.output_item.added", Map.of("output_index", 0, "item", added));
        if (!turn.isToolCall()) {
            events.send(
                    "response.output_text.delta",
                    Map.of("item_id", item.get("id"), "output_index", 0, "content_index", 0, "delta", turn.text()));
        }
        events.send("response.output_item.done", Map.of("output_index", 0, "item", item));
        events.send("response.completed", Map.of("response", response(n, model, "completed", List.of(item), turn)));
    }

    /** The turn's output item: a {@code function_call} or an assistant {@code message}. */
    private static Map<String, Object> item(Turn turn, int n) throws JsonProcessingException {
        Map<String, Object> item = new LinkedHashMap<>();
        if (turn.isToolCall()) {
            item.put("type", "function_call");
            item.put("id", "fc_" + n);
            item.put("call_id", "call_" + n);
            item.put("name", turn.toolName());
            item.put("arguments", JSON.writeValueAsString(turn.toolInput()));
        } else {
            item.put("type", "message");
            item.put("id", "msg_" + n);
            item.put("role", "assistant");
            item.put("content", List.of(Map.of("type", "output_text", "text", turn.text(), "annotations", List.of())));
        }
        item.put("status", "completed");
        return item;
    }

    /** A {@code response} object; {@code usage} only when {@code turn} is given (the completed one). */
    private static Map<String, Object> response(int n, String model, String status, List<Object> output, Turn turn) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", "resp_" + n);
        response.put("object", "response");
        response.put("created_at", 1_748_779_200L);
        response.put("status", status);
        response.put("model", model);
        response.put("output", output);
        if (turn != null) {
            response.put(
                    "usage",
                    Map.of(
                            "input_tokens", turn.inputTokens(),
                            "input_tokens_details", Map.of("cached_tokens", 0),
                            "output_tokens", turn.outputTokens(),
                            "output_tokens_details", Map.of("reasoning_tokens", 0),
                            "total_tokens", turn.inputTokens() + turn.outputTokens()));
        }
        return response;
    }

    /** Writes numbered events, each flushed as it is written. */
    private static final class Events {
        private final OutputStream out;
        private int sequence;

        Events(OutputStream out) {
            this.out = out;
        }

        void send(String type, Map<String, Object> fields) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("type", type);
            data.put("sequence_number", sequence++);
            data.putAll(fields);
            try {
                out.write(("event: " + type + "\ndata: " + JSON.writeValueAsString(data) + "\n\n")
                        .getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("streaming " + type, e);
            }
        }
    }
}
