package dev.clarity.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Mutates valid generated lists at random (bytes inserted, deleted, replaced, lines duplicated or cut, including
 * invalid UTF-8, NUL, line endings and the characters the grammar cares about) and checks that reading, selecting,
 * linting and marking (every third mutant) never raise anything but {@link TaskListException}, and that SELECT never picks an item that
 * is done or has an unmet dependency. 10,000 tries × 10 mutated inputs = 100,000 mutations.
 */
class TaskListFuzzTest {
    static final int MUTANTS_PER_TRY = 10;
    private static final AtomicLong MUTANTS = new AtomicLong();
    private static final byte[][] TOKENS = {
        "\n".getBytes(StandardCharsets.UTF_8),
        "\r\n".getBytes(StandardCharsets.UTF_8),
        "\r".getBytes(StandardCharsets.UTF_8),
        "✅".getBytes(StandardCharsets.UTF_8),
        "–".getBytes(StandardCharsets.UTF_8),
        "•".getBytes(StandardCharsets.UTF_8),
        "<".getBytes(StandardCharsets.UTF_8),
        ">".getBytes(StandardCharsets.UTF_8),
        "\"".getBytes(StandardCharsets.UTF_8),
        "'".getBytes(StandardCharsets.UTF_8),
        "`".getBytes(StandardCharsets.UTF_8),
        "```".getBytes(StandardCharsets.UTF_8),
        "<!--".getBytes(StandardCharsets.UTF_8),
        "-->".getBytes(StandardCharsets.UTF_8),
        "[".getBytes(StandardCharsets.UTF_8),
        "](".getBytes(StandardCharsets.UTF_8),
        ")".getBytes(StandardCharsets.UTF_8),
        "(Dependencies: ".getBytes(StandardCharsets.UTF_8),
        "1.1".getBytes(StandardCharsets.UTF_8),
        ".B".getBytes(StandardCharsets.UTF_8),
        ".".getBytes(StandardCharsets.UTF_8),
        "9".getBytes(StandardCharsets.UTF_8),
        "PHASE 1 COMPLETED\n".getBytes(StandardCharsets.UTF_8),
        "Phase 2 — ".getBytes(StandardCharsets.UTF_8),
        "#".getBytes(StandardCharsets.UTF_8),
        "**".getBytes(StandardCharsets.UTF_8),
        "- [x] ".getBytes(StandardCharsets.UTF_8),
        "<criterion key=\"".getBytes(StandardCharsets.UTF_8),
        "Status: COMPLETE\n".getBytes(StandardCharsets.UTF_8),
        "\t".getBytes(StandardCharsets.UTF_8),
        new byte[] {0},
        new byte[] {(byte) 0xC3},
        new byte[] {(byte) 0xFF},
        new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}
    };

    @Property(tries = 10_000)
    void mutated_lists_never_break_the_engine(@ForAll long seed) {
        ListGenerator.Generated g = ListGenerator.generate(seed);
        Random random = new Random(seed ^ 0x5DEECE66DL);
        for (int m = 0; m < MUTANTS_PER_TRY; m++) {
            byte[] mutant = mutate(g.bytes(), random, 1 + random.nextInt(8));
            MUTANTS.incrementAndGet();
            exercise(mutant, random, m % 3 == 0);
        }
    }

    @AfterContainer
    static void at_least_100_000_mutants_were_tried() {
        assertThat(MUTANTS.get()).isGreaterThanOrEqualTo(100_000L);
    }

    /** Reads and selects every mutant; lints and marks every third one too (to keep the run short). */
    private static void exercise(byte[] bytes, Random random, boolean lintAndMark) {
        TaskList list;
        try {
            list = TaskListReader.parse(bytes);
        } catch (TaskListException expected) {
            assertThat(expected.getMessage()).isNotBlank();
            return;
        }
        Selection s = TaskSelector.select(list);
        if (s instanceof Selection.Next next) {
            Task t = next.item().task();
            assertThat(t.done()).as("selected %s is done", t.id()).isFalse();
            assertThat(t.atomic()).isTrue();
            assertThat(TaskSelector.unmet(list, t)).isEmpty();
        }
        if (!lintAndMark) {
            return;
        }
        TaskListLint.check(list);
        if (!list.isEmpty()) {
            Task t = list.tasks().get(random.nextInt(list.tasks().size()));
            byte[] after =
                    TaskListWriter.markDone(bytes, t.id(), java.util.List.of()).apply(bytes);
            assertThat(TaskListWriter.markDone(after, t.id(), java.util.List.of()))
                    .isInstanceOf(Edit.Unchanged.class);
        }
    }

    private static byte[] mutate(byte[] input, Random random, int count) {
        byte[] b = input;
        for (int i = 0; i < count; i++) {
            int pos = b.length == 0 ? 0 : random.nextInt(b.length + 1);
            switch (random.nextInt(5)) {
                case 0 -> b = splice(b, pos, 0, TOKENS[random.nextInt(TOKENS.length)]);
                case 1 -> b = splice(b, pos, Math.min(b.length - pos, 1 + random.nextInt(6)), new byte[0]);
                case 2 -> b = splice(b, pos, Math.min(b.length - pos, 1), new byte[] {(byte) random.nextInt(256)});
                case 3 -> {
                    int len = Math.min(b.length - pos, random.nextInt(80));
                    int at = random.nextInt(b.length + 1);
                    byte[] copy = java.util.Arrays.copyOfRange(b, pos, pos + len);
                    b = splice(b, at, 0, copy);
                }
                default -> b = splice(b, pos, 0, TOKENS[random.nextInt(TOKENS.length)]);
            }
        }
        return b;
    }

    private static byte[] splice(byte[] b, int pos, int remove, byte[] insert) {
        byte[] out = new byte[b.length - remove + insert.length];
        System.arraycopy(b, 0, out, 0, pos);
        System.arraycopy(insert, 0, out, pos, insert.length);
        System.arraycopy(b, pos + remove, out, pos + insert.length, b.length - pos - remove);
        return out;
    }
}
