package dev.clarity.tasks;

import java.util.List;

/** What SELECT finds in a task list (spec §2); see {@link TaskSelector#select}. */
public sealed interface Selection {
    /** The first atomic item that is not done and whose dependencies (own, ancestors', phase's) are all done. */
    record Next(AtomicItem item) implements Selection {}

    /** There are atomic items and every one is done. */
    record AllDone() implements Selection {}

    /**
     * Some items are not done but none is eligible: {@code firstNotDone} is the first of them in document order
     * and {@code unmet} its unmet dependencies (ids, {@code Phase N}, or unknown ids).
     */
    record Blocked(Task firstNotDone, List<String> unmet) implements Selection {
        public Blocked {
            unmet = List.copyOf(unmet);
        }
    }

    /** The file holds no task lines at all. */
    record NoTasks() implements Selection {}
}
