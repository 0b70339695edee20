package dev.clarity.runner.checks;

import dev.clarity.runner.api.SourceLocation;
import java.util.List;

/**
 * The verdict on one criterion: {@code summary} is one redacted sentence, {@code location} is {@code file:line} when
 * known (else null), {@code evidence} the workspace-relative evidence file (else null), {@code excerpt} the tail of
 * what it printed (redacted; {@code ""} when it printed nothing) and {@code locations} each failure that names a file
 * and line.
 */
public record CheckResult(
        String key,
        boolean passed,
        String summary,
        String location,
        String evidence,
        String excerpt,
        List<SourceLocation> locations,
        TestCount counts) {
    /** How many tests a check ran and skipped, when it reported counts (JUnit/Surefire XML it wrote, pytest). */
    public record TestCount(int tests, int skipped) {}

    public CheckResult {
        excerpt = excerpt == null ? "" : excerpt;
        locations = locations == null ? List.of() : List.copyOf(locations);
    }

    public CheckResult(String key, boolean passed, String summary, String location, String evidence) {
        this(key, passed, summary, location, evidence, "", List.of(), null);
    }

    static CheckResult pass(String key, String summary, String evidence) {
        return new CheckResult(key, true, summary, null, evidence);
    }

    static CheckResult fail(String key, String summary, String location, String evidence) {
        return new CheckResult(key, false, summary, location, evidence);
    }

    /** This result with the output's tail and the failures' locations. */
    CheckResult withOutput(String excerpt, List<SourceLocation> locations) {
        return new CheckResult(key, passed, summary, location, evidence, excerpt, locations, counts);
    }

    /** This result with the counts the check reported (null when it reported none). */
    CheckResult withCounts(TestCount reported) {
        return new CheckResult(key, passed, summary, location, evidence, excerpt, locations, reported);
    }

    /** This result failed with {@code sentence} (tests only grow), keeping its output. */
    public CheckResult failedBecause(String sentence) {
        return new CheckResult(key, false, sentence, location, evidence, excerpt, locations, counts);
    }

    /**
     * The locations to show: {@link #locations} when any, else the one {@link #location} of a failure when it names
     * a line ({@code file:line}).
     */
    public List<SourceLocation> failureLocations() {
        if (!locations.isEmpty() || passed || location == null) {
            return locations;
        }
        int colon = location.lastIndexOf(':');
        if (colon <= 0) {
            return List.of();
        }
        try {
            int line = Integer.parseInt(location.substring(colon + 1));
            return line < 1 ? List.of() : List.of(new SourceLocation(location.substring(0, colon), line, summary));
        } catch (NumberFormatException e) {
            return List.of();
        }
    }
}
