package dev.clarity.bot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.tasks.AtomicItem;
import dev.clarity.tasks.TaskListReader;
import dev.clarity.tasks.TaskListWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunnerCriteriaTest {
    private static final CriterionSpec ODD = new CriterionSpec(
            "sec.scan", "sec", "cmd", "p95<200ms & \"x\"", List.of("sh", "-c", "echo 'a b' \"c\"", ""), "It's <safe>");
    private static final CriterionSpec BARE = new CriterionSpec("doc.readme", "doc", "file", null, List.of(), null);

    @Test
    void repository_defaults_injected_into_a_list_reach_the_runner_field_for_field() {
        byte[] before = "1.1 Leaf\n1.1.B Verify\n".getBytes(StandardCharsets.UTF_8);
        byte[] after = TaskListWriter.injectDefaultCriteria(
                        before, "1.1.B", RunnerCriteria.attributes(List.of(ODD, BARE)))
                .apply(before);
        AtomicItem b = TaskListReader.parse(after).item("1.1.B").orElseThrow();
        assertThat(RunnerCriteria.specs(b.criteria())).containsExactly(ODD, BARE);
    }

    @Test
    void no_criteria_translate_to_no_specs() {
        assertThat(RunnerCriteria.specs(List.of())).isEmpty();
        assertThat(RunnerCriteria.attributes(List.of())).isEmpty();
    }
}
