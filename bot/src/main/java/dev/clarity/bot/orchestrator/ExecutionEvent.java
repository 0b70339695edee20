package dev.clarity.bot.orchestrator;

import java.time.Instant;

/**
 * One row of an execution's append-only log. {@code checksum} is the SHA-256 of the previous row's checksum and
 * this row's content, so an edited, removed or reordered row breaks the chain ({@link EventChain#verify}).
 */
public record ExecutionEvent(
        long executionId,
        long seq,
        Instant at,
        String kind,
        String taskId,
        String step,
        String severity,
        String message,
        String checksum) {}
