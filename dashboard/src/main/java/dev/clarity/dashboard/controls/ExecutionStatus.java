package dev.clarity.dashboard.controls;

import java.time.Instant;

/**
 * Where an execution stands, for a status answer: its badge, the current item and step ({@code taskId} null between
 * items), the repair attempt, items done of all, the stop point (null when none), who asked and when it started.
 */
public record ExecutionStatus(
        long executionId,
        String badge,
        String taskId,
        String taskTitle,
        String step,
        int attempt,
        int done,
        int total,
        String stopAfter,
        String requestedBy,
        Instant startedAt) {}
