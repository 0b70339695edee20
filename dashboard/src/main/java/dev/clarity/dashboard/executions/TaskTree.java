package dev.clarity.dashboard.executions;

import dev.clarity.tasks.Phase;
import dev.clarity.tasks.Task;
import dev.clarity.tasks.TaskList;
import dev.clarity.tasks.TaskListException;
import dev.clarity.tasks.TaskListReader;
import dev.clarity.tasks.TaskSelector;
import dev.clarity.vocabulary.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole task list of an execution as a tree, each item with its status: what the execution did to it (its row),
 * else what the list says (done, or blocked by an unmet dependency), else what a person marked (skipped, taken). A
 * phase or group line counts its atomic items that are done. Items the execution started that the list no longer
 * holds follow at the end. Without a stored list (an execution that has not read it yet) the tree is the started
 * items only. Pure: built from values, no I/O.
 */
public final class TaskTree {
    private final TaskList list;
    private final Map<String, TaskRow> rows = new LinkedHashMap<>();
    private final String current;
    private final boolean running;
    private final Set<String> skipped;
    private final Set<String> taken;

    private TaskTree(
            TaskList list,
            List<TaskRow> rows,
            String current,
            boolean running,
            Set<String> skipped,
            Set<String> taken) {
        this.list = list;
        rows.forEach(r -> this.rows.put(r.taskId(), r));
        this.current = current;
        this.running = running;
        this.skipped = skipped;
        this.taken = taken;
    }

    /**
     * @param listText the list as the execution last read it, or null
     * @param rows the execution's started items, in numbering order
     * @param current the item the execution works on, or null
     * @param running whether the execution runs now (a started item that is not finished is then running, else stopped)
     * @param skipped items a person marked to skip
     * @param taken items a person took over
     */
    public static List<TreeItem> of(
            String listText,
            List<TaskRow> rows,
            String current,
            boolean running,
            Set<String> skipped,
            Set<String> taken) {
        return new TaskTree(parse(listText), rows, current, running, skipped, taken).items();
    }

    private List<TreeItem> items() {
        List<TreeItem> out = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        if (list != null) {
            Set<Integer> shown = new HashSet<>();
            for (Task t : list.tasks()) {
                if (shown.add(t.phase())) {
                    list.phase(t.phase()).ifPresent(p -> out.add(phase(p)));
                }
                listed.add(t.id());
                out.add(t.atomic() ? atomic(t) : group(t));
            }
        }
        for (TaskRow row : rows.values()) {
            if (!listed.contains(row.taskId())) {
                out.add(new TreeItem(row.taskId(), row.title(), row.depth(), state(row), row.status(), row));
            }
        }
        return out;
    }

    private static TaskList parse(String listText) {
        if (listText == null) {
            return null;
        }
        try {
            return TaskListReader.parse(listText.getBytes(StandardCharsets.UTF_8));
        } catch (TaskListException e) {
            return null; // the execution read it, so this does not happen; the started items are still shown
        }
    }

    private TreeItem atomic(Task t) {
        int depth = depth(t.id());
        TaskRow row = rows.get(t.id());
        if (row != null) {
            return new TreeItem(t.id(), t.title(), depth, state(row), row.status(), row);
        }
        if (t.done()) {
            return new TreeItem(t.id(), t.title(), depth, "done", "✅ done", null);
        }
        if (skipped.contains(t.id())) {
            return new TreeItem(t.id(), t.title(), depth, "skipped", "⏭️ to be skipped", null);
        }
        if (taken.contains(t.id())) {
            return new TreeItem(t.id(), t.title(), depth, "person", "👤 taken over by a person", null);
        }
        List<String> unmet = TaskSelector.unmet(list, t);
        if (!unmet.isEmpty()) {
            return new TreeItem(t.id(), t.title(), depth, "blocked", "⛔ blocked by " + String.join(", ", unmet), null);
        }
        return new TreeItem(t.id(), t.title(), depth, "not-started", "⚪ not started", null);
    }

    private TreeItem group(Task t) {
        List<Task> items = new ArrayList<>();
        collect(t, items);
        return summary(t.id(), t.title(), depth(t.id()), t.done(), items);
    }

    /** A phase's line (depth 0, numbered {@code N}). */
    private TreeItem phase(Phase p) {
        List<Task> items =
                list.atomicItems().stream().filter(t -> t.phase() == p.number()).toList();
        String id = Integer.toString(p.number());
        return summary(id, p.title().isBlank() ? "Phase " + id : p.title(), 0, p.completed(), items);
    }

    /** Done when marked so or when all its items are; else how many of its items are done, running when one runs. */
    private TreeItem summary(String id, String title, int depth, boolean marked, List<Task> items) {
        long done = items.stream().filter(this::finished).count();
        if (marked || (!items.isEmpty() && done == items.size())) {
            return new TreeItem(id, title, depth, "done", "✅ done", null);
        }
        boolean runs = running && items.stream().anyMatch(t -> t.id().equals(current));
        String counted = done + " of " + items.size() + " items done";
        return runs
                ? new TreeItem(id, title, depth, "running", "🟡 " + counted, null)
                : new TreeItem(id, title, depth, "not-started", "⚪ " + counted, null);
    }

    private boolean finished(Task t) {
        TaskRow row = rows.get(t.id());
        if (row == null) {
            return t.done();
        }
        String s = state(row);
        return s.equals("done") || (s.equals("person") && row.step().equals(Step.DONE.name()));
    }

    private void collect(Task task, List<Task> into) {
        for (Task child : list.children(task)) {
            if (child.atomic()) {
                into.add(child);
            } else {
                collect(child, into);
            }
        }
    }

    private static int depth(String id) {
        return (int) id.chars().filter(c -> c == '.').count();
    }

    private String state(TaskRow row) {
        return switch (Step.valueOf(row.step())) {
            case DONE -> row.personCommit() != null ? "person" : "done";
            case SKIPPED -> "skipped";
            case HUMAN_REVIEW -> "review";
            case HUMAN_CHECK -> "person";
            default -> running && row.taskId().equals(current) ? "running" : "stopped";
        };
    }
}
