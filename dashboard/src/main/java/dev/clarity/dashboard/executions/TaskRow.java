package dev.clarity.dashboard.executions;

import dev.clarity.vocabulary.Step;

/**
 * One item of an execution (a row of task_runs) as the task tree and the current-item panel show it. {@code pushedBy}
 * is set when a person pushed to the item's branch (their login, or empty when not known), {@code personCommit} when
 * that person's commit passed the item's criteria.
 */
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
        String criteria,
        String pushedBy,
        String personCommit) {

    /** An item Clarity works on alone. */
    public TaskRow(
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
        this(
                taskId,
                title,
                step,
                attempts,
                tool,
                branch,
                commitSha,
                prUrl,
                artifactsPath,
                criteriaPassed,
                criteriaFailed,
                errorSummary,
                dependencies,
                criteria,
                null,
                null);
    }

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

    private String person() {
        return pushedBy == null || pushedBy.isBlank() ? "a person" : "@" + pushedBy;
    }

    /** Nesting depth from the numbering: "1" is 0, "1.2.3.4" is 3. */
    public int depth() {
        return (int) taskId.chars().filter(c -> c == '.').count();
    }

    public String status() {
        return switch (Step.valueOf(step)) {
            case DONE -> personCommit != null ? "✅ completed by " + person() : "✅ done";
            case HUMAN_CHECK -> "🟡 checking the commit of " + person();
            case SKIPPED -> "⏭️ skipped";
            case HUMAN_REVIEW -> "🔴 needs a human";
            case ERROR_SOLVE -> "🟠 repairing";
            default -> "🟡 " + step.toLowerCase(java.util.Locale.ROOT);
        };
    }
}
