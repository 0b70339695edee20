package dev.clarity.tasks;

import java.util.List;

/**
 * One task or check line, immutable, as read from the file.
 *
 * @param id the id as written, without decoration ({@code 1.2.3}, {@code 1.1.B})
 * @param title the title without id, dependencies, done mark or evidence links
 * @param line the 1-based line of the task line
 * @param kind task or which check
 * @param checkOf for a check line, the id of the task it verifies (X); null for a task
 * @param parentId the parent task's id (nearest existing id prefix, or X for a check line); null under a phase
 * @param phase the phase number (the first part of the id)
 * @param atomic true for a check line and for a task without child task lines
 * @param marked the line itself says done: {@code ✅}, a checked box, or a {@code Status: COMPLETE} line under it
 * @param done done after every rule of spec §2 (own mark, a marked ancestor, a completed phase, or for a group all
 *     of its atomic items)
 * @param dependencies the dependencies written on this line or directly under it (not the inherited ones)
 * @param criteria the criterion lines under this line (only a {@code B} line has them)
 * @param childIds the ids of the direct children in document order (task lines and check lines)
 */
public record Task(
        String id,
        String title,
        int line,
        ItemKind kind,
        String checkOf,
        String parentId,
        int phase,
        boolean atomic,
        boolean marked,
        boolean done,
        List<Dependency> dependencies,
        List<Criterion> criteria,
        List<String> childIds) {
    public Task {
        dependencies = List.copyOf(dependencies);
        criteria = List.copyOf(criteria);
        childIds = List.copyOf(childIds);
    }

    /** True for a task line that has child task lines (check lines do not make a group). */
    public boolean isGroup() {
        return !atomic;
    }
}
