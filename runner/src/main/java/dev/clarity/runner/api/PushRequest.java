package dev.clarity.runner.api;

/**
 * Push {@code branch} without force; {@link PushResult.RejectedByOthers} when someone else pushed to it.
 *
 * <p>With {@code mergeInto} (merge policy {@code auto}): instead, bring the already pushed {@code branch} into that
 * branch of the remote (the default branch) — by fast-forward when it has not moved since the item started, else by
 * a merge commit; a conflict is refused with a sentence and nothing is pushed. Never forced. A repeat finds the
 * branch already merged and does nothing.
 */
public record PushRequest(
        String workspaceId,
        String repoUrl,
        String branch,
        String idempotencyKey,
        GitCredentials credentials,
        String mergeInto) {
    /** A plain push of {@code branch}. */
    public PushRequest(
            String workspaceId, String repoUrl, String branch, String idempotencyKey, GitCredentials credentials) {
        this(workspaceId, repoUrl, branch, idempotencyKey, credentials, null);
    }
}
