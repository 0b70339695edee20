package dev.clarity.bot.orchestrator;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Which process works on which execution, and on which runner: claims, leases and placement. Claims are serialized
 * across replicas sharing one database, so no two replicas ever take the same execution.
 */
public interface Claims {
    /** How every queue reason about a missing runner slot starts (such a reason is replaced by a newer one). */
    String RUNNER_WAIT = "Waiting for a runner";

    /** A claimed execution: the orchestrator now holds its lease. */
    record Claim(long executionId, boolean takenOver) {}

    /**
     * True when a claim could find something: a queued execution, or a running one whose lease is gone. A cheap look
     * before a claim round, so that an idle process does not survey remote runners or take the claim lock.
     */
    boolean claimable();

    /**
     * Takes the next execution to work on, if a slot is free: first a running execution whose owner's lease expired
     * (resumed at its step), else the oldest queued execution of the customer served least recently whose
     * repository is free (FIFO within a customer, round-robin across customers).
     */
    default Optional<Claim> claimNext(String owner, Duration lease, int maxParallel) {
        return claimNext(owner, lease, maxParallel, Placement.NONE);
    }

    /**
     * As {@link #claimNext(String, Duration, int)}, placing the execution on a runner: an execution that already has
     * a runner keeps it (its workspace lives there); one without gets the runner {@code placement} chooses, recorded
     * in the same transaction. When no runner has a free slot nothing is claimed, and the queued executions that
     * wait only for a runner say so in their queue reason.
     */
    Optional<Claim> claimNext(String owner, Duration lease, int maxParallel, Placement placement);

    /** The runner an execution's workspace lives on; empty while it has none (in-process, or not yet placed). */
    Optional<String> runnerOf(long executionId);

    /**
     * Extends the leases {@code owner} holds on {@code executionIds} (the executions it is driving); returns how many
     * it still holds. A lease on an execution the owner no longer drives is left to expire, so the execution is
     * claimed again and resumes at its step.
     */
    int renewLeases(String owner, Duration lease, Collection<Long> executionIds);

    /**
     * Ends every lease at once. Only for a process that owns the database alone (the embedded one, behind the data
     * directory lock): whoever held those leases is dead, so their executions resume now instead of after expiry.
     */
    int expireAllLeases();

    /** Gives a lease back (on shutdown) so that another replica may resume the execution at once. */
    void releaseLease(long executionId, String owner);

    /** Executions this owner holds whose stop was requested (checked by the owner's watcher). */
    List<Long> stopRequestedFor(String owner);
}
