package dev.clarity.runner.api;

import java.util.List;

/**
 * The evidence of one criterion a VERIFY ran, for a person to read (pull request body, check run): its verdict, its
 * one-sentence {@code summary}, an {@code excerpt} of its output (the last lines, redacted, at most
 * {@link #MAX_EXCERPT_CHARS}; {@code ""} when it has none) and the {@code locations} of its failures that name a file
 * and line (at most {@link #MAX_LOCATIONS}).
 */
public record CriterionReport(
        String key, boolean passed, String summary, String excerpt, List<SourceLocation> locations) {
    /** The most output characters an excerpt keeps (its tail). */
    public static final int MAX_EXCERPT_CHARS = 4_000;

    /** The most locations kept per criterion. */
    public static final int MAX_LOCATIONS = 200;

    public CriterionReport {
        summary = summary == null ? "" : summary;
        excerpt = excerpt == null ? "" : excerpt;
        locations = locations == null ? List.of() : List.copyOf(locations);
    }
}
