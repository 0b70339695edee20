package dev.clarity.bot.orchestrator;

/**
 * What one run of an item's criteria found, as the store keeps it: the counts, where the evidence lives, and the
 * failures in one line ({@code ""} when nothing failed).
 */
public record Evidence(int passed, int failed, int unchecked, String artifactsPath, String failures) {
    /** True when no criterion failed. */
    public boolean passedAll() {
        return failed == 0;
    }
}
