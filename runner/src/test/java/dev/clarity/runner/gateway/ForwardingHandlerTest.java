package dev.clarity.runner.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ForwardingHandlerTest {

    @Test
    void the_model_is_the_top_level_member_even_after_large_nested_context() {
        String body = "{\"system\":[{\"type\":\"text\",\"text\":\"" + "x".repeat(100_000) + "\"}],"
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"model\":\"nested-not-this\"}]}],"
                + "\"model\":\"claude-sonnet-4-5\",\"stream\":true}";

        assertThat(model(body)).isEqualTo("claude-sonnet-4-5");
    }

    @Test
    void a_body_that_names_no_model_or_is_not_a_json_object_has_none() {
        assertThat(model("")).isEmpty();
        assertThat(model("{}")).isEmpty();
        assertThat(model("[{\"model\":\"x\"}]")).isEmpty();
        assertThat(model("{\"model\":42}")).isEmpty();
        assertThat(model("{\"messages\":[{\"model\":\"nested\"}]}")).isEmpty();
        assertThat(model("{\"model\":")).isEmpty();
        assertThat(model("not json")).isEmpty();
    }

    private static String model(String body) {
        return ForwardingHandler.modelOf(body.getBytes(StandardCharsets.UTF_8));
    }
}
