package dev.clarity.tasks;

import static dev.clarity.tasks.Lists.bytes;
import static dev.clarity.tasks.Lists.text;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TaskListWriterTest {
    private static final List<EvidenceLink> LINKS =
            List.of(EvidenceLink.of("artifacts/1.1.3/"), EvidenceLink.of("https://github.com/o/r/pull/42"));
    private static final CriterionAttributes UNIT =
            new CriterionAttributes("test.unit", "test", "cmd", null, List.of("npm", "test"), null);

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void mark_done_appends_the_canonical_mark_and_links_once() {
        byte[] before = bytes("1.1 Group", "1.1.3 Gate the DevTeam tab behind DEVTEAM_ENABLED.", "1.1.4 Other");
        Edit edit = TaskListWriter.markDone(before, "1.1.3", LINKS);
        assertThat(text(edit.apply(before)))
                .isEqualTo(
                        "1.1 Group\n1.1.3 Gate the DevTeam tab behind DEVTEAM_ENABLED. ✅ [artifacts](artifacts/1.1.3/)"
                                + " [PR #42](https://github.com/o/r/pull/42)\n1.1.4 Other\n");
        assertThat(TaskListWriter.markDone(edit.apply(before), "1.1.3", LINKS)).isInstanceOf(Edit.Unchanged.class);
    }

    /** Each case: the file, the id to mark, the exact result. */
    static Stream<Arguments> byte_preservation() {
        return Stream.of(
                Arguments.of("1.1 A\r\n1.2 B\r\n", "1.1", "1.1 A ✅\r\n1.2 B\r\n"),
                Arguments.of("1.1 A\n1.2 B", "1.2", "1.1 A\n1.2 B ✅"),
                Arguments.of("1.1 A\r\n1.2 B\n1.3 C", "1.2", "1.1 A\r\n1.2 B ✅\n1.3 C"),
                Arguments.of("\uFEFF1.1 A\n", "1.1", "\uFEFF1.1 A ✅\n"),
                Arguments.of("  - 1.1 A  \n", "1.1", "  - 1.1 A ✅  \n"),
                Arguments.of("\t- **1.1 Bold**\t\r\n", "1.1", "\t- **1.1 Bold** ✅\t\r\n"),
                Arguments.of("- [ ] 1.1 Box\n", "1.1", "- [ ] 1.1 Box ✅\n"),
                Arguments.of("1.1 A (Dependencies: None)\n", "1.1", "1.1 A (Dependencies: None) ✅\n"),
                Arguments.of("1.1 A\r", "1.1", "1.1 A\r ✅"));
    }

    @ParameterizedTest
    @MethodSource
    void byte_preservation(String before, String id, String after) {
        Edit edit = TaskListWriter.markDone(utf8(before), id, List.of());
        assertThat(text(edit.apply(utf8(before)))).isEqualTo(after);
    }

    @Test
    void marking_the_last_item_of_a_group_marks_the_group_and_its_parents() {
        byte[] before = bytes("1.1 Outer", "1.1.1 Inner", "1.1.1.1 Leaf ✅", "1.1.1.2 Leaf", "1.1.2 Done ✅", "1.2 Next");
        Edit edit = TaskListWriter.markDone(before, "1.1.1.2", List.of());
        assertThat(edit)
                .isInstanceOfSatisfying(
                        Edit.Changed.class, c -> assertThat(c.lines()).containsExactly(1, 2, 4));
        assertThat(text(edit.apply(before)))
                .isEqualTo("1.1 Outer ✅\n1.1.1 Inner ✅\n1.1.1.1 Leaf ✅\n1.1.1.2 Leaf ✅\n1.1.2 Done ✅\n1.2 Next\n");
    }

    @Test
    void a_group_stays_open_while_a_check_line_or_sibling_is_open() {
        byte[] before = bytes("1.1 Group", "1.1.1 Leaf", "1.1.A Validate");
        assertThat(text(TaskListWriter.markDone(before, "1.1.1", List.of()).apply(before)))
                .isEqualTo("1.1 Group\n1.1.1 Leaf ✅\n1.1.A Validate\n");
        byte[] leafWithChecks = bytes("1.1 Group", "1.1.1 Leaf", "1.1.1.A Validate");
        assertThat(text(TaskListWriter.markDone(leafWithChecks, "1.1.1", List.of())
                        .apply(leafWithChecks)))
                .isEqualTo("1.1 Group\n1.1.1 Leaf ✅\n1.1.1.A Validate\n");
        assertThat(text(TaskListWriter.markDone(leafWithChecks, "1.1.1.A", List.of())
                        .apply(leafWithChecks)))
                .isEqualTo("1.1 Group\n1.1.1 Leaf\n1.1.1.A Validate ✅\n");
        byte[] leafDone = bytes("1.1 Group", "1.1.1 Leaf ✅", "1.1.1.A Validate");
        assertThat(text(TaskListWriter.markDone(leafDone, "1.1.1.A", List.of()).apply(leafDone)))
                .isEqualTo("1.1 Group ✅\n1.1.1 Leaf ✅\n1.1.1.A Validate ✅\n");
    }

    @Test
    void items_done_by_any_rule_are_left_alone_and_unknown_ids_are_reported() {
        for (byte[] done : List.of(
                bytes("- [x] 1.1 Box"),
                bytes("1.1 A", "Status: COMPLETE"),
                bytes("PHASE 1 COMPLETED", "1.1 A"),
                bytes("1.1 Group ✅", "1.1.1 A"))) {
            String id = text(done).contains("1.1.1") ? "1.1.1" : "1.1";
            assertThat(TaskListWriter.markDone(done, id, LINKS)).isInstanceOf(Edit.Unchanged.class);
        }
        assertThat(TaskListWriter.markDone(bytes("1.1 A"), "9.9", LINKS)).isInstanceOf(Edit.NotFound.class);
    }

    @Test
    void defaults_are_injected_under_a_b_line_without_programmable_criteria_once() {
        byte[] before = bytes("1.1 Leaf", "1.1.B Verify", "1.2 Next");
        Edit edit = TaskListWriter.injectDefaultCriteria(before, "1.1.B", List.of(UNIT));
        byte[] after = edit.apply(before);
        assertThat(text(after))
                .isEqualTo(
                        "1.1 Leaf\n1.1.B Verify\n    - <criterion key=\"test.unit\" kind=\"test\" check=\"cmd\" args=\"npm test\" />\n1.2 Next\n");
        assertThat(TaskListReader.parse(after).item("1.1.B").orElseThrow().criteria())
                .extracting(Criterion.Programmable::attributes)
                .containsExactly(UNIT);
        assertThat(TaskListWriter.injectDefaultCriteria(after, "1.1.B", List.of(UNIT)))
                .isInstanceOf(Edit.Unchanged.class);
    }

    @Test
    void injected_criteria_copy_the_indentation_of_existing_prose_criteria_and_the_line_ending() {
        byte[] before = utf8("1.1 Leaf\r\n  * 1.1.B Verify\r\n\t• <criterion 1: It works>\r\n");
        byte[] after = TaskListWriter.injectDefaultCriteria(before, "1.1.B", List.of(UNIT))
                .apply(before);
        assertThat(text(after))
                .isEqualTo(
                        "1.1 Leaf\r\n  * 1.1.B Verify\r\n\t• <criterion key=\"test.unit\" kind=\"test\" check=\"cmd\" args=\"npm test\" />\r\n"
                                + "\t• <criterion 1: It works>\r\n");
    }

    @Test
    void injecting_under_a_last_line_without_newline_keeps_the_file_without_final_newline() {
        byte[] before = utf8("1.1 Leaf\r\n1.1.B Verify");
        String after = text(TaskListWriter.injectDefaultCriteria(before, "1.1.B", List.of(UNIT, UNIT))
                .apply(before));
        assertThat(after)
                .startsWith("1.1 Leaf\r\n1.1.B Verify\r\n    - <criterion")
                .doesNotEndWith("\n");
        assertThat(after.split("\r\n")).hasSize(4);
    }

    @Test
    void injection_needs_a_b_line() {
        assertThat(TaskListWriter.injectDefaultCriteria(bytes("1.1 Leaf"), "1.1", List.of(UNIT)))
                .isInstanceOf(Edit.NotFound.class);
        assertThat(TaskListWriter.injectDefaultCriteria(bytes("1.1 Leaf", "1.1.B V"), "1.1.B", List.of()))
                .isInstanceOf(Edit.Unchanged.class);
    }

    @Test
    void rendered_criteria_read_back_to_the_same_values() {
        CriterionAttributes odd = new CriterionAttributes(
                "sec.scan",
                "sec",
                "cmd",
                "p95<200ms & \"x\"",
                List.of("sh", "-c", "echo 'a b' \"c\"", ""),
                "It's <safe>");
        String line = "- " + CriterionSyntax.render(odd);
        Criterion back = CriterionSyntax.parse(line, 1, true);
        assertThat(back)
                .isInstanceOfSatisfying(
                        Criterion.Programmable.class,
                        p -> assertThat(p.attributes()).isEqualTo(odd));
    }

    private static OutcomeEntry entry(String id) {
        return new OutcomeEntry(
                id,
                "Gate the tab",
                "done",
                "task/1.1.3-gate-the-tab",
                "3f2a1c0",
                "https://github.com/o/r/pull/42",
                "aider",
                2,
                Instant.parse("2026-01-02T10:00:00Z"),
                Instant.parse("2026-01-02T10:03:12Z"),
                List.of("test.unit"),
                List.of(),
                List.of("The tab is hidden"),
                "artifacts/1.1.3/");
    }

    @Test
    void an_outcome_section_is_appended_once() {
        byte[] first = TaskListWriter.appendOutcome(new byte[0], entry("1.1.3")).apply(new byte[0]);
        assertThat(text(first)).isEqualTo("""
                        ## 1.1.3 Gate the tab

                        - status: done
                        - branch: task/1.1.3-gate-the-tab
                        - commit: 3f2a1c0
                        - PR: https://github.com/o/r/pull/42
                        - tool: aider
                        - attempts: 2
                        - started: 2026-01-02T10:00:00Z
                        - finished: 2026-01-02T10:03:12Z
                        - duration: 3m 12s
                        - criteria passed: test.unit
                        - criteria failed: none
                        - not machine-checked: The tab is hidden
                        - artifacts: [artifacts/1.1.3/](artifacts/1.1.3/)
                        """);
        assertThat(TaskListWriter.appendOutcome(first, entry("1.1.3"))).isInstanceOf(Edit.Unchanged.class);
        byte[] second = TaskListWriter.appendOutcome(first, entry("1.1.4")).apply(first);
        assertThat(text(second)).startsWith(text(first) + "\n## 1.1.4 Gate the tab\n");
        assertThat(TaskListWriter.appendOutcome(second, entry("1.1"))).isInstanceOf(Edit.Changed.class);
    }

    @Test
    void an_outcome_appended_to_a_crlf_file_without_final_newline_keeps_every_old_byte() {
        byte[] before = utf8("# Outcomes\r\n\r\nnotes");
        byte[] after = TaskListWriter.appendOutcome(before, entry("2.1")).apply(before);
        assertThat(text(after))
                .startsWith("# Outcomes\r\n\r\nnotes\r\n\r\n## 2.1 Gate the tab\r\n\r\n- status: done\r\n");
    }
}
