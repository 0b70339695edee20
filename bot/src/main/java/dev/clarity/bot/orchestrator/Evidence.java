package dev.clarity.bot.orchestrator;

import dev.clarity.runner.api.CriterionReport;
import java.util.List;

/**
 * What one run of an item's criteria found, as the store keeps it: the counts, where the evidence lives, the
 * failures in one line ({@code ""} when nothing failed) and the failing criteria's reports with their output
 * excerpts (what the check run of an item waiting for a person shows).
 */
public record Evidence(
        int passed,
        int failed,
        int unchecked,
        String artifactsPath,
        String failures,
        List<CriterionReport> failedCriteria) {
    public Evidence {
        failedCriteria = failedCriteria == null ? List.of() : List.copyOf(failedCriteria);
    }

    /** True when no criterion failed. */
    public boolean passedAll() {
        return failed == 0;
    }
}
