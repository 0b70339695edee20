package dev.clarity.crm.time;

import java.time.Duration;
import java.time.Instant;

/**
 * A person's timer. Running while {@code pausedAt} is null: the current segment began at {@code segmentStartedAt};
 * {@code accumulatedSeconds} holds the segments before it.
 *
 * @param projectTaskId the project task timed, or null for the project as a whole
 */
public record Timer(
        long personId,
        long projectId,
        Long projectTaskId,
        String note,
        Instant startedAt,
        Instant segmentStartedAt,
        Instant pausedAt,
        long accumulatedSeconds) {

    public boolean running() {
        return pausedAt == null;
    }

    /** Seconds timed up to {@code now}, pauses left out. */
    public long elapsedSeconds(Instant now) {
        if (!running()) {
            return accumulatedSeconds;
        }
        return accumulatedSeconds
                + Math.max(0, Duration.between(segmentStartedAt, now).toSeconds());
    }
}
