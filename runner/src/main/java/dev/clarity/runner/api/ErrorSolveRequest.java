package dev.clarity.runner.api;

import java.util.List;

/**
 * Ask the tool to repair the failures; {@code attempt} is 1 to 3. {@code parentContext} (the item's parent lines) and
 * {@code criteria} (its programmable criteria) are the item's context, as IMPLEMENT got it; older clients send
 * neither (null and empty).
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
        String parentContext,
        List<CriterionSpec> criteria) {
    public ErrorSolveRequest {
        failures = List.copyOf(failures);
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
    }

    /** A request without the item's context. */
    public ErrorSolveRequest(
            String workspaceId,
            String taskId,
            String taskTitle,
            String tool,
            int attempt,
            List<Failure> failures,
            String lastDiff,
            String idempotencyKey) {
        this(workspaceId, taskId, taskTitle, tool, attempt, failures, lastDiff, idempotencyKey, null, List.of());
    }
}
