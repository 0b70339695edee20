package dev.clarity.bot.render;

/**
 * One criterion of a task with its verdict. {@code evidence} is a short, already redacted summary (may be null);
 * {@code file} and {@code line} locate a failure when the check knows where (may be null / 0).
 */
public record CriterionResult(
        String key, String description, Verdict verdict, String evidence, String file, int line) {}
