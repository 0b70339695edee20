package dev.clarity.bot.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MarkdownCellTest {
    @Test
    void line_breaks_and_the_blanks_around_them_become_one_space_and_pipes_are_escaped() {
        assertThat(Markdown.cell("a |b| \n\t c\r\nd\u2028e  f")).isEqualTo("a \\|b\\| c d e  f");
        assertThat(Markdown.cell("  ")).isEqualTo("—");
    }

    @Test
    void a_cell_with_long_runs_of_blanks_is_flattened_in_linear_time() {
        String blanks = " ".repeat(1_000_000);
        String cell = assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> Markdown.cell("a" + blanks + "b" + blanks + "\n" + blanks + "c"));
        assertThat(cell).isEqualTo("a" + blanks + "b c");
    }
}
