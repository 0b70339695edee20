package dev.clarity.bot.webhook;

/**
 * {@code pull_request.closed}: a pull request was closed, merged or not.
 *
 * @param repository {@code repository.full_name}, what the project is found by
 * @param headBranch the branch the pull request brought in
 * @param baseBranch the branch it was to be merged into
 */
public record PullRequestClosed(
        String deliveryId, String repository, int number, boolean merged, String headBranch, String baseBranch)
        implements WebhookEvent {}
