package dev.clarity.runner.api;

import java.util.List;

/**
 * Ask the tool to repair the failures; {@code attempt} is 1 to 3. {@code protectedFiles} as for
 * {@link ImplementRequest}.
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
        ProtectedFiles protectedFiles) {
    public ErrorSolveRequest {
        failures = List.copyOf(failures);
        protectedFiles = protectedFiles == null ? ProtectedFiles.NONE : protectedFiles;
    }

    /** A request that names no protected files of its own (the runner's own rules still apply). */
    public ErrorSolveRequest(
            String workspaceId,
            String taskId,
            String taskTitle,
            String tool,
            int attempt,
            List<Failure> failures,
            String lastDiff,
            String idempotencyKey) {
        this(workspaceId, taskId, taskTitle, tool, attempt, failures, lastDiff, idempotencyKey, ProtectedFiles.NONE);
    }
}
