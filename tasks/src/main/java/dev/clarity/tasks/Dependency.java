package dev.clarity.tasks;

/**
 * One dependency as written on a task or phase line (spec §2), with the 1-based line it was read from. Whether it
 * is met is decided by {@link TaskList#isMet(Dependency)}.
 */
public sealed interface Dependency {
    int line();

    /** The canonical spelling: an id, {@code 1.1–1.10}, or {@code Phase 2}. */
    String label();

    /** A dependency on one task id (a label after the id is dropped). */
    record OnTask(String id, int line) implements Dependency {
        @Override
        public String label() {
            return id;
        }
    }

    /** Every task from {@code from} to {@code to} in document order. */
    record OnRange(String from, String to, int line) implements Dependency {
        @Override
        public String label() {
            return from + "–" + to;
        }
    }

    /** Every task of phase {@code phase} ({@code Phase 2}, {@code Phase 2 complete} or a bare {@code 2}). */
    record OnPhase(int phase, int line) implements Dependency {
        @Override
        public String label() {
            return "Phase " + phase;
        }
    }
}
