package dev.clarity.bot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepositorySignalsTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "none",
            value = {
                "task/1.2-add-readme, 1.2",
                "task/1.1.B-verify-correctness-of-task-1-1, 1.1.B",
                "task/2.3.1.4-gate-the-tab, 2.3.1.4",
                "task/1.2-add-readme-done, 1.2",
                "task/readme, none",
                "task/1-x, none",
                "feature/1.2-add-readme, none",
                "task/1.2, none"
            })
    void a_task_branch_names_the_item_it_belongs_to(String branch, String item) {
        assertThat(RepositorySignals.itemOf(branch)).isEqualTo(Optional.ofNullable(item));
    }

    @Test
    void a_branch_named_after_an_id_of_many_parts_is_read_without_overflowing_the_stack() {
        String id = "1.".repeat(100_000) + "1";
        assertThat(RepositorySignals.itemOf("task/" + id + ".B-check")).contains(id + ".B");
        assertThat(RepositorySignals.itemOf("task/" + id + "x-check")).isEmpty();
    }
}
