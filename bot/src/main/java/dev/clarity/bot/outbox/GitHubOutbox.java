package dev.clarity.bot.outbox;

import dev.clarity.bot.github.GitHubException;
import dev.clarity.bot.github.GitHubGateway;
import dev.clarity.bot.github.IssueComment;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * GitHub writes that are never dropped. {@link #submit} stores the write in PostgreSQL first, then makes it at once
 * on the caller's thread (the gateway retries within the call as usual); what GitHub does not take stays queued, and
 * {@link #runDue} (the worker, every second once {@link #start started}) tries it again: 5 s after the first failure,
 * doubling to 10 min, jittered to 50–100 %, and never before a rate limit GitHub announced has ended. A write stays
 * until it is written; after a restart the worker finds it in the table.
 *
 * <p>Order: a newer write of the same thing (the next progress update of an execution) replaces the pending one, so
 * an older update is never written after a newer one; one worker at a time holds a row, for at most {@link #CLAIM}
 * (longer than any single gateway call waits). A write whose earlier version keeps failing is not tried on the
 * caller's thread: the caller (an execution step, a webhook) does not wait for a GitHub that is down.
 *
 * <p>Comments (progress, replies) are edited by the comment id stored when they were made ({@code github_comments});
 * the hidden marker only recovers the id after a crash, among comments of Clarity's own App.
 *
 * <p>A write is dropped only when GitHub answers that its target is gone (404, 410, 422) and nobody waits for it any
 * more: a progress update of an execution that has ended, a reply or reaction after {@link #GIVE_UP_AFTER}.
 *
 * <p>Thread-safe; any number of processes may share the table.
 */
public final class GitHubOutbox implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GitHubOutbox.class);

    /** How long one attempt may hold a row before another worker may take it (a worker that died). */
    static final Duration CLAIM = Duration.ofMinutes(30);

    /** Answers that say the target is gone or the write is invalid: retried only while someone may still wait. */
    static final java.util.Set<Integer> GONE = java.util.Set.of(404, 410, 422);

    /** How long a reply or reaction GitHub answers {@link #GONE} for is still tried. */
    static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

    static final Duration FIRST_WAIT = Duration.ofSeconds(5);
    static final Duration LONGEST_WAIT = Duration.ofMinutes(10);
    private static final int BATCH = 20;
    private static final int PASSES = 10;

    private final JooqWriteQueue queue;
    private final JooqCommentIds comments;
    private final GitHubGateway github;
    private final InstantSource clock;
    private final DoubleSupplier jitter;
    private final String owner;
    private volatile ScheduledFuture<?> worker;

    /**
     * @param jitter a number in [0, 1) per wait (tests pass a constant)
     * @param owner names this process in the claims it takes
     */
    public GitHubOutbox(
            DSLContext dsl, GitHubGateway github, InstantSource clock, DoubleSupplier jitter, String owner) {
        this.queue = new JooqWriteQueue(dsl);
        this.comments = new JooqCommentIds(dsl);
        this.github = github;
        this.clock = clock;
        this.jitter = jitter;
        this.owner = owner;
    }

    /**
     * Queues the write durably, then makes it now unless an earlier write of the same thing is failing or being
     * written. Never throws for GitHub's answers; throws only when the database does not take the write.
     */
    public void submit(PendingWrite write) {
        Instant now = clock.instant();
        int failures = queue.enqueue(write, now);
        if (failures > 0) {
            log.info("GitHub write {} queued behind {} failed attempts; the worker makes it", write.key(), failures);
            return;
        }
        queue.claim(write.key(), owner, now, now.plus(CLAIM)).ifPresent(this::attemptAll);
    }

    /** Starts the worker on {@code timer}: pending writes are picked up at once (left from before a restart). */
    public void start(ScheduledExecutorService timer, Duration every, boolean onlyProcess) {
        if (onlyProcess) {
            queue.releaseAllClaims(); // the claims of a process that is gone
        }
        worker = timer.scheduleWithFixedDelay(this::runDueQuietly, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * One pass of the worker: every write that is due and not held by another worker is attempted once (a newer
     * version that arrived while one was written is written right after it).
     *
     * @return how many writes GitHub took
     */
    public int runDue() {
        int written = 0;
        for (int pass = 0; pass < PASSES; pass++) {
            Instant now = clock.instant();
            List<JooqWriteQueue.Queued> due = queue.claimDue(owner, now, now.plus(CLAIM), BATCH);
            if (due.isEmpty()) {
                break;
            }
            for (JooqWriteQueue.Queued q : due) {
                written += attemptAll(q);
            }
        }
        return written;
    }

    /** Writes still waiting for GitHub. */
    public int pending() {
        return queue.pending();
    }

    /** When the worker next has something to try. */
    public Optional<Instant> nextAttempt() {
        return queue.nextAttempt();
    }

    @Override
    public void close() {
        ScheduledFuture<?> w = worker;
        if (w != null) {
            w.cancel(false);
        }
    }

    private void runDueQuietly() {
        try {
            runDue();
        } catch (RuntimeException e) {
            log.warn("The GitHub write worker could not read its queue: {}", e.getMessage());
        }
    }

    /** Attempts the claimed write, and each newer version that arrived meanwhile; returns how many were written. */
    private int attemptAll(JooqWriteQueue.Queued claimed) {
        int written = 0;
        Optional<JooqWriteQueue.Queued> next = Optional.of(claimed);
        while (next.isPresent()) {
            JooqWriteQueue.Queued q = next.get();
            if (!attempt(q)) {
                return written;
            }
            written++;
            next = queue.written(q, owner, clock.instant())
                    ? queue.claim(
                            q.write().key(),
                            owner,
                            clock.instant(),
                            clock.instant().plus(CLAIM))
                    : Optional.empty();
        }
        return written;
    }

    /** One attempt; a failure is recorded with the time of the next one. */
    private boolean attempt(JooqWriteQueue.Queued q) {
        // the caller's context (an execution's loop, a delivery) is put back afterwards
        java.util.Map<String, String> context = MDC.getCopyOfContextMap();
        MDC.put("repository", q.write().repo().fullName());
        if (q.write() instanceof PendingWrite.Progress p) {
            MDC.put("execution", Long.toString(p.executionId()));
        }
        try {
            write(q.write());
            if (q.attempts() > 0) {
                log.info(
                        "GitHub took write {} after {} failed attempts",
                        q.write().key(),
                        q.attempts());
            }
            return true;
        } catch (RuntimeException e) {
            Instant now = clock.instant();
            Optional<String> pointless = pointless(q, e, now);
            if (pointless.isPresent() && queue.drop(q, owner)) {
                log.warn(
                        "Dropped GitHub write {} after {} attempts: {} ({})",
                        q.write().key(),
                        q.attempts() + 1,
                        pointless.get(),
                        e.getMessage());
                return false;
            }
            Instant next = now.plus(backoff(q.attempts() + 1));
            if (e instanceof GitHubException g
                    && g.retryAt().isPresent()
                    && g.retryAt().get().isAfter(next)) {
                next = g.retryAt().get();
            }
            queue.failed(q, owner, now, next, e.getMessage());
            log.warn(
                    "GitHub did not take write {} (attempt {}): {}; trying again at {}",
                    q.write().key(),
                    q.attempts() + 1,
                    e.getMessage(),
                    next);
            return false;
        } finally {
            if (context == null) {
                MDC.clear();
            } else {
                MDC.setContextMap(context);
            }
        }
    }

    /**
     * Why trying {@code q} again is pointless, if it is: GitHub answers that its target is gone or the write is
     * invalid (404, 410, 422), and nobody waits for it any more: the execution of a progress update has ended, or a
     * reply or reaction has been refused so for {@link #GIVE_UP_AFTER}. Other refusals are tried again without end.
     */
    private Optional<String> pointless(JooqWriteQueue.Queued q, RuntimeException e, Instant now) {
        if (!(e instanceof GitHubException g) || !GONE.contains(g.status())) {
            return Optional.empty();
        }
        if (q.write() instanceof PendingWrite.Progress p) {
            return queue.executionEnded(p.executionId())
                    ? Optional.of("GitHub answers " + g.status() + " and execution " + p.executionId() + " has ended")
                    : Optional.empty();
        }
        return q.createdAt().plus(GIVE_UP_AFTER).isBefore(now)
                ? Optional.of("GitHub has answered " + g.status() + " for more than " + GIVE_UP_AFTER.toHours() + " h")
                : Optional.empty();
    }

    private void write(PendingWrite write) {
        switch (write) {
            case PendingWrite.Progress p -> comment(p, p.issueNumber(), p.marker(), p.body());
            case PendingWrite.Reply r -> comment(r, r.issueNumber(), r.marker(), r.body());
            case PendingWrite.Reaction r ->
                github.addReaction(r.installationId(), r.repo(), r.commentId(), r.content());
        }
    }

    /**
     * Writes the comment of {@code write}: edits the comment whose id is stored for its key (not when Clarity last
     * wrote this very body there); with none stored (the first write, or a process that died between making the
     * comment and storing its id) takes this App's own comment holding the marker, or makes a new one, and stores its
     * id. A stored comment that is gone (deleted by a person) is forgotten and made again. Never edits a comment by
     * anyone else, whatever it holds.
     */
    private void comment(PendingWrite write, int issueNumber, String marker, String body) {
        long installation = write.installationId();
        Optional<JooqCommentIds.Stored> stored = comments.find(write.key());
        if (stored.isPresent()) {
            long id = stored.get().commentId();
            if (stored.get().holds(body)) {
                return; // written already (a command answered again with the same words)
            }
            try {
                github.editComment(installation, write.repo(), id, body);
                comments.remember(write.key(), write.repo(), issueNumber, id, body, clock.instant());
                return;
            } catch (GitHubException e) {
                if (e.status() != 404) {
                    throw e;
                }
                log.info("Comment {} of {} is gone; making it again", id, write.key());
                comments.forget(write.key(), id);
            }
        }
        Optional<IssueComment> own = github.findOwnComment(installation, write.repo(), issueNumber, marker);
        IssueComment made;
        if (own.isPresent()) {
            made = own.get().body().equals(body)
                    ? own.get()
                    : github.editComment(installation, write.repo(), own.get().id(), body);
        } else {
            made = github.createComment(installation, write.repo(), issueNumber, marker, body);
        }
        comments.remember(write.key(), write.repo(), issueNumber, made.id(), body, clock.instant());
    }

    /** 5 s after the first failure, doubling to 10 min; each wait jittered to 50–100 %. */
    Duration backoff(int failures) {
        long millis = Math.min(LONGEST_WAIT.toMillis(), FIRST_WAIT.toMillis() << Math.min(failures - 1, 20));
        return Duration.ofMillis((long) (millis * (0.5 + 0.5 * jitter.getAsDouble())));
    }
}
