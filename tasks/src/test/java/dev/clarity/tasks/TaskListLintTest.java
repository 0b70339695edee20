package dev.clarity.tasks;

import static dev.clarity.tasks.Lists.parse;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskListLintTest {

    /** Each case: a list, then one finding it must produce, as "LINE: severity: message". */
    static Stream<Arguments> rules() {
        return Stream.of(
                Arguments.of(List.of("1.1 A", "1.2 B", "1.1 Again"), "3: error: duplicate id 1.1 (first on line 1)"),
                Arguments.of(List.of("1.1 A (Dependencies: 1.9)"), "1: error: dependency on unknown id 1.9"),
                Arguments.of(List.of("1.1 A", "Depends on: 3.4"), "2: error: dependency on unknown id 3.4"),
                Arguments.of(
                        List.of("1.1 A (Dependencies: 1.1–1.7)"),
                        "1: error: dependency range 1.1–1.7 names unknown id 1.7"),
                Arguments.of(List.of("1.1 A (Dependencies: Phase 4)"), "1: error: dependency on unknown phase 4"),
                Arguments.of(
                        List.of("1.1 A (Dependencies: 1.2)", "1.2 B (Dependencies: 1.1)"),
                        "1: error: dependency cycle: 1.1 → 1.2 → 1.1"),
                Arguments.of(List.of("1.1 A (Dependencies: 1.1)"), "1: error: dependency cycle: 1.1 → 1.1"),
                Arguments.of(
                        List.of("1.1 Group", "1.1.1 Leaf (Dependencies: 1.1)"),
                        "1: error: dependency cycle: 1.1 → 1.1.1 → 1.1"),
                Arguments.of(List.of("2.1 A (Dependencies: Phase 2)"), "1: error: dependency cycle: 2.1 → 2.1"),
                Arguments.of(
                        List.of("1.1 A", "1.2.B Verify"),
                        "2: error: check line 1.2.B verifies task 1.2, which does not exist"),
                Arguments.of(
                        List.of("1.1 A", "1.1.5 Validate outputs of Task 1.4"),
                        "2: error: check line 1.1.5 verifies task 1.4, which does not exist"),
                Arguments.of(List.of("1.1 A", "- <criterion 1: stray>"), "2: error: criterion line outside a B block"),
                Arguments.of(
                        List.of("- <criterion key=\"k\" kind=\"test\" check=\"cmd\" />", "1.1 A"),
                        "1: error: criterion line outside a B block"),
                Arguments.of(
                        List.of("1.1 A", "1.1.B V", "- <criterion key=\"k\" kind=\"speed\" check=\"cmd\" />"),
                        "3: error: criterion: unknown kind \"speed\" (expected perf, test, sec, doc, type or ops)"),
                Arguments.of(
                        List.of("1.1 A", "1.1.B V", "- <criterion key=\"k\" kind=\"test\" check=\"curl\" />"),
                        "3: error: criterion: unknown check \"curl\" (expected cmd, regex, file or http)"),
                Arguments.of(
                        List.of(
                                "1.1 A",
                                "1.1.B V",
                                "- <criterion key=\"k\" kind=\"test\" check=\"cmd\" args=\"a 'b\" />"),
                        "3: error: criterion: unbalanced quotes in args"),
                Arguments.of(List.of("1.1 A", "1.3 C"), "2: warning: id 1.3 skips 1.2"),
                Arguments.of(List.of("1.1 A", "1.5 C"), "2: warning: id 1.5 skips 1.2–1.4"),
                Arguments.of(List.of("1.2 A"), "1: warning: id 1.2 skips 1.1"),
                Arguments.of(
                        List.of("1.1 Group", "1.1.1 Leaf"),
                        "1: warning: group 1.1 has no B block (1.1.B) to verify it"),
                Arguments.of(
                        List.of("PHASE 1 COMPLETED", "1.1 Late"),
                        "2: warning: task 1.1 comes after PHASE 1 COMPLETED (line 1)"));
    }

    @ParameterizedTest
    @MethodSource
    void rules(List<String> lines, String expected) {
        List<String> findings = TaskListLint.check(parse(lines.toArray(String[]::new))).stream()
                .map(f -> f.format("f").substring(2))
                .toList();
        assertThat(findings).contains(expected);
    }

    @Test
    void a_clean_list_has_no_findings() {
        TaskList list = parse(
                "## Phase 1 — Setup",
                "1.0 Base ✅",
                "1.1 Group (Dependencies: 1.0)",
                "1.1.1 Leaf",
                "1.1.2 Leaf (Dependencies: 1.1.1)",
                "1.1.A Validate outputs of Task 1.1",
                "1.1.B Verify correctness of Task 1.1",
                "  - <criterion key=\"t\" kind=\"test\" check=\"cmd\" args=\"npm test\" />",
                "  - <criterion 1: prose is fine>",
                "1.1.C Document results of Task 1.1",
                "## Phase 2 — Next (Dependencies: Phase 1)",
                "2.1 Later (Dependencies: 1.1–1.1.2, 1)");
        assertThat(TaskListLint.check(list)).isEmpty();
    }

    @Test
    void findings_format_as_file_line_severity_message() {
        LintFinding f = new LintFinding(7, LintFinding.Severity.WARNING, "id 1.3 skips 1.2");
        assertThat(f.format("ai_docs/tasks_list.md")).isEqualTo("ai_docs/tasks_list.md:7: warning: id 1.3 skips 1.2");
    }

    @Test
    void ids_of_a_completed_phase_are_known_even_when_commented_out() {
        TaskList list = parse("<!-- 1.1 Old -->", "PHASE 1 COMPLETED", "2.1 New (Dependencies: 1.1)");
        assertThat(TaskListLint.check(list)).noneMatch(f -> f.message().contains("unknown"));
    }
}
