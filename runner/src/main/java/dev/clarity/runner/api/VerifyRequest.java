package dev.clarity.runner.api;

import java.util.List;

/**
 * Run every criterion in the workspace. {@code standardChecks} adds the repository's build and test commands from
 * {@code .clarity.yml} (for task leaves and {@code X.A} items). {@code workRequired} (task leaves) fails the item
 * with {@link Failure#noWork()} when its net change against its base commit is empty, leaving out Clarity's own
 * files: {@code ownFiles} (the task list and the outcomes file), {@code .clarity.yml}, {@code artifacts/} and every
 * other protected file ({@code protectedFiles}) except those a person approved. The protected files are put back
 * after each check, so that no check changes what a later one runs. With {@code assessRisk}, a passing result
 * carries the diff's {@link Risk}s ({@code risk:} in {@code .clarity.yml}) and the diff's digest. It also
 * holds the tool's attempt to the rule that tests only grow: a test file of the base that the work deleted or renamed
 * away fails the item ({@link Failure#testDeleted}).
 */
public record VerifyRequest(
        String workspaceId,
        String taskId,
        List<CriterionSpec> criteria,
        boolean standardChecks,
        String idempotencyKey,
        boolean workRequired,
        List<String> ownFiles,
        ProtectedFiles protectedFiles,
        boolean assessRisk) {
    public VerifyRequest {
        criteria = List.copyOf(criteria);
        ownFiles = ownFiles == null ? List.of() : List.copyOf(ownFiles);
        protectedFiles = protectedFiles == null ? ProtectedFiles.NONE : protectedFiles;
    }

    /** A request as callers made it before protected files and risks. */
    public VerifyRequest(
            String workspaceId,
            String taskId,
            List<CriterionSpec> criteria,
            boolean standardChecks,
            String idempotencyKey,
            boolean workRequired,
            List<String> ownFiles) {
        this(
                workspaceId,
                taskId,
                criteria,
                standardChecks,
                idempotencyKey,
                workRequired,
                ownFiles,
                ProtectedFiles.NONE,
                false);
    }

    /** A request that requires no work (check lines, a person's commit). */
    public VerifyRequest(
            String workspaceId,
            String taskId,
            List<CriterionSpec> criteria,
            boolean standardChecks,
            String idempotencyKey) {
        this(workspaceId, taskId, criteria, standardChecks, idempotencyKey, false, List.of());
    }
}
