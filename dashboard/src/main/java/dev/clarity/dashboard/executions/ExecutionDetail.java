package dev.clarity.dashboard.executions;

import java.util.List;

/**
 * Everything the right-hand panel shows about one execution; {@code tasks} are the items it started, {@code tree}
 * every item of its task list with its status ({@link TaskTree}); {@code usage} is what its model requests used, and
 * {@code itemUsage} the same per item (items without model requests are missing).
 */
public record ExecutionDetail(
        ExecutionRow execution,
        List<TaskRow> tasks,
        List<TreeItem> tree,
        TaskRow current,
        long lastSeq,
        UsageLine usage,
        java.util.Map<String, UsageLine> itemUsage) {
    public ExecutionDetail {
        tasks = List.copyOf(tasks);
        tree = List.copyOf(tree);
        itemUsage = java.util.Map.copyOf(itemUsage);
    }

    /** Without model usage, the tree being the started items. */
    public ExecutionDetail(ExecutionRow execution, List<TaskRow> tasks, TaskRow current, long lastSeq) {
        this(
                execution,
                tasks,
                TaskTree.of(
                        null,
                        tasks,
                        execution.currentTaskId(),
                        execution.running(),
                        java.util.Set.of(),
                        java.util.Set.of()),
                current,
                lastSeq,
                UsageLine.none("execution"),
                java.util.Map.of());
    }

    /** The item's usage, or null when it made no model request. */
    public UsageLine usageOf(String taskId) {
        return itemUsage.get(taskId);
    }
}
