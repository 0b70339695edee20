package dev.clarity.dashboard.executions;

import java.time.OffsetDateTime;

/** One row of execution_events, already redacted when it was written. */
public record EventLine(
        long seq, OffsetDateTime at, String kind, String taskId, String step, String severity, String message) {}
