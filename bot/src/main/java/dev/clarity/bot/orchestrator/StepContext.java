package dev.clarity.bot.orchestrator;

/**
 * What one step works on: the execution as read before the step, the position it is at, and the repository's
 * settings read once for the whole step (so every part of the step and the transition after it see the same ones).
 */
public record StepContext(ExecutionSnapshot execution, Cursor cursor, RepoSettings repo) {
    public long executionId() {
        return execution.id();
    }

    public String taskId() {
        return cursor.taskId();
    }

    public String workspaceId() {
        return ExecutionLoop.workspaceId(execution.id());
    }

    /** The item at this step, as the store's item methods take it. */
    public ItemRef ref() {
        return ItemRef.of(execution.id(), cursor);
    }

    /** The idempotency key of this step's runner call in the item's {@code generation}. */
    public String key(int generation) {
        return key(execution.id(), cursor.taskId(), generation, cursor.step().name(), cursor.attempts());
    }

    /** An idempotency key: (execution, item, generation, step, attempt). */
    public static String key(long executionId, String taskId, int generation, String step, int attempt) {
        return "e" + executionId + "/" + taskId + "/g" + generation + "/" + step + "/" + attempt;
    }

    /** The generation a {@link #key} was made for (counted from the end: an item's id may hold a slash). */
    public static int generationOf(String key) {
        String[] parts = key.split("/");
        if (parts.length < 5 || !parts[parts.length - 3].matches("g[0-9]{1,9}")) {
            throw new IllegalArgumentException(
                    "not a step key (e<execution>/<item>/g<generation>/<step>/<attempt>): " + key);
        }
        return Integer.parseInt(parts[parts.length - 3].substring(1));
    }
}
