package dev.clarity.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of the writer over generated lists with random line endings, indentation, BOM and final newline:
 * every edit is idempotent and leaves every byte it does not own exactly where it was.
 */
class TaskListWriterPropertiesTest {
    private static final List<CriterionAttributes> DEFAULTS = List.of(
            new CriterionAttributes("test.unit", "test", "cmd", null, List.of("npm", "test"), null),
            new CriterionAttributes(
                    "ops.build", "ops", "cmd", null, List.of("sh", "-c", "make 'all targets'"), "It builds"));

    @Property(tries = 400)
    void mark_done_is_idempotent_and_only_appends_to_the_lines_it_marks(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 1000) int pick) {
        ListGenerator.Generated g = ListGenerator.generate(seed);
        String id = g.ids().get(pick % g.ids().size());
        List<EvidenceLink> links =
                List.of(EvidenceLink.of("artifacts/" + id + "/"), EvidenceLink.of("https://github.com/o/r/pull/7"));
        Edit edit = TaskListWriter.markDone(g.bytes(), id, links);
        byte[] after = edit.apply(g.bytes());
        assertThat(TaskListWriter.markDone(after, id, links)).isInstanceOf(Edit.Unchanged.class);
        assertThat(TaskListReader.parse(after).find(id).orElseThrow().done()).isTrue();
        if (edit instanceof Edit.Changed changed) {
            assertOnlyAppendedTo(g.bytes(), after, changed.lines());
        } else {
            assertThat(after).isEqualTo(g.bytes());
        }
    }

    @Property(tries = 300)
    void marking_every_item_in_order_ends_with_all_done_and_never_touches_other_bytes(@ForAll long seed) {
        ListGenerator.Generated g = ListGenerator.generate(seed);
        byte[] bytes = g.bytes();
        for (Task t : TaskListReader.parse(bytes).atomicItems()) {
            Edit edit = TaskListWriter.markDone(bytes, t.id(), List.of());
            byte[] next = edit.apply(bytes);
            if (edit instanceof Edit.Changed c) {
                assertOnlyAppendedTo(bytes, next, c.lines());
            }
            bytes = next;
        }
        TaskList done = TaskListReader.parse(bytes);
        assertThat(done.tasks()).allMatch(Task::done);
        assertThat(TaskSelector.select(done)).isInstanceOf(Selection.AllDone.class);
    }

    @Property(tries = 400)
    void inject_is_idempotent_and_only_inserts_whole_lines_after_the_b_line(
            @ForAll long seed, @ForAll @IntRange(min = 0, max = 1000) int pick) {
        ListGenerator.Generated g = ListGenerator.generate(seed);
        String b = g.bLines().get(pick % g.bLines().size());
        Edit edit = TaskListWriter.injectDefaultCriteria(g.bytes(), b, DEFAULTS);
        byte[] after = edit.apply(g.bytes());
        assertThat(TaskListWriter.injectDefaultCriteria(after, b, DEFAULTS)).isInstanceOf(Edit.Unchanged.class);
        assertThat(TaskListReader.parse(after).item(b).orElseThrow().criteria()).isNotEmpty();
        if (edit instanceof Edit.Changed) {
            List<String> before = lines(g.bytes());
            List<String> now = lines(after);
            assertThat(now).hasSize(before.size() + DEFAULTS.size());
            List<String> withoutInserted = new ArrayList<>(now);
            int bLine = TaskListReader.parse(g.bytes()).find(b).orElseThrow().line();
            List<String> inserted = new ArrayList<>(withoutInserted.subList(bLine, bLine + DEFAULTS.size()));
            withoutInserted.subList(bLine, bLine + DEFAULTS.size()).clear();
            // the B line may gain the ending when it was the last line without one
            if (!before.get(bLine - 1).endsWith("\n")) {
                withoutInserted.set(bLine - 1, before.get(bLine - 1));
                inserted.set(DEFAULTS.size() - 1, inserted.get(DEFAULTS.size() - 1) + "\n");
            }
            assertThat(withoutInserted).isEqualTo(before);
            assertThat(inserted).allMatch(l -> l.contains("<criterion key="));
        }
    }

    @Property(tries = 300)
    void append_outcome_keeps_the_old_bytes_as_a_prefix_and_is_idempotent(
            @ForAll long seed, @ForAll @IntRange(min = 1, max = 9) int id) {
        byte[] outcomes = ListGenerator.generate(seed).bytes();
        OutcomeEntry entry = new OutcomeEntry(
                "7." + id,
                "Title",
                "done",
                "task/7-title",
                "abc",
                null,
                "aider",
                1,
                Instant.EPOCH,
                Instant.EPOCH.plusSeconds(61),
                List.of("k"),
                List.of(),
                List.of(),
                null);
        Edit edit = TaskListWriter.appendOutcome(outcomes, entry);
        byte[] after = edit.apply(outcomes);
        assertThat(Arrays.copyOf(after, outcomes.length)).isEqualTo(outcomes);
        assertThat(TaskListWriter.appendOutcome(after, entry)).isInstanceOf(Edit.Unchanged.class);
    }

    /** Splits into lines that keep their endings. */
    static List<String> lines(byte[] bytes) {
        String s = Lists.text(bytes);
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\n') {
                out.add(s.substring(start, i + 1));
                start = i + 1;
            }
        }
        if (start < s.length()) {
            out.add(s.substring(start));
        }
        return out;
    }

    /** Every line is the same, except the changed ones, which only gained " ✅…" before their trailing blanks. */
    static void assertOnlyAppendedTo(byte[] before, byte[] after, List<Integer> changed) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            if (!changed.contains(i + 1)) {
                assertThat(b.get(i)).isEqualTo(a.get(i));
                continue;
            }
            String old = a.get(i);
            int end = old.endsWith("\r\n") ? old.length() - 2 : old.endsWith("\n") ? old.length() - 1 : old.length();
            int keep = end;
            while (keep > 0 && (old.charAt(keep - 1) == ' ' || old.charAt(keep - 1) == '\t')) {
                keep--;
            }
            String head = old.substring(0, keep);
            String tail = old.substring(keep);
            assertThat(b.get(i)).startsWith(head + " ✅").endsWith(tail);
        }
    }
}
