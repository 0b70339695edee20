package dev.clarity.bot.github;

/** A check run as GitHub holds it; {@code conclusion} is null until completed. */
public record CheckRun(long id, String name, String externalId, String status, String conclusion, String htmlUrl) {}
