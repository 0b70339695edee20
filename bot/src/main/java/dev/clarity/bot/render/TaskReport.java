package dev.clarity.bot.render;

import java.util.List;

/**
 * A task as its pull request and check run describe it. {@code goal} may be null; {@code attempts} counts repair
 * attempts (0 when IMPLEMENT passed first time); {@code artifactsUrl} links to {@code artifacts/<id>/}.
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
        String artifactsUrl) {
    public TaskReport {
        criteria = List.copyOf(criteria);
    }

    long count(Verdict verdict) {
        return criteria.stream().filter(c -> c.verdict() == verdict).count();
    }
}
