package dev.clarity.tasks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One section of the outcomes file (spec §5). Text fields may be null when unknown (rendered as {@code —}).
 *
 * @param status e.g. {@code done}, {@code failed}, {@code skipped}
 * @param pullRequest the PR URL
 * @param artifacts the artifacts link, e.g. {@code artifacts/1.1.3/}
 * @param usage what the item's model requests used (tokens, cost, models), null when it made none (no line then)
 */
public record OutcomeEntry(
        String id,
        String title,
        String status,
        String branch,
        String commit,
        String pullRequest,
        String tool,
        int attempts,
        Instant started,
        Instant finished,
        List<String> criteriaPassed,
        List<String> criteriaFailed,
        List<String> notMachineChecked,
        String artifacts,
        String usage) {
    public OutcomeEntry {
        criteriaPassed = List.copyOf(criteriaPassed);
        criteriaFailed = List.copyOf(criteriaFailed);
        notMachineChecked = List.copyOf(notMachineChecked);
    }

    /** Without model usage. */
    public OutcomeEntry(
            String id,
            String title,
            String status,
            String branch,
            String commit,
            String pullRequest,
            String tool,
            int attempts,
            Instant started,
            Instant finished,
            List<String> criteriaPassed,
            List<String> criteriaFailed,
            List<String> notMachineChecked,
            String artifacts) {
        this(
                id,
                title,
                status,
                branch,
                commit,
                pullRequest,
                tool,
                attempts,
                started,
                finished,
                criteriaPassed,
                criteriaFailed,
                notMachineChecked,
                artifacts,
                null);
    }

    /** Finished minus started, or null when either is unknown. */
    public Duration duration() {
        return started == null || finished == null ? null : Duration.between(started, finished);
    }
}
