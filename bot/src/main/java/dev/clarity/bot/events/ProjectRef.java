package dev.clarity.bot.events;

/** The project row a repository maps to, with what event handling needs of it. */
public record ProjectRef(long id, String repository, long installationId, String defaultBranch, String taskListPath) {}
