package dev.clarity.dashboard.executions;

/**
 * One line of the execution page's tree: an item of the task list (a group, a task leaf or a check line) with its
 * status. {@code row} is the item's row when the execution has started it, else null; {@code state} is one word for
 * styling and tests ({@code done}, {@code person}, {@code running}, {@code review}, {@code blocked},
 * {@code skipped}, {@code stopped}, {@code not-started}), {@code status} the sentence a person reads.
 */
public record TreeItem(String taskId, String title, int depth, String state, String status, TaskRow row) {
    /** Whether the item was started by the execution (its controls and links come from the row). */
    public boolean started() {
        return row != null;
    }
}
