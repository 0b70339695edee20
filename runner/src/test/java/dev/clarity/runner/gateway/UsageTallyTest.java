package dev.clarity.runner.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.runner.api.ModelUsage;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UsageTallyTest {
    private static Optional<ModelUsage> read(Provider provider, String requested, String... pieces) {
        UsageTally tally = new UsageTally(provider, requested);
        for (String piece : pieces) {
            byte[] bytes = piece.getBytes(StandardCharsets.UTF_8);
            tally.accept(bytes, 0, bytes.length);
        }
        return tally.finish();
    }

    @Test
    void anthropic_streams_count_cache_tokens_as_input_and_keep_the_last_cumulative_output() {
        assertThat(read(
                        Provider.ANTHROPIC,
                        "claude-x",
                        "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"model\":\"claude-sonnet-4-5\",",
                        "\"usage\":{\"input_tokens\":10,\"cache_creation_input_tokens\":200,\"cache_read_input_tokens\":3000,"
                                + "\"output_tokens\":1}}}\n\n",
                        "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":40}}\n\n",
                        "event: message_delta\ndata: {\"type\":\"message_delta\",\"usage\":{\"output_tokens\":75}}\n\n",
                        "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n"))
                .contains(new ModelUsage("anthropic", "claude-sonnet-4-5", 3210, 75));
    }

    @Test
    void openai_responses_streams_are_counted_from_their_completed_event() {
        assertThat(read(
                        Provider.OPENAI,
                        "gpt-5",
                        "event: response.created\ndata: {\"type\":\"response.created\",\"response\":{\"model\":\"gpt-5\"}}\n\n",
                        "event: response.completed\ndata: {\"type\":\"response.completed\",\"response\":{\"model\":"
                                + "\"gpt-5-2025\",\"usage\":{\"input_tokens\":900,\"output_tokens\":33}}}\n\n"))
                .contains(new ModelUsage("openai", "gpt-5-2025", 900, 33));
    }

    @Test
    void a_json_body_split_anywhere_is_read_at_its_end() {
        assertThat(read(
                        Provider.OPENAI,
                        "m",
                        "{\"model\":\"gpt-4o\",\"usage\":{\"prompt_t",
                        "okens\":12,\"completion_tokens\":5}}"))
                .contains(new ModelUsage("openai", "gpt-4o", 12, 5));
    }

    @Test
    void ollama_counts_come_from_the_last_ndjson_line() {
        assertThat(read(
                        Provider.OLLAMA,
                        "qwen",
                        "{\"model\":\"qwen2.5-coder\",\"response\":\"a\",\"done\":false}\n",
                        "{\"model\":\"qwen2.5-coder\",\"done\":true,\"prompt_eval_count\":61,\"eval_count\":7}\n"))
                .contains(new ModelUsage("ollama", "qwen2.5-coder", 61, 7));
    }

    @Test
    void an_answer_without_usage_or_not_json_counts_nothing() {
        assertThat(read(Provider.ANTHROPIC, "m", "<html>bad gateway</html>\n", "data: [DONE]\n"))
                .isEmpty();
    }

    @Test
    void a_line_longer_than_the_limit_is_skipped_and_the_lines_after_it_still_count() {
        UsageTally tally = new UsageTally(Provider.OLLAMA, "m");
        byte[] chunk = new byte[1 << 20];
        java.util.Arrays.fill(chunk, (byte) 'x');
        for (int i = 0; i <= UsageTally.MAX_LINE / chunk.length; i++) {
            tally.accept(chunk, 0, chunk.length);
        }
        byte[] last = "\n{\"done\":true,\"prompt_eval_count\":3,\"eval_count\":4}\n".getBytes(StandardCharsets.UTF_8);
        tally.accept(last, 0, last.length);

        assertThat(tally.finish()).contains(new ModelUsage("ollama", "m", 3, 4));
    }
}
