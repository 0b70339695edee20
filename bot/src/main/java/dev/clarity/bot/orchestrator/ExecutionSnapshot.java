package dev.clarity.bot.orchestrator;

import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.MergePolicy;
import java.time.Instant;

/**
 * An execution as stored, with what the orchestrator needs of its project. Read fresh at every step; never cached
 * across steps (controls change it from other threads and replicas). {@code mergePolicyExplicit} is true when the
 * request named a merge policy; otherwise the repository's {@code .clarity.yml} decides.
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
        int tasksTotal) {
    /** Done items as a percentage of all atomic items (0 before the list was read). */
    public int percent() {
        return tasksTotal == 0 ? 0 : Math.round(100f * tasksDone / tasksTotal);
    }
}
