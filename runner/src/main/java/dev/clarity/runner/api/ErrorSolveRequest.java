package dev.clarity.runner.api;

import java.util.List;

/**
 * Ask the tool to repair the failures; {@code attempt} is 1 to 3. {@code maxTokens} is the step's token limit as in
 * {@link ImplementRequest} (0 for none).
 */
public record ErrorSolveRequest(
        String workspaceId,
        String taskId,
        String taskTitle,
        String tool,
        int attempt,
        List<Failure> failures,
        String lastDiff,
        String idempotencyKey,
        long maxTokens) {
    public ErrorSolveRequest {
        failures = List.copyOf(failures);
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens is 0 (no limit) or positive, not " + maxTokens);
        }
    }

    /** A request without a token limit. */
    public ErrorSolveRequest(
            String workspaceId,
            String taskId,
            String taskTitle,
            String tool,
            int attempt,
            List<Failure> failures,
            String lastDiff,
            String idempotencyKey) {
        this(workspaceId, taskId, taskTitle, tool, attempt, failures, lastDiff, idempotencyKey, 0);
    }
}
