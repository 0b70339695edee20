package dev.clarity.tasks;

import static dev.clarity.tasks.Lists.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskSelectorTest {

    /** Each case: the list, then the expected next id, or "all-done", "no-tasks", "blocked:<unmet,…>". */
    static Stream<Arguments> selection() {
        return Stream.of(
                Arguments.of(List.of("1.1 A", "1.2 B"), "1.1"),
                Arguments.of(List.of("1.1 A ✅", "1.2 B"), "1.2"),
                Arguments.of(List.of("1.1 A ✅", "1.2 B ✅"), "all-done"),
                Arguments.of(List.of("# Nothing here"), "no-tasks"),
                Arguments.of(List.of("1.1 A (Dependencies: 1.2)", "1.2 B"), "1.2"),
                Arguments.of(List.of("1.1 A (Dependencies: 1.9)", "1.2 B (Dependencies: 1.1)"), "blocked:1.9"),
                Arguments.of(List.of("1.1 Group (Dependencies: 1.3)", "1.1.1 Leaf", "1.3 Other"), "1.3"),
                Arguments.of(List.of("1.1 Group", "1.1.1 Leaf ✅", "1.1.2 Leaf", "1.1.A Validate"), "1.1.2"),
                Arguments.of(List.of("1.1 Group", "1.1.1 Leaf ✅", "1.1.2 Leaf ✅", "1.1.A Validate"), "1.1.A"),
                Arguments.of(List.of("1.1 Group ✅", "1.1.1 Leaf", "1.2 Next"), "1.2"),
                Arguments.of(List.of("1.1 Leaf ✅", "1.1.A Validate", "1.1.B Verify"), "1.1.A"),
                Arguments.of(List.of("PHASE 1 COMPLETED", "1.1 A", "2.1 B"), "2.1"),
                Arguments.of(List.of("1.1 A", "Status: COMPLETE", "1.2 B"), "1.2"),
                Arguments.of(
                        List.of("1.1 A ✅", "1.2 B", "1.3 C (Dependencies: 1.1–1.2)", "1.4 D (Dependencies: 1.1-1.3)"),
                        "1.2"),
                Arguments.of(List.of("1.1 A", "1.2 B (Dependencies: 1.1–1.1)"), "1.1"),
                Arguments.of(List.of("1.1 A (Dependencies: Phase 2)", "2.1 B ✅"), "1.1"),
                Arguments.of(List.of("1.1 A (Dependencies: 2)", "2.1 B"), "2.1"),
                Arguments.of(
                        List.of("1.1 A (Dependencies: Phase 2 complete)", "2.1 B (Dependencies: 1.1)"),
                        "blocked:Phase 2"),
                Arguments.of(List.of("## Phase 2 — Later (Dependencies: Phase 1)", "2.1 B", "1.1 A"), "1.1"),
                Arguments.of(
                        List.of("1.1 A (Dependencies: 1.2, 1.3)", "1.2 B (Dependencies: 1.1)", "1.3 C ✅"),
                        "blocked:1.2"),
                Arguments.of(List.of("```", "1.1 Hidden", "```", "1.2 Shown"), "1.2"),
                Arguments.of(List.of("1.1 A (Dependencies: None)"), "1.1"));
    }

    @ParameterizedTest
    @MethodSource
    void selection(List<String> lines, String expected) {
        Selection s = TaskSelector.select(parse(lines.toArray(String[]::new)));
        String actual = switch (s) {
            case Selection.Next n -> n.item().id();
            case Selection.AllDone a -> "all-done";
            case Selection.NoTasks n -> "no-tasks";
            case Selection.Blocked b -> "blocked:" + String.join(",", b.unmet());
        };
        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void blocked_names_the_first_not_done_item() {
        Selection s = TaskSelector.select(parse("1.1 A ✅", "1.2 B (Dependencies: 1.3)", "1.3 C (Dependencies: 1.2)"));
        assertThat(s).isInstanceOfSatisfying(Selection.Blocked.class, b -> {
            assertThat(b.firstNotDone().id()).isEqualTo("1.2");
            assertThat(b.unmet()).containsExactly("1.3");
        });
    }

    @Test
    void the_next_item_carries_kind_parent_chain_dependencies_branch_and_criteria() {
        TaskList list = parse(
                "## Phase 1 — Setup (Dependencies: None)",
                "1.1 Feature flag and UI entry (Dependencies: 1.0)",
                "1.0 Done already ✅",
                "1.1.1 Add the DEVTEAM_ENABLED flag (Dependencies: 1.0)",
                "1.1.1.B Verify",
                "  - <criterion 1: The flag defaults to false>",
                "  - <criterion key=\"test.flag\" kind=\"test\" check=\"cmd\" args=\"npm test\" text=\"The flag defaults to false\" />",
                "  - <criterion 2: The tab is hidden when false>",
                "1.1.1.B Verify more",
                "  - <criterion key=\"doc.readme\" kind=\"doc\" check=\"regex\" target=\"README.md\" args=\"DEVTEAM_ENABLED\" />");
        AtomicItem item = ((Selection.Next) TaskSelector.select(list)).item();
        assertThat(item.id()).isEqualTo("1.1.1");
        assertThat(item.kind()).isEqualTo(ItemKind.TASK);
        assertThat(item.ancestors()).extracting(Task::id).containsExactly("1.1");
        assertThat(item.parentId()).isEqualTo("1.1");
        assertThat(item.dependencies()).extracting(Dependency::label).containsExactly("1.0");
        assertThat(item.branch()).isEqualTo("task/1.1.1-add-the-devteam-enabled-flag");
        assertThat(item.criteria()).extracting(Criterion.Programmable::key).containsExactly("test.flag", "doc.readme");
        assertThat(item.criteria().get(0).attributes())
                .isEqualTo(new CriterionAttributes(
                        "test.flag", "test", "cmd", null, List.of("npm", "test"), "The flag defaults to false"));
        assertThat(item.notMachineChecked())
                .extracting(Criterion.Prose::text)
                .containsExactly("The tab is hidden when false");

        AtomicItem b = list.item("1.1.1.B").orElseThrow();
        assertThat(b.kind()).isEqualTo(ItemKind.CHECK_B);
        assertThat(b.criteria()).hasSize(2);
        assertThat(b.missingCriteria()).isFalse();
        assertThat(list.item("1.1")).isEmpty();
    }

    @Test
    void a_b_line_with_only_prose_criteria_is_missing_criteria() {
        TaskList list = parse("1.1 Leaf ✅", "1.1.B Verify", "  - <criterion 1: It works>");
        AtomicItem b = ((Selection.Next) TaskSelector.select(list)).item();
        assertThat(b.missingCriteria()).isTrue();
        assertThat(b.criteria()).isEmpty();
        assertThat(b.notMachineChecked()).extracting(Criterion.Prose::text).containsExactly("It works");
    }

    @Test
    void check_items_a_and_c_have_no_criteria_of_their_own() {
        TaskList list = parse(
                "1.1 Leaf",
                "1.1.A Validate",
                "1.1.B Verify",
                "- <criterion key=\"k\" kind=\"test\" check=\"cmd\" />",
                "1.1.C Document");
        assertThat(list.item("1.1.A").orElseThrow().criteria()).isEmpty();
        assertThat(list.item("1.1.C").orElseThrow().criteria()).isEmpty();
        assertThat(list.item("1.1").orElseThrow().criteria()).hasSize(1);
    }

    @Test
    void branch_names_are_ascii_kebab_of_at_most_fifty_characters() {
        assertThat(BranchName.of("1.2", "Crème brûlée: the `API` — v2 (fast!)"))
                .isEqualTo("task/1.2-creme-brulee-the-api-v2-fast");
        assertThat(BranchName.of("3.1", "日本語")).isEqualTo("task/3.1");
        String longTitle = "Implement the reducer for the loading state of the customer dashboard with retries";
        String kebab = BranchName.kebab(longTitle);
        assertThat(kebab).hasSizeLessThanOrEqualTo(50).doesNotEndWith("-").startsWith("implement-the-reducer");
        assertThat(BranchName.kebab("a".repeat(80))).hasSize(50);
        assertThat(BranchName.kebab("Don't stop")).isEqualTo("dont-stop");
    }
}
