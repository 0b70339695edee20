package dev.clarity.runner.api;

import java.util.List;

/** Ask the tool to repair the failures; {@code attempt} is 1 to 3. */
public record ErrorSolveRequest(
        String workspaceId,
        String taskId,
        String taskTitle,
        String tool,
        int attempt,
        List<Failure> failures,
        String lastDiff,
        String idempotencyKey) {
    public ErrorSolveRequest {
        failures = List.copyOf(failures);
    }
}
