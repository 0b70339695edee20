package dev.clarity.bot.github;

/** A comment on an issue or pull request. */
public record IssueComment(long id, String body, String htmlUrl, String authorLogin) {}
