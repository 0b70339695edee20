package dev.clarity.runner.api;

/**
 * Clone or fetch {@code repoUrl} into the workspace and check out {@code branch} created from {@code baseBranch}.
 *
 * <p>With {@code adoptBase} (an item a person took over by pushing to its branch): {@code baseBranch} is the person's
 * branch on the remote, and {@code branch} is started afresh at its head as it is now, discarding a local
 * {@code branch} that does not contain it; a {@code branch} that already contains it (a repeat) is only checked
 * out. The person's branch itself is never written. Absent, the request is the plain prep above.
 */
public record PrepRequest(
        String repoUrl,
        String workspaceId,
        String taskId,
        String baseBranch,
        String branch,
        String idempotencyKey,
        GitCredentials credentials,
        boolean adoptBase) {
    /** A plain prep: {@code branch} as it is, or created from {@code baseBranch}. */
    public PrepRequest(
            String repoUrl,
            String workspaceId,
            String taskId,
            String baseBranch,
            String branch,
            String idempotencyKey,
            GitCredentials credentials) {
        this(repoUrl, workspaceId, taskId, baseBranch, branch, idempotencyKey, credentials, false);
    }
}
