package dev.clarity.bot.webhook;

import java.util.Optional;

/**
 * {@code issue_comment.created}: a comment on an issue or a pull request.
 *
 * @param installationId the App installation the delivery came through
 * @param issueNumber the issue's (or pull request's) number, where the answer goes
 * @param author the comment's author ({@code comment.user.login}, else {@code sender.login})
 * @param byBot the comment was written, or sent, by a bot (Clarity's own App included)
 */
public record IssueCommentCreated(
        String deliveryId,
        long installationId,
        Repository repository,
        int issueNumber,
        long commentId,
        String body,
        String author,
        boolean byBot)
        implements WebhookEvent {
    /**
     * The repository commented in, with its owner.
     *
     * @param fullName {@code owner/name}
     * @param defaultBranch empty when the payload does not say
     */
    public record Repository(
            long id, String fullName, long ownerId, String ownerLogin, Optional<String> defaultBranch) {}
}
