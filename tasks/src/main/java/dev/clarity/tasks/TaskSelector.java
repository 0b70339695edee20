package dev.clarity.tasks;

import java.util.ArrayList;
import java.util.List;

/** The SELECT step as a pure function of a parsed list (spec §2). Thread-safe. */
public final class TaskSelector {
    private TaskSelector() {}

    /** Never selects an item that is done; blocked lists the unmet dependencies of the first not-done item. */
    public static Selection select(TaskList list) {
        if (list.isEmpty()) {
            return new Selection.NoTasks();
        }
        Task firstNotDone = null;
        for (Task t : list.tasks()) {
            if (!t.atomic() || t.done()) {
                continue;
            }
            if (firstNotDone == null) {
                firstNotDone = t;
            }
            if (unmet(list, t).isEmpty()) {
                return new Selection.Next(list.describe(t));
            }
        }
        if (firstNotDone == null) {
            return new Selection.AllDone();
        }
        return new Selection.Blocked(firstNotDone, unmet(list, firstNotDone));
    }

    /** The unmet dependencies of a task: its own, its ancestors' and its phase's. */
    public static List<String> unmet(TaskList list, Task task) {
        List<String> out = new ArrayList<>();
        for (Dependency d : list.effectiveDependencies(task)) {
            for (String id : list.unmetIds(d)) {
                if (!out.contains(id)) {
                    out.add(id);
                }
            }
        }
        return out;
    }
}
