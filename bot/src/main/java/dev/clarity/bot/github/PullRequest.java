package dev.clarity.bot.github;

/** A pull request: {@code head} and {@code base} are branch names; {@code state} is open or closed. */
public record PullRequest(int number, String htmlUrl, String head, String base, String state, boolean merged) {}
