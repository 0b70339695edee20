package dev.clarity.bot.orchestrator;

import dev.clarity.runner.api.Runner;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.vocabulary.Badge;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler of one process: claims executions while it has free slots, drives each on a worker thread,
 * renews its leases with a heartbeat, and cancels the running step of an execution whose stop was requested.
 * Several processes on one database cooperate through the store's claims and leases.
 *
 * <p>Threads come from the composition root: {@code timer} runs claims, heartbeats and the stop watcher (give it
 * two threads when claims survey remote runners, so a slow survey does not hold up the heartbeat);
 * {@code workers} runs execution loops (at least {@code slots} threads). {@link #close()} drains: no new claims,
 * running steps are cancelled, leases are given back so that the next start resumes at the same step.
 */
public final class Orchestrator implements Scheduling, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Orchestrator.class);

    private final ExecutionStore store;
    private final ExecutionLoop loop;
    private final Runner runner;
    private final String owner;
    private final int slots;
    private final Duration lease;
    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final Set<Long> driving = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean claiming = new AtomicBoolean();
    private final Supplier<? extends Placement> placement;

    /** With one runner for everything (executions are not placed). */
    public Orchestrator(
            ExecutionStore store,
            ExecutionLoop loop,
            Runner runner,
            String owner,
            int slots,
            Duration lease,
            ScheduledExecutorService timer,
            ExecutorService workers) {
        this(store, loop, runner, owner, slots, lease, timer, workers, () -> Placement.NONE);
    }

    /**
     * @param placement surveys the runners before each round of claims (for example {@link RunnerPool#survey}); it
     *     runs on the timer thread, outside any transaction
     */
    public Orchestrator(
            ExecutionStore store,
            ExecutionLoop loop,
            Runner runner,
            String owner,
            int slots,
            Duration lease,
            ScheduledExecutorService timer,
            ExecutorService workers,
            Supplier<? extends Placement> placement) {
        this.placement = placement;
        this.store = store;
        this.loop = loop;
        this.runner = runner;
        this.owner = owner;
        this.slots = slots;
        this.lease = lease;
        this.timer = timer;
        this.workers = workers;
    }

    public Orchestrator start() {
        long beat = Math.max(100, lease.toMillis() / 3);
        timer.scheduleWithFixedDelay(this::heartbeat, beat, beat, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::claim, 0, 500, TimeUnit.MILLISECONDS);
        timer.scheduleWithFixedDelay(this::watchStops, 250, 250, TimeUnit.MILLISECONDS);
        return this;
    }

    /** Look for work now (after a new request or a control), instead of at the next tick. */
    @Override
    public void wake() {
        if (!closed.get()) {
            try {
                timer.execute(this::claim);
            } catch (RejectedExecutionException e) {
                log.debug("timer stopped; not claiming");
            }
        }
    }

    public String owner() {
        return owner;
    }

    @Override
    public boolean accepting() {
        return !closed.get();
    }

    /** Cancels the running step of an execution driven here (emergency stop); the loop records STOPPED. */
    @Override
    public void cancel(long executionId) {
        if (driving.contains(executionId)) {
            runner.cancel(ExecutionLoop.workspaceId(executionId));
        }
    }

    private void claim() {
        if (closed.get() || !claiming.compareAndSet(false, true)) {
            return;
        }
        try {
            Placement runners = null;
            while (!closed.get() && driving.size() < slots) {
                if (runners == null) {
                    if (!store.claimable()) {
                        return; // nothing to claim: no survey of the runners, no claim lock
                    }
                    runners = placement.get();
                }
                var claim = store.claimNext(owner, lease, slots, runners);
                if (claim.isEmpty()) {
                    return;
                }
                long id = claim.get().executionId();
                driving.add(id);
                workers.execute(() -> {
                    try {
                        loop.drive(id, owner);
                    } catch (RuntimeException e) {
                        log.error("Execution {} stopped unexpectedly", id, e);
                        fail(id, e);
                    } finally {
                        driving.remove(id);
                        wake();
                    }
                });
            }
        } catch (RuntimeException e) {
            log.warn("Claiming work did not succeed this time: {}", e.getMessage());
        } finally {
            claiming.set(false);
        }
    }

    /**
     * Not the task's failure, so nothing is lost: the execution is BLOCKED at its step, state kept, for a person to
     * resume once the cause is gone (a runner unreachable, a database that failed, a bug fixed by an upgrade). When
     * even that cannot be recorded (the database is down), the execution's lease is no longer renewed: it expires,
     * and the execution is claimed again and resumes at its step.
     */
    private void fail(long id, RuntimeException e) {
        try {
            store.find(id).ifPresent(s -> store.moved(id, owner, blocked(s.cursor(), e), "error"));
        } catch (RuntimeException again) {
            log.error(
                    "Recording the failure of execution {} did not succeed either; it resumes once its lease expires",
                    id,
                    again);
        }
    }

    static Transition blocked(Cursor cursor, RuntimeException e) {
        String what = e instanceof RunnerException
                ? "the runner failed"
                : e instanceof org.jooq.exception.DataAccessException ? "the database failed" : "an internal error";
        return new Transition(
                cursor,
                Badge.BLOCKED,
                what + " at " + cursor.step() + " (" + e.getMessage() + "); resume to run the step again");
    }

    private void heartbeat() {
        try {
            store.renewLeases(owner, lease, java.util.Set.copyOf(driving));
        } catch (RuntimeException e) {
            log.warn("Renewing leases did not succeed this time: {}", e.getMessage());
        }
    }

    private void watchStops() {
        try {
            for (long id : store.stopRequestedFor(owner)) {
                cancel(id);
            }
        } catch (RuntimeException e) {
            log.debug("Stop watcher: {}", e.getMessage());
        }
    }

    /** True while this process drives the execution. */
    public boolean isDriving(long executionId) {
        return driving.contains(executionId);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (long id : driving) {
            runner.cancel(ExecutionLoop.workspaceId(id));
            store.releaseLease(id, owner);
        }
        workers.shutdown();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        timer.shutdownNow();
    }
}
