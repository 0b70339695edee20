package dev.clarity.bot.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MarkdownCellTest {
    @Test
    void a_cell_stays_one_line_with_its_pipes_escaped() {
        String cell = Markdown.cell("a |b| \n\t c\r\nd\re");
        assertThat(cell).doesNotContain("\n", "\r").contains("\\|b\\|");
        assertThat(Markdown.cell("  ")).isEqualTo("—");
    }

    @Test
    void a_cell_with_long_runs_of_blanks_and_line_breaks_is_flattened_in_linear_time() {
        String blanks = " ".repeat(1_000_000);
        String cell = assertTimeoutPreemptively(
                Duration.ofSeconds(5), () -> Markdown.cell("a" + blanks + "b" + blanks + "\n" + blanks + "c"));
        assertThat(cell).startsWith("a").endsWith("c").doesNotContain("\n");
    }
}
