package dev.clarity.bot.render;

import java.util.List;

/**
 * A task as its pull request and check run describe it. {@code goal} may be null; {@code attempts} counts repair
 * attempts (0 when IMPLEMENT passed first time); {@code artifactsUrl} links to {@code artifacts/<id>/}; {@code usage} is
 * what the item's model requests used, in Clarity's words (null when it made none).
 */
public record TaskReport(
        long executionId,
        String taskId,
        String title,
        String goal,
        List<CriterionResult> criteria,
        int attempts,
        String tool,
        String branch,
        String artifactsUrl,
        String usage) {
    public TaskReport {
        criteria = List.copyOf(criteria);
    }

    /** Without model usage. */
    public TaskReport(
            long executionId,
            String taskId,
            String title,
            String goal,
            List<CriterionResult> criteria,
            int attempts,
            String tool,
            String branch,
            String artifactsUrl) {
        this(executionId, taskId, title, goal, criteria, attempts, tool, branch, artifactsUrl, null);
    }

    long count(Verdict verdict) {
        return criteria.stream().filter(c -> c.verdict() == verdict).count();
    }
}
