package dev.clarity.dashboard.executions;

/** One item of an execution (a row of task_runs) as the task tree shows it. */
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
        String errorSummary) {

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
