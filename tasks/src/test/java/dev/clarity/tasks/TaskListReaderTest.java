package dev.clarity.tasks;

import static dev.clarity.tasks.Lists.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class TaskListReaderTest {

    static Stream<Arguments> task_lines() {
        return Stream.of(
                Arguments.of("1.1 Feature flag and UI entry (Dependencies: 1.0.2)", "1.1", "Feature flag and UI entry"),
                Arguments.of(
                        "1.1.1 Add DEVTEAM_ENABLED flag to src/config.js with default false.",
                        "1.1.1",
                        "Add DEVTEAM_ENABLED flag to src/config.js with default false."),
                Arguments.of(
                        "- 1.2.3.4 Implement the reducer for loading state",
                        "1.2.3.4",
                        "Implement the reducer for loading state"),
                Arguments.of("#### 2.1 Persistence (Dependencies: [1.1, 1.2])", "2.1", "Persistence"),
                Arguments.of("- [x] 3.1.2: Wire the worker ✅", "3.1.2", "Wire the worker"),
                Arguments.of("      * 4.5.6.7.8 Deep one", "4.5.6.7.8", "Deep one"),
                Arguments.of("\t+ 1.2 Tabbed plus bullet", "1.2", "Tabbed plus bullet"),
                Arguments.of("• 1.3 Bullet dot", "1.3", "Bullet dot"),
                Arguments.of("- [ ] 1.4. Trailing dot on id", "1.4", "Trailing dot on id"),
                Arguments.of("**1.5** Bold id", "1.5", "Bold id"),
                Arguments.of("**1.6 Bold everything**", "1.6", "Bold everything"),
                Arguments.of("- **1.7:** Bold with colon", "1.7", "Bold with colon"),
                Arguments.of("✅ 1.8 Leading done mark", "1.8", "Leading done mark"),
                Arguments.of("### 1.9 Heading task — Dependencies: 1.1", "1.9", "Heading task"),
                Arguments.of("1.10 With deps word (deps: 1.1)", "1.10", "With deps word"),
                Arguments.of(
                        "1.11 Links after done ✅ [artifacts](artifacts/1.11/) [PR #4](https://x/pull/4)",
                        "1.11",
                        "Links after done"),
                Arguments.of("2.3.1.4", "2.3.1.4", ""),
                Arguments.of("10.20 Big numbers", "10.20", "Big numbers"));
    }

    @ParameterizedTest
    @MethodSource
    void task_lines(String line, String id, String title) {
        TaskList list = parse(line);
        assertThat(list.tasks()).singleElement().satisfies(t -> {
            assertThat(t.id()).isEqualTo(id);
            assertThat(t.title()).isEqualTo(title);
            assertThat(t.line()).isEqualTo(1);
        });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "1. Numbered list item",
                "| 1.1 | A table row | todo |",
                "Version 1.2 of the API",
                "1.2.3beta is not an id",
                "1 Single part",
                "# Title",
                "- plain bullet",
                "1.1Title without space",
                "`1.1 code span`",
                "> 1.1 quoted",
                "Phase 1 complete",
                "####### 1.1 seven hashes",
            })
    void lines_that_are_not_task_lines(String line) {
        assertThat(parse(line).tasks()).isEmpty();
    }

    static Stream<Arguments> check_lines() {
        return Stream.of(
                Arguments.of("1.1.A Validate", ItemKind.CHECK_A, "1.1"),
                Arguments.of("- 1.1.B Verify", ItemKind.CHECK_B, "1.1"),
                Arguments.of("  - [ ] 1.1.C: Document", ItemKind.CHECK_C, "1.1"),
                Arguments.of("2.1.3.1.B Deep verify", ItemKind.CHECK_B, "2.1.3.1"),
                Arguments.of("- **1.1.b** lower-case letter", ItemKind.CHECK_B, "1.1"),
                Arguments.of("1.1.5 Validate outputs of Task 1.1", ItemKind.CHECK_A, "1.1"),
                Arguments.of("1.1.6 Verify correctness of Task 1.1 against criteria", ItemKind.CHECK_B, "1.1"),
                Arguments.of("- 1.1.7 Document results of Task 1.1 in outcomes", ItemKind.CHECK_C, "1.1"),
                Arguments.of("1.1.8 **Validate outputs of Task 1.1**", ItemKind.CHECK_A, "1.1"));
    }

    @ParameterizedTest
    @MethodSource
    void check_lines(String line, ItemKind kind, String checkOf) {
        TaskList list = parse("1.1 The task", "2.1.3.1 Another", line);
        Task check = list.tasks().get(2);
        assertThat(check.kind()).isEqualTo(kind);
        assertThat(check.checkOf()).isEqualTo(checkOf);
        assertThat(check.atomic()).isTrue();
    }

    static Stream<Arguments> phase_lines() {
        return Stream.of(
                Arguments.of("Phase 1 — Title", 1, "Title"),
                Arguments.of("Phase 2: Title", 2, "Title"),
                Arguments.of("## Phase 3 – Title", 3, "Title"),
                Arguments.of("# Phase 4 - Title (Dependencies: Phase 3)", 4, "Title"),
                Arguments.of("**Phase 5: Bold**", 5, "Bold"),
                Arguments.of("## PHASE 6 — Upper", 6, "Upper"));
    }

    @ParameterizedTest
    @MethodSource
    void phase_lines(String line, int number, String title) {
        TaskList list = parse(line);
        assertThat(list.tasks()).isEmpty();
        assertThat(list.phase(number)).hasValueSatisfying(p -> {
            assertThat(p.title()).isEqualTo(title);
            assertThat(p.line()).isEqualTo(1);
        });
    }

    @Test
    void phase_dependencies_are_read() {
        TaskList list = parse("## Phase 4 - Title (Dependencies: Phase 3)", "4.1 Work");
        assertThat(list.phase(4).orElseThrow().dependencies()).containsExactly(new Dependency.OnPhase(3, 1));
        assertThat(list.effectiveDependencies(list.find("4.1").orElseThrow()))
                .extracting(Dependency::label)
                .containsExactly("Phase 3");
    }

    static Stream<Arguments> dependency_payloads() {
        return Stream.of(
                Arguments.of("(Dependencies: None)", List.of()),
                Arguments.of("(Dependencies: [])", List.of()),
                Arguments.of("(Dependencies: [1.1])", List.of("1.1")),
                Arguments.of("(Dependencies: [4.2, 4.3])", List.of("4.2", "4.3")),
                Arguments.of("(Dependencies: 1.6, 1.7)", List.of("1.6", "1.7")),
                Arguments.of("(Dependencies: 1.6,1.7)", List.of("1.6", "1.7")),
                Arguments.of("(Dependencies: 1.1–1.10)", List.of("1.1–1.10")),
                Arguments.of("(Dependencies: 1.1-1.10)", List.of("1.1–1.10")),
                Arguments.of("(Dependencies: 1.3 Services)", List.of("1.3")),
                Arguments.of("(Dependencies: 1.3 Services, 1.4 Data layer)", List.of("1.3", "1.4")),
                Arguments.of("(Dependencies: Phase 2 complete)", List.of("Phase 2")),
                Arguments.of("(Dependencies: Phase 2)", List.of("Phase 2")),
                Arguments.of("(Dependencies: 2)", List.of("Phase 2")),
                Arguments.of("(Dependencies: [x](src/a.js:77), 1.2)", List.of("1.2")),
                Arguments.of("(Dependencies: 1.2 see [notes](docs/a_(b).md#x) and src/foo/bar.js)", List.of("1.2")),
                Arguments.of("(Dependencies: Task 1.2 and Tasks 1.3)", List.of("1.2", "1.3")),
                Arguments.of("(**Dependencies:** `1.2`)", List.of("1.2")),
                Arguments.of("Dependencies: 1.2, 1.3", List.of("1.2", "1.3")),
                Arguments.of("— Dependencies: 1.2", List.of("1.2")),
                Arguments.of("deps: 1.2; 1.3", List.of("1.2", "1.3")),
                Arguments.of("(deps: 1.2.A)", List.of("1.2.A")),
                Arguments.of("(Dependencies: see https://example.com/1.2/x)", List.of()));
    }

    @ParameterizedTest
    @MethodSource
    void dependency_payloads(String suffix, List<String> labels) {
        TaskList list = parse("9.1 Title " + suffix);
        Task t = list.tasks().get(0);
        assertThat(t.dependencies()).extracting(Dependency::label).containsExactlyElementsOf(labels);
        assertThat(t.title()).isEqualTo("Title");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Depends on: 1.2",
                "  - Depends on: 1.2",
                "  - **Dependencies:** 1.2",
                "    deps: [1.2]",
            })
    void a_dependency_line_directly_under_a_task_belongs_to_it(String under) {
        TaskList list = parse("1.1 One", "1.2 Two", "1.3 Three", under);
        assertThat(list.find("1.3").orElseThrow().dependencies())
                .extracting(Dependency::label)
                .containsExactly("1.2");
    }

    static Stream<Arguments> criterion_lines() {
        return Stream.of(
                Arguments.of(
                        "- <criterion 1: Quick API endpoints respond in <200ms at p95>  [source: PRD]",
                        "Quick API endpoints respond in <200ms at p95",
                        "PRD"),
                Arguments.of(
                        "* <criterion 2: Tables render <b>bold</b> headers [source: UX §3]>",
                        "Tables render <b>bold</b> headers",
                        "UX §3"),
                Arguments.of("• <Users can reset their password>", "Users can reset their password", null),
                Arguments.of("\t• <criterion: works offline>", "works offline", null),
                Arguments.of("    - <criterion 3: four spaces>", "four spaces", null),
                Arguments.of("     - <criterion 4: five spaces>", "five spaces", null),
                Arguments.of("<criterion 5: not bulleted>", "not bulleted", null));
    }

    @ParameterizedTest
    @MethodSource
    void criterion_lines(String line, String text, String source) {
        TaskList list = parse("1.1 Task", "1.1.B Verify", line);
        assertThat(list.find("1.1.B").orElseThrow().criteria())
                .singleElement()
                .isEqualTo(new Criterion.Prose(text, source, 3));
    }

    @Test
    void programmable_criteria_are_read_with_shell_split_args() {
        TaskList list = parse(
                "1.1 Task",
                "1.1.B Verify",
                "- <criterion key=\"perf.p95.api\" kind=\"perf\" check=\"http\" target=\"p95<200ms\" args=\"GET /api/customers\" />",
                "  * <criterion key='t' kind='test' check='cmd' args=\"sh -c 'npm test -- --grep &quot;a b&quot;'\" text=\"Tests pass\"/>");
        assertThat(list.find("1.1.B").orElseThrow().criteria())
                .containsExactly(
                        new Criterion.Programmable(
                                "perf.p95.api", "perf", "http", "p95<200ms", List.of("GET", "/api/customers"), null, 3),
                        new Criterion.Programmable(
                                "t",
                                "test",
                                "cmd",
                                null,
                                List.of("sh", "-c", "npm test -- --grep \"a b\""),
                                "Tests pass",
                                4));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "- <criterion key=\"k\" kind=\"speed\" check=\"cmd\" />",
                "- <criterion key=\"k\" kind=\"test\" check=\"shell\" />",
                "- <criterion key=\"k\" kind=\"test\" check=\"cmd\" args=\"sh -c 'oops\" />",
                "- <criterion key=\"k\" kind=\"test\" check=\"cmd\" args=\"unclosed />",
                "- <criterion kind=\"test\" check=\"cmd\" />",
            })
    void unusable_programmable_criteria_are_malformed_not_dropped(String line) {
        TaskList list = parse("1.1 Task", "1.1.B Verify", line);
        assertThat(list.find("1.1.B").orElseThrow().criteria()).singleElement().isInstanceOf(Criterion.Malformed.class);
    }

    @Test
    void ids_inside_fenced_code_and_html_comments_are_not_tasks() {
        TaskList list = parse(
                "1.1 Real",
                "```markdown",
                "1.2 In a fence",
                "```",
                "  ~~~~",
                "1.3 In a tilde fence",
                "  ~~~ not a close",
                "~~~~~",
                "<!--",
                "1.4 In a comment",
                "-->",
                "<!-- 1.5 One-line comment -->",
                "1.6 Visible <!-- with a comment",
                "1.7 still hidden -->",
                "1.8 After");
        assertThat(list.tasks()).extracting(Task::id).containsExactly("1.1", "1.6", "1.8");
    }

    @Test
    void an_unclosed_fence_hides_the_rest_like_commonmark() {
        assertThat(parse("1.1 A", "```", "1.2 B").tasks()).extracting(Task::id).containsExactly("1.1");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "| Id | Task |\n|----|------|\n| 1.1 | Do it |",
                "We will do 2 things.\nThen more prose.",
                "",
                "# Heading only",
                "```\n1.1 Only in code\n```",
            })
    void a_file_without_task_lines_has_no_tasks(String text) {
        TaskList list = TaskListReader.parse(text.getBytes(StandardCharsets.UTF_8));
        assertThat(list.isEmpty()).isTrue();
        assertThat(TaskSelector.select(list)).isInstanceOf(Selection.NoTasks.class);
    }

    @Test
    void hierarchy_comes_from_ids_not_indentation() {
        TaskList list = parse(
                "## Phase 1 — P",
                "1.2 Group",
                "1.2.3 Sub",
                "1.2.3.4 Leaf under existing parent",
                "1.2.9.9 Leaf under nearest prefix",
                "    1.5 Indented but top level",
                "1.2.A Check of the group");
        assertThat(list.find("1.2.3.4").orElseThrow().parentId()).isEqualTo("1.2.3");
        assertThat(list.find("1.2.9.9").orElseThrow().parentId()).isEqualTo("1.2");
        assertThat(list.find("1.5").orElseThrow().parentId()).isNull();
        assertThat(list.find("1.2").orElseThrow().childIds()).containsExactly("1.2.3", "1.2.9.9", "1.2.A");
        assertThat(list.atomicItems()).extracting(Task::id).containsExactly("1.2.3.4", "1.2.9.9", "1.5", "1.2.A");
    }

    @Test
    void a_leaf_with_check_lines_stays_atomic() {
        TaskList list = parse("1.1 Leaf", "1.1.A Validate", "1.1.B Verify", "1.1.C Document");
        assertThat(list.atomicItems()).extracting(Task::id).containsExactly("1.1", "1.1.A", "1.1.B", "1.1.C");
    }

    static Stream<Arguments> done_marks() {
        return Stream.of(
                Arguments.of(List.of("1.1 Done ✅"), true),
                Arguments.of(List.of("1.1 Done ✅ [PR #1](https://x/pull/1)"), true),
                Arguments.of(List.of("- [x] 1.1 Done"), true),
                Arguments.of(List.of("- [X] 1.1 Done"), true),
                Arguments.of(List.of("- [ ] 1.1 Not done"), false),
                Arguments.of(List.of("1.1 Done", "Status: COMPLETE"), true),
                Arguments.of(List.of("1.1 Done", "  - **Status:** COMPLETE"), true),
                Arguments.of(List.of("1.1 Not done", "Status: IN PROGRESS"), false),
                Arguments.of(List.of("PHASE 1 COMPLETED", "1.1 In a completed phase"), true),
                Arguments.of(List.of("1.1 In a completed phase", "**PHASE 1 COMPLETED**"), true),
                Arguments.of(List.of("1.1 Other phase", "PHASE 2 COMPLETED"), false),
                Arguments.of(List.of("1.1 Not done"), false));
    }

    @ParameterizedTest
    @MethodSource
    void done_marks(List<String> lines, boolean done) {
        TaskList list = parse(lines.toArray(String[]::new));
        assertThat(list.find("1.1").orElseThrow().done()).isEqualTo(done);
    }

    @Test
    void a_group_is_done_when_all_its_items_are_or_when_its_own_line_says_so() {
        TaskList all = parse("1.1 Group", "1.1.1 A ✅", "1.1.2 B ✅", "1.2 Group", "1.2.1 A ✅", "1.2.2 B");
        assertThat(all.find("1.1").orElseThrow().done()).isTrue();
        assertThat(all.find("1.2").orElseThrow().done()).isFalse();
        TaskList marked = parse("1.1 Group ✅", "1.1.1 A", "1.1.1.A Validate", "1.1.2 B");
        assertThat(marked.tasks()).allMatch(Task::done);
    }

    @Test
    void a_group_is_not_done_while_a_check_line_of_a_leaf_is_open() {
        TaskList list = parse("1.1 Group", "1.1.1 Leaf ✅", "1.1.1.A Validate");
        assertThat(list.find("1.1").orElseThrow().done()).isFalse();
    }

    @Test
    void a_completed_phase_whose_lines_are_commented_out_still_satisfies_dependencies() {
        TaskList list = parse("<!--", "1.1 Old", "-->", "PHASE 1 COMPLETED", "2.1 New (Dependencies: 1.1, Phase 1)");
        assertThat(list.find("1.1")).isEmpty();
        assertThat(TaskSelector.select(list)).isInstanceOf(Selection.Next.class);
    }

    @Test
    void a_bom_and_crlf_do_not_change_what_is_read() {
        byte[] bytes = "\uFEFF1.1 One\r\n1.2 Two (Dependencies: 1.1)\r\n".getBytes(StandardCharsets.UTF_8);
        TaskList list = TaskListReader.parse(bytes);
        assertThat(list.tasks()).extracting(Task::id).containsExactly("1.1", "1.2");
        assertThat(list.find("1.2").orElseThrow().title()).isEqualTo("Two");
    }

    @Test
    void bytes_that_are_not_utf8_are_refused_with_the_line() {
        byte[] bytes = {'1', '.', '1', ' ', 'a', '\n', '1', '.', '2', ' ', (byte) 0xC3, (byte) 0x28, '\n'};
        assertThatThrownBy(() -> TaskListReader.parse(bytes))
                .isInstanceOf(TaskListException.class)
                .hasMessageContaining("not UTF-8")
                .satisfies(e -> assertThat(((TaskListException) e).line()).isEqualTo(2));
    }

    @Test
    void a_binary_file_is_refused() {
        byte[] bytes = {'a', '\n', 'b', 0, 'c'};
        assertThatThrownBy(() -> TaskListReader.parse(bytes))
                .isInstanceOf(TaskListException.class)
                .hasMessageContaining("binary")
                .satisfies(e -> assertThat(((TaskListException) e).line()).isEqualTo(2));
    }

    @Test
    void a_file_over_the_limit_is_refused() {
        byte[] bytes = new byte[TaskListReader.MAX_BYTES + 1];
        java.util.Arrays.fill(bytes, (byte) 'a');
        assertThatThrownBy(() -> TaskListReader.parse(bytes))
                .isInstanceOf(TaskListException.class)
                .hasMessageContaining("at most 16 MB");
    }

    @Test
    void overlong_and_surrogate_encodings_are_not_utf8() {
        for (byte[] bad : List.of(
                new byte[] {(byte) 0xC0, (byte) 0xAF},
                new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
                new byte[] {(byte) 0xE2, (byte) 0x9C})) {
            assertThatThrownBy(() -> TaskListReader.parse(bad)).isInstanceOf(TaskListException.class);
        }
    }

    @Test
    void a_status_line_with_a_long_run_of_blanks_is_read_in_linear_time() {
        String blanks = " ".repeat(200_000);
        TaskList list = assertTimeoutPreemptively(
                Duration.ofSeconds(5),
                () -> parse("1.1 Done", "Status:" + blanks + "COMPLETE", "1.2 Not done", "Status:" + blanks + "x"));
        assertThat(list.find("1.1").orElseThrow().done()).isTrue();
        assertThat(list.find("1.2").orElseThrow().done()).isFalse();
    }

    @Test
    void a_check_title_naming_an_id_of_many_parts_is_read_without_overflowing_the_stack() {
        String id = "1.".repeat(100_000) + "1";
        TaskList list = parse("1.1 The task", "1.1.5 Validate outputs of Task " + id);
        Task check = list.tasks().get(1);
        assertThat(check.kind()).isEqualTo(ItemKind.CHECK_A);
        assertThat(check.checkOf()).isEqualTo(id);
    }
}
