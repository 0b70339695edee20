package dev.clarity.tasks;

import java.util.List;

/**
 * A phase: the parent of the top-level ids {@code N.x}. Exists when a phase line or a task of the phase exists,
 * or a {@code PHASE N COMPLETED} line names it.
 *
 * @param line 1-based line of the phase line, 0 when there is none
 * @param completedLine 1-based line of {@code PHASE N COMPLETED}, 0 when the phase is not marked completed
 */
public record Phase(int number, String title, int line, List<Dependency> dependencies, int completedLine) {
    public Phase {
        dependencies = List.copyOf(dependencies);
    }

    public boolean completed() {
        return completedLine > 0;
    }
}
