package dev.clarity.bot.render;

/** One line of the task tree; {@code depth} 0 for top-level items. */
public record TaskLine(String id, String title, TaskStatus status, int depth) {}
