package dev.clarity.dashboard.executions;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * One execution as the grid, the queue, history and the API list show it. {@code reason} is the one sentence saying
 * why an ended execution stopped (the same the JSON summary, the progress comment and the check run show); null
 * while it runs or waits.
 */
public record ExecutionRow(
        long id,
        long customerId,
        String customer,
        long projectId,
        String project,
        String repository,
        String badge,
        String currentTaskId,
        String currentTaskTitle,
        String currentStep,
        String stopAfter,
        String tool,
        int tasksDone,
        int tasksTotal,
        int attempts,
        String runnerId,
        String requestedBy,
        String trigger,
        String queueReason,
        String reason,
        OffsetDateTime createdAt,
        OffsetDateTime startedAt,
        OffsetDateTime finishedAt,
        OffsetDateTime updatedAt) {

    public String emoji() {
        return Badges.emoji(badge);
    }

    public int percent() {
        return tasksTotal <= 0 ? 0 : Math.min(100, tasksDone * 100 / tasksTotal);
    }

    public boolean resumable() {
        return Badges.resumable(badge);
    }

    /** True while a scheduler slot works on the execution (not queued, paused, blocked or ended). */
    public boolean running() {
        return dev.clarity.vocabulary.Badge.find(badge)
                .map(dev.clarity.vocabulary.Badge::isRunning)
                .orElse(false);
    }

    public boolean finished() {
        return Badges.finished(badge);
    }

    /** True while the execution runs or waits for a slot: an emergency stop applies to it. */
    public boolean stoppable() {
        return Badges.stoppable(badge);
    }

    /** The badge's word for people, shown beside its emoji ("needs a person" for BLOCKED). */
    public String label() {
        return Badges.label(badge);
    }

    /** Time to completion from the average time per finished task so far; "unknown" before the first task. */
    public String estimate(Instant now) {
        if (finished()) {
            return "done";
        }
        if (startedAt == null || tasksDone <= 0 || tasksTotal <= tasksDone) {
            return "unknown";
        }
        Duration spent = Duration.between(startedAt.toInstant(), now);
        return human(spent.dividedBy(tasksDone).multipliedBy(tasksTotal - tasksDone));
    }

    /** Finished minus started, or "—". */
    public String duration() {
        if (startedAt == null || finishedAt == null) {
            return "—";
        }
        return human(Duration.between(startedAt, finishedAt));
    }

    static String human(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min";
        }
        return (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
