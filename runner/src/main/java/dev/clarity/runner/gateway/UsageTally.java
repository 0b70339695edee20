package dev.clarity.runner.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.runner.api.ModelUsage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Reads the token usage of one provider answer from its bytes as they pass, without holding them back: a JSON body
 * (read at the end), Server-Sent Events ({@code data:} lines) or NDJSON (one object a line). It understands
 * Anthropic's Messages API ({@code usage.input_tokens} — plus cache creation and cache read tokens — and
 * {@code output_tokens}, streamed in {@code message_start} and {@code message_delta}), OpenAI's chat completions
 * ({@code usage.prompt_tokens}, {@code completion_tokens}, streamed in the last chunk) and responses
 * ({@code usage.input_tokens}, {@code output_tokens}; streamed in {@code response.completed}), and Ollama's
 * {@code prompt_eval_count} and {@code eval_count}. Counts reported more than once in a stream are cumulative, so
 * the largest seen is kept. A line longer than {@link #MAX_LINE} bytes, or a JSON body longer than that, is not
 * parsed (its usage is not counted). Not thread-safe: one per answer.
 */
final class UsageTally {
    static final int MAX_LINE = 8 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Provider provider;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean overlong;
    private String model = "";
    private long input = -1;
    private long output = -1;

    UsageTally(Provider provider, String requestedModel) {
        this.provider = provider;
        this.model = requestedModel == null ? "" : requestedModel;
    }

    /** Feeds the next bytes of the answer. */
    void accept(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                endLine();
            } else if (!overlong) {
                if (line.size() >= MAX_LINE) {
                    overlong = true;
                    line.reset();
                } else {
                    line.write(b);
                }
            }
        }
    }

    /** The usage the answer reported, or empty when it reported none. Call once, after the last bytes. */
    Optional<ModelUsage> finish() {
        endLine();
        if (input < 0 && output < 0) {
            return Optional.empty();
        }
        return Optional.of(new ModelUsage(provider.spelling(), model, Math.max(0, input), Math.max(0, output)));
    }

    private void endLine() {
        if (overlong) {
            overlong = false;
            line.reset();
            return;
        }
        String text = line.toString(StandardCharsets.UTF_8).strip();
        line.reset();
        if (text.startsWith("data:")) {
            text = text.substring(5).strip();
        }
        if (text.startsWith("{")) {
            read(text);
        }
    }

    private void read(String text) {
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (IOException e) {
            return; // not one JSON object per line: a pretty-printed body is read line by line and ignored
        }
        take(node);
        take(node.path("message")); // anthropic message_start
        take(node.path("response")); // openai responses stream events
    }

    private void take(JsonNode node) {
        if (!node.isObject()) {
            return;
        }
        if (node.path("model").isTextual() && !node.path("model").asText().isEmpty()) {
            model = node.path("model").asText();
        }
        JsonNode usage = node.path("usage");
        if (usage.isObject()) {
            long in = sum(usage, "input_tokens", "cache_creation_input_tokens", "cache_read_input_tokens");
            if (in < 0) {
                in = sum(usage, "prompt_tokens");
            }
            long out = sum(usage, "output_tokens");
            if (out < 0) {
                out = sum(usage, "completion_tokens");
            }
            input = Math.max(input, in);
            output = Math.max(output, out);
        }
        input = Math.max(input, sum(node, "prompt_eval_count"));
        output = Math.max(output, sum(node, "eval_count"));
    }

    /** The sum of the numeric fields present, or -1 when none is. */
    private static long sum(JsonNode node, String... fields) {
        long total = -1;
        for (String field : fields) {
            JsonNode value = node.path(field);
            if (value.canConvertToLong() && value.asLong() >= 0) {
                total = Math.max(total, 0) + value.asLong();
            }
        }
        return total;
    }
}
