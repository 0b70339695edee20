package dev.clarity.bot.outbox;

import static dev.clarity.migrations.jooq.Tables.GITHUB_WRITES;

import dev.clarity.bot.github.RepoRef;
import dev.clarity.migrations.jooq.tables.records.GithubWritesRecord;
import dev.clarity.vocabulary.Badge;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The {@code github_writes} table. A row is claimed by one worker at a time for one attempt (a claim older than its
 * {@code until} is free again, for a worker that died), and deleted once its newest version is written. Times come
 * from the caller's clock, not the database's. Thread-safe.
 */
final class JooqWriteQueue {
    private final DSLContext dsl;

    JooqWriteQueue(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A row as claimed: the write at {@code version}, after {@code attempts} failed attempts. */
    record Queued(long id, int version, int attempts, PendingWrite write, Instant createdAt) {}

    /**
     * Queues the write, or replaces the pending write with the same key (its version grows; its attempts and next
     * attempt stay, so a write GitHub keeps refusing is not tried sooner because a newer one came).
     *
     * @return the row's attempts so far: 0 when nothing of this key has failed yet
     */
    int enqueue(PendingWrite write, Instant now) {
        OffsetDateTime at = at(now);
        var g = GITHUB_WRITES;
        Integer issue = null;
        Long comment = null;
        Long execution = null;
        String marker = null;
        String body;
        switch (write) {
            case PendingWrite.Progress p -> {
                issue = p.issueNumber();
                execution = p.executionId();
                marker = p.marker();
                body = p.body();
            }
            case PendingWrite.Reply r -> {
                issue = r.issueNumber();
                comment = r.commentId();
                marker = r.marker();
                body = r.body();
            }
            case PendingWrite.Reaction r -> {
                comment = r.commentId();
                body = r.content();
            }
        }
        return dsl.insertInto(g)
                .set(g.WRITE_KEY, write.key())
                .set(g.KIND, kind(write))
                .set(g.INSTALLATION_ID, write.installationId())
                .set(g.REPOSITORY, write.repo().fullName())
                .set(g.ISSUE_NUMBER, issue)
                .set(g.COMMENT_ID, comment)
                .set(g.EXECUTION_ID, execution)
                .set(g.MARKER, marker)
                .set(g.BODY, body)
                .set(g.NEXT_ATTEMPT_AT, at)
                .set(g.CREATED_AT, at)
                .set(g.UPDATED_AT, at)
                .onConflict(g.WRITE_KEY)
                .doUpdate()
                .set(g.BODY, DSL.excluded(g.BODY))
                .set(g.MARKER, DSL.excluded(g.MARKER))
                .set(g.ISSUE_NUMBER, DSL.excluded(g.ISSUE_NUMBER))
                .set(g.VERSION, g.VERSION.plus(1))
                .set(g.UPDATED_AT, at)
                .returning(g.ATTEMPTS)
                .fetchOne(g.ATTEMPTS);
    }

    /** Claims the row of {@code key} if no one else holds it. */
    Optional<Queued> claim(String key, String owner, Instant now, Instant until) {
        var g = GITHUB_WRITES;
        return dsl.update(g)
                .set(g.CLAIMED_BY, owner)
                .set(g.CLAIMED_UNTIL, at(until))
                .where(g.WRITE_KEY.eq(key).and(free(now)))
                .returning()
                .fetchOptional()
                .map(JooqWriteQueue::queued);
    }

    /** Claims up to {@code limit} rows whose next attempt is due, oldest due first; rows others hold are skipped. */
    List<Queued> claimDue(String owner, Instant now, Instant until, int limit) {
        var g = GITHUB_WRITES;
        var due = DSL.select(g.ID)
                .from(g)
                .where(g.NEXT_ATTEMPT_AT.le(at(now)).and(free(now)))
                .orderBy(g.NEXT_ATTEMPT_AT, g.ID)
                .limit(limit)
                .forUpdate()
                .skipLocked();
        return dsl
                .update(g)
                .set(g.CLAIMED_BY, owner)
                .set(g.CLAIMED_UNTIL, at(until))
                .where(g.ID.in(due))
                .returning()
                .fetch()
                .stream()
                .sorted(Comparator.comparing(GithubWritesRecord::getNextAttemptAt)
                        .thenComparing(GithubWritesRecord::getId))
                .map(JooqWriteQueue::queued)
                .toList();
    }

    /**
     * The claimed version was written: the row goes, unless a newer version came meanwhile; that one stays, due at
     * once, its failures forgotten (GitHub just took a write).
     *
     * @return true when a newer version waits
     */
    boolean written(Queued q, String owner, Instant now) {
        var g = GITHUB_WRITES;
        int deleted = dsl.deleteFrom(g)
                .where(g.ID.eq(q.id()).and(g.VERSION.eq(q.version())))
                .execute();
        if (deleted == 1) {
            return false;
        }
        dsl.update(g)
                .set(g.ATTEMPTS, 0)
                .set(g.LAST_ERROR, (String) null)
                .set(g.NEXT_ATTEMPT_AT, at(now))
                .setNull(g.CLAIMED_BY)
                .setNull(g.CLAIMED_UNTIL)
                .where(g.ID.eq(q.id()).and(g.CLAIMED_BY.eq(owner)))
                .execute();
        return true;
    }

    /** The attempt failed: the row waits until {@code next}, with one more attempt counted. */
    void failed(Queued q, String owner, Instant now, Instant next, String error) {
        var g = GITHUB_WRITES;
        dsl.update(g)
                .set(g.ATTEMPTS, g.ATTEMPTS.plus(1))
                .set(g.NEXT_ATTEMPT_AT, at(next))
                .set(g.LAST_ERROR, error)
                .set(g.UPDATED_AT, at(now))
                .setNull(g.CLAIMED_BY)
                .setNull(g.CLAIMED_UNTIL)
                .where(g.ID.eq(q.id()).and(g.CLAIMED_BY.eq(owner)))
                .execute();
    }

    /**
     * Removes a write that can never be made, unless a newer version of it arrived meanwhile.
     *
     * @return true when it was removed
     */
    boolean drop(Queued q, String owner) {
        var g = GITHUB_WRITES;
        return dsl.deleteFrom(g)
                        .where(g.ID.eq(q.id()).and(g.VERSION.eq(q.version())).and(g.CLAIMED_BY.eq(owner)))
                        .execute()
                == 1;
    }

    /** True when the execution has ended for good (completed or failed): nothing will update its comment again. */
    boolean executionEnded(long executionId) {
        String badge = dsl.select(dev.clarity.migrations.jooq.Tables.EXECUTIONS.BADGE)
                .from(dev.clarity.migrations.jooq.Tables.EXECUTIONS)
                .where(dev.clarity.migrations.jooq.Tables.EXECUTIONS.ID.eq(executionId))
                .fetchOne(dev.clarity.migrations.jooq.Tables.EXECUTIONS.BADGE);
        return badge == null || Badge.fromSpelling(badge).isTerminal();
    }

    /** Frees every claim: for a process that knows it is the only one (the embedded database's lock holder). */
    void releaseAllClaims() {
        var g = GITHUB_WRITES;
        dsl.update(g)
                .setNull(g.CLAIMED_BY)
                .setNull(g.CLAIMED_UNTIL)
                .where(g.CLAIMED_BY.isNotNull())
                .execute();
    }

    int pending() {
        return dsl.fetchCount(GITHUB_WRITES);
    }

    /** The earliest next attempt of any pending write. */
    Optional<Instant> nextAttempt() {
        return dsl.select(DSL.min(GITHUB_WRITES.NEXT_ATTEMPT_AT))
                .from(GITHUB_WRITES)
                .fetchOptional(0, OffsetDateTime.class)
                .map(OffsetDateTime::toInstant);
    }

    private static org.jooq.Condition free(Instant now) {
        return GITHUB_WRITES.CLAIMED_UNTIL.isNull().or(GITHUB_WRITES.CLAIMED_UNTIL.le(at(now)));
    }

    private static String kind(PendingWrite write) {
        return switch (write) {
            case PendingWrite.Progress p -> "progress";
            case PendingWrite.Reply r -> "reply";
            case PendingWrite.Reaction r -> "reaction";
        };
    }

    private static Queued queued(GithubWritesRecord r) {
        RepoRef repo = RepoRef.parse(r.getRepository());
        PendingWrite write = switch (r.getKind()) {
            case "progress" ->
                new PendingWrite.Progress(
                        r.getInstallationId(),
                        repo,
                        r.getIssueNumber(),
                        r.getExecutionId(),
                        r.getMarker(),
                        r.getBody());
            case "reply" ->
                new PendingWrite.Reply(
                        r.getInstallationId(), repo, r.getIssueNumber(), r.getCommentId(), r.getMarker(), r.getBody());
            case "reaction" -> new PendingWrite.Reaction(r.getInstallationId(), repo, r.getCommentId(), r.getBody());
            default -> throw new IllegalStateException("unknown GitHub write kind " + r.getKind());
        };
        return new Queued(
                r.getId(),
                r.getVersion(),
                r.getAttempts(),
                write,
                r.getCreatedAt().toInstant());
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
