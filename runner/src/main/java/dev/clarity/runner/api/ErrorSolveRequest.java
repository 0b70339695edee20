package dev.clarity.runner.api;

import java.util.List;

/**
 * Ask the tool to repair the failures; {@code attempt} is 1 to 3. {@code protectedFiles} as for
 * {@link ImplementRequest}; {@code maxTokens} is the step's token limit as in {@link ImplementRequest} (0 for none).
 * {@code parentContext} (the item's parent lines) and
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
        ProtectedFiles protectedFiles,
        long maxTokens,
        String parentContext,
        List<CriterionSpec> criteria) {
    public ErrorSolveRequest {
        failures = List.copyOf(failures);
        protectedFiles = protectedFiles == null ? ProtectedFiles.NONE : protectedFiles;
        criteria = criteria == null ? List.of() : List.copyOf(criteria);
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens is 0 (no limit) or positive, not " + maxTokens);
        }
    }

    /** A request with protected files of its own, no token limit and no item context. */
    public ErrorSolveRequest(
            String workspaceId,
            String taskId,
            String taskTitle,
            String tool,
            int attempt,
            List<Failure> failures,
            String lastDiff,
            String idempotencyKey,
            ProtectedFiles protectedFiles) {
        this(
                workspaceId,
                taskId,
                taskTitle,
                tool,
                attempt,
                failures,
                lastDiff,
                idempotencyKey,
                protectedFiles,
                0,
                null,
                List.of());
    }

    /** A request with a token limit that names no protected files of its own and no item context. */
    public ErrorSolveRequest(
            String workspaceId,
            String taskId,
            String taskTitle,
            String tool,
            int attempt,
            List<Failure> failures,
            String lastDiff,
            String idempotencyKey,
            long maxTokens) {
        this(
                workspaceId,
                taskId,
                taskTitle,
                tool,
                attempt,
                failures,
                lastDiff,
                idempotencyKey,
                ProtectedFiles.NONE,
                maxTokens,
                null,
                List.of());
    }

    /** A request with the item's context, no protected files of its own and no token limit. */
    public ErrorSolveRequest(
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
        this(
                workspaceId,
                taskId,
                taskTitle,
                tool,
                attempt,
                failures,
                lastDiff,
                idempotencyKey,
                ProtectedFiles.NONE,
                0,
                parentContext,
                criteria);
    }

    /** A request that names no protected files of its own (the runner's own rules still apply), without a limit. */
    public ErrorSolveRequest(
            String workspaceId,
            String taskId,
            String taskTitle,
            String tool,
            int attempt,
            List<Failure> failures,
            String lastDiff,
            String idempotencyKey) {
        this(
                workspaceId,
                taskId,
                taskTitle,
                tool,
                attempt,
                failures,
                lastDiff,
                idempotencyKey,
                ProtectedFiles.NONE,
                0,
                null,
                List.of());
    }
}
