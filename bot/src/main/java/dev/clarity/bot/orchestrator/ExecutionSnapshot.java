package dev.clarity.bot.orchestrator;

import java.time.Instant;

/**
 * An execution as stored, with what the orchestrator needs of its project. Read fresh at every step; never cached
 * across steps (controls change it from other threads and replicas).
 */
public record ExecutionSnapshot(
        long id,
        long projectId,
        long customerId,
        String repository,
        String cloneUrl,
        String defaultBranch,
        String taskListPath,
        Badge badge,
        Cursor cursor,
        String stopAfter,
        String onlyTask,
        String tool,
        MergePolicy mergePolicy,
        String requestedBy,
        boolean stopRequested,
        String leaseOwner,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt) {}
