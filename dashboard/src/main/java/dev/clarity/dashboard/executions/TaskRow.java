package dev.clarity.dashboard.executions;

/** One item of an execution (a row of task_runs) as the task tree and the current-item panel show it. */
public record TaskRow(
        String taskId,
        String title,
        String step,
        int attempts,
        String tool,
        String branch,
        String commitSha,
        String prUrl,
        String artifactsPath,
        int criteriaPassed,
        int criteriaFailed,
        String errorSummary,
        String dependencies,
        String criteria) {

    /**
     * Where the item's artifacts can be browsed: the {@code artifacts/<id>/} folder of its branch on the forge that
     * holds its pull request, or null for a repository without pull requests (local mode shows the path instead).
     */
    public String artifactsUrl() {
        if (prUrl == null || branch == null || artifactsPath == null || !prUrl.contains("/pull/")) {
            return null;
        }
        return prUrl.substring(0, prUrl.indexOf("/pull/")) + "/tree/" + branch + "/" + artifactsPath;
    }

    /** The item's dependencies as SELECT found them (labels), empty when none or not selected yet. */
    public java.util.List<String> dependencyList() {
        return lines(dependencies);
    }

    /** The item's criteria as SELECT found them, one per entry. */
    public java.util.List<String> criteriaList() {
        return lines(criteria);
    }

    private static java.util.List<String> lines(String text) {
        return text == null || text.isBlank() ? java.util.List.of() : java.util.List.of(text.split("\n"));
    }

    /** Nesting depth from the numbering: "1" is 0, "1.2.3.4" is 3. */
    public int depth() {
        return (int) taskId.chars().filter(c -> c == '.').count();
    }

    public String status() {
        return switch (step) {
            case "DONE" -> "✅ done";
            case "SKIPPED" -> "⏭️ skipped";
            case "HUMAN_REVIEW" -> "🔴 needs a human";
            case "ERROR_SOLVE" -> "🟠 repairing";
            default -> "🟡 " + step.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
