package dev.clarity.bot.github;

/**
 * A comment on an issue or pull request. {@code authorType} is GitHub's {@code user.type} ({@code User},
 * {@code Bot}, …); {@code viaAppId} is the id of the GitHub App it was written through
 * ({@code performed_via_github_app.id}), 0 when none.
 */
public record IssueComment(
        long id, String body, String htmlUrl, String authorLogin, String authorType, long viaAppId) {}
