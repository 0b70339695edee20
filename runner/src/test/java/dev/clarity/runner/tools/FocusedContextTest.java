package dev.clarity.runner.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.runner.config.ToolConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class FocusedContextTest {
    @Test
    void identifiers_are_the_title_words_that_look_like_code() {
        assertThat(FocusedContext.identifiers(
                        "Fix rounding in CartTotals, parse_price and `total` for the API and ShopTest"))
                .containsExactly("CartTotals", "parse_price", "total", "ShopTest");
        assertThat(FocusedContext.identifiers("Add a test for the cart")).isEmpty();
    }

    @Test
    void aider_gets_the_files_after_its_options_and_a_double_dash_and_other_tools_get_none() {
        ToolConfig aider = new ToolConfig(List.of("aider"), "sonnet");
        assertThat(ToolCommand.argv("aider", aider, "/ws/p.md", "prompt", List.of("-rf.txt", "src/A.java"), null))
                .endsWith("--model", "sonnet", "--", "-rf.txt", "src/A.java");
        assertThat(ToolCommand.argv(
                        "claude", new ToolConfig(List.of("claude"), null), "/ws/p.md", "p", List.of("A.java"), null))
                .doesNotContain("A.java");
    }
}
