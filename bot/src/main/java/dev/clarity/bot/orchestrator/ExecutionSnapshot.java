package dev.clarity.bot.orchestrator;

import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.MergePolicy;
import java.time.Instant;

/**
 * An execution as stored, with what the orchestrator needs of its project. Read fresh at every step; never cached
 * across steps (controls change it from other threads and replicas). {@code mergePolicyExplicit} is true when the
 * request named a merge policy; otherwise the repository's {@code .clarity.yml} decides. {@code endReason} is the one
 * sentence saying why an execution that has ended ({@link #hasEnded}) stopped, null while it runs or waits.
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
        boolean mergePolicyExplicit,
        String requestedBy,
        boolean stopRequested,
        String leaseOwner,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        int tasksDone,
        int tasksTotal,
        String endReason) {
    /** Whether an execution with this badge has stopped running (completed, failed, stopped, blocked or paused). */
    public static boolean hasEnded(Badge badge) {
        return !badge.isRunning() && badge != Badge.QUEUED;
    }

    /** The ended execution's reason sentence; empty while it runs or waits. */
    public java.util.Optional<String> reason() {
        return hasEnded(badge) ? java.util.Optional.ofNullable(endReason) : java.util.Optional.empty();
    }

    /** Done items as a percentage of all atomic items (0 before the list was read). */
    public int percent() {
        return tasksTotal == 0 ? 0 : Math.round(100f * tasksDone / tasksTotal);
    }
}
