package dev.clarity.runner.api;

/**
 * Clone or fetch {@code repoUrl} into the workspace and check out {@code branch} created from {@code baseBranch}.
 *
 * <p>With {@code personBranch} (an item a person took over by pushing to that branch): {@code branch} (the item's
 * record branch) is started afresh at the head of the person's branch on the remote as it is now, with
 * {@code baseBranch} merged in when the person's branch does not contain it yet, discarding a local {@code branch}
 * that does not contain the person's head; a {@code branch} that already contains it (a repeat) is only checked out.
 * A conflict is {@link PrepResult.Conflict}. The person's branch itself is never written. Absent, the request is the
 * plain prep above.
 */
public record PrepRequest(
        String repoUrl,
        String workspaceId,
        String taskId,
        String baseBranch,
        String branch,
        String idempotencyKey,
        GitCredentials credentials,
        String personBranch) {
    /** A plain prep: {@code branch} as it is, or created from {@code baseBranch}. */
    public PrepRequest(
            String repoUrl,
            String workspaceId,
            String taskId,
            String baseBranch,
            String branch,
            String idempotencyKey,
            GitCredentials credentials) {
        this(repoUrl, workspaceId, taskId, baseBranch, branch, idempotencyKey, credentials, null);
    }
}
