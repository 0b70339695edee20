package dev.clarity.bot.orchestrator;

import dev.clarity.vocabulary.Step;

/**
 * One item of an execution at the position a step works on: what the store's item methods ({@link TaskRuns}) are
 * told about, so that none of them needs the execution, item, step and attempts as separate arguments.
 */
public record ItemRef(long executionId, String taskId, Step step, int attempts) {
    public ItemRef {
        if (taskId == null) {
            throw new IllegalArgumentException("an item reference needs the item's id");
        }
    }

    /** The item the cursor of execution {@code executionId} points at. */
    public static ItemRef of(long executionId, Cursor cursor) {
        return new ItemRef(executionId, cursor.taskId(), cursor.step(), cursor.attempts());
    }
}
