package dev.clarity.bot.render;

import java.util.List;

/**
 * One criterion of a task with its verdict. {@code evidence} is a short, already redacted summary (may be null);
 * {@code file} and {@code line} locate a failure when the check knows where (may be null / 0); {@code output} is the
 * redacted tail of what the check printed ({@code ""} when unknown) and {@code spots} every failure that names a file
 * and line (they become check run annotations).
 */
public record CriterionResult(
        String key,
        String description,
        Verdict verdict,
        String evidence,
        String file,
        int line,
        String output,
        List<Spot> spots) {
    public CriterionResult {
        output = output == null ? "" : output;
        spots = spots == null ? List.of() : List.copyOf(spots);
    }

    public CriterionResult(String key, String description, Verdict verdict, String evidence, String file, int line) {
        this(key, description, verdict, evidence, file, line, "", List.of());
    }

    /** A failure at {@code path:line} (from 1), with what the check said there. */
    public record Spot(String path, int line, String message) {}
}
