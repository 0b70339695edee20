package dev.clarity.bot.orchestrator;

import java.time.Instant;

/** One item of an execution as stored in {@code task_runs}. */
public record TaskRunRecord(
        long executionId,
        String taskId,
        String title,
        String step,
        int attempts,
        String tool,
        String baseBranch,
        String branch,
        String commit,
        String prUrl,
        String errorSummary,
        Instant startedAt,
        Instant finishedAt) {}
