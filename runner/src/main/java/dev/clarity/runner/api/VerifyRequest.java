package dev.clarity.runner.api;

import java.util.List;

/**
 * Run every criterion in the workspace. {@code standardChecks} adds the repository's build and test commands from
 * {@code .clarity.yml} (for task leaves and {@code X.A} items).
 */
public record VerifyRequest(
        String workspaceId,
        String taskId,
        List<CriterionSpec> criteria,
        boolean standardChecks,
        String idempotencyKey) {
    public VerifyRequest {
        criteria = List.copyOf(criteria);
    }
}
