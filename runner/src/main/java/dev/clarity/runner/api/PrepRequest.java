package dev.clarity.runner.api;

/** Clone or fetch {@code repoUrl} into the workspace and check out {@code branch} created from {@code baseBranch}. */
public record PrepRequest(
        String repoUrl,
        String workspaceId,
        String taskId,
        String baseBranch,
        String branch,
        String idempotencyKey,
        GitCredentials credentials) {}
