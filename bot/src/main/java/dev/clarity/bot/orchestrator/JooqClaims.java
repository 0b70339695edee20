package dev.clarity.bot.orchestrator;

import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;

import dev.clarity.vocabulary.Badge;
import java.time.Duration;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * {@link Claims} in PostgreSQL. Claims are serialized by a transaction-scoped advisory lock and take rows with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas sharing one database never take the same execution.
 */
final class JooqClaims implements Claims {
    private static final long CLAIM_LOCK = 0x436c6172L; // "Clar": one advisory lock for all claims
    private static final List<String> RUNNING = Badge.spellingsOf(Badge::isRunning);
    private static final List<String> HOLDING = Badge.spellingsOf(Badge::holdsProject);
    private static final String QUEUED = Badge.QUEUED.spelling();

    private final DSLContext dsl;
    private final InstantSource clock;
    private final JooqEventLog events;

    JooqClaims(DSLContext dsl, InstantSource clock, JooqEventLog events) {
        this.dsl = dsl;
        this.clock = clock;
        this.events = events;
    }

    @Override
    public boolean claimable() {
        OffsetDateTime now = now();
        return dsl.fetchExists(
                EXECUTIONS,
                EXECUTIONS
                        .BADGE
                        .eq(QUEUED)
                        .or(EXECUTIONS
                                .BADGE
                                .in(RUNNING)
                                .and(EXECUTIONS.LEASE_EXPIRES_AT.isNull().or(EXECUTIONS.LEASE_EXPIRES_AT.le(now)))));
    }

    @Override
    public Optional<Claim> claimNext(String owner, Duration lease, int maxParallel, Placement placement) {
        return dsl.transactionResult(tx -> {
            var d = tx.dsl();
            d.execute("select pg_advisory_xact_lock(?)", CLAIM_LOCK);
            OffsetDateTime now = now();
            int running =
                    d.fetchCount(EXECUTIONS, EXECUTIONS.BADGE.in(RUNNING).and(EXECUTIONS.LEASE_EXPIRES_AT.gt(now)));
            if (running >= maxParallel) {
                return Optional.<Claim>empty();
            }
            // one decision per claim, against the running executions counted under the claim lock
            Placement.Decision decision = placement == Placement.NONE
                    ? new Placement.Decision.Anywhere()
                    : placement.choose(runningByRunner(d));
            var orphanCondition = EXECUTIONS
                    .BADGE
                    .in(RUNNING)
                    .and(EXECUTIONS.LEASE_EXPIRES_AT.isNull().or(EXECUTIONS.LEASE_EXPIRES_AT.le(now)));
            if (placement != Placement.NONE && !(decision instanceof Placement.Decision.On)) {
                // an orphan without a runner needs a free one; orphans whose workspace lives on a runner go back there
                orphanCondition = orphanCondition.and(EXECUTIONS.RUNNER_ID.isNotNull());
            }
            var orphanRow = d.select(EXECUTIONS.ID, EXECUTIONS.RUNNER_ID)
                    .from(EXECUTIONS)
                    .where(orphanCondition)
                    .orderBy(EXECUTIONS.LEASE_EXPIRES_AT.asc().nullsFirst(), EXECUTIONS.ID)
                    .limit(1)
                    .forUpdate()
                    .skipLocked()
                    .fetchOptional();
            Optional<Long> orphan = orphanRow.map(r -> r.value1());
            if (orphan.isPresent()) {
                if (orphanRow.get().value2() == null && decision instanceof Placement.Decision.On on) {
                    place(d, orphan.get(), on.runnerId());
                }
                lease(d, orphan.get(), owner, now.plus(lease), null);
                events.append(
                        d,
                        orphan.get(),
                        NewEvent.control("taken over by " + owner + " after the previous owner's lease expired")
                                .warn());
                return Optional.of(new Claim(orphan.get(), true));
            }
            // {0} is 'QUEUED' and {1} the badges that hold a project, inlined from Badge as SQL literals
            Optional<Long> next = d.resultQuery(
                            """
                            select e.id from executions e join projects p on p.id = e.project_id
                            where e.badge = {0}
                              and p.archived_at is null
                              and not exists (select 1 from executions o where o.project_id = e.project_id
                                              and o.badge in ({1}))
                              and not exists (select 1 from executions q where q.project_id = e.project_id
                                              and q.badge = {0} and q.id < e.id)
                            order by
                              (select count(*) from executions q2 join projects p2 on p2.id = q2.project_id
                                where p2.customer_id = p.customer_id and q2.badge = {0} and q2.id < e.id),
                              coalesce((select max(s.started_at) from executions s join projects p3
                                          on p3.id = s.project_id where p3.customer_id = p.customer_id),
                                       '-infinity'::timestamptz),
                              e.id
                            limit 1
                            for update of e skip locked
                            """,
                            DSL.inline(QUEUED),
                            DSL.list(HOLDING.stream().map(DSL::inline).toList()))
                    .fetchOptional(r -> r.get(0, Long.class));
            if (next.isEmpty()) {
                return Optional.<Claim>empty();
            }
            long id = next.get();
            String runnerNote = "";
            switch (decision) {
                case Placement.Decision.Anywhere anywhere -> {}
                case Placement.Decision.On on -> {
                    place(d, id, on.runnerId());
                    runnerNote = " on runner " + on.runnerId();
                }
                case Placement.Decision.Nowhere nowhere -> {
                    waitForRunner(d, nowhere.reason());
                    return Optional.<Claim>empty();
                }
            }
            lease(d, id, owner, now.plus(lease), Badge.INITIALIZING);
            events.append(d, id, new NewEvent("badge", null, null, "info", "claimed by " + owner + runnerNote));
            return Optional.of(new Claim(id, false));
        });
    }

    /** Running executions per runner: each holds at most one of its runner's slots at a time. */
    private static Map<String, Integer> runningByRunner(DSLContext d) {
        return d.select(EXECUTIONS.RUNNER_ID, DSL.count())
                .from(EXECUTIONS)
                .where(EXECUTIONS.BADGE.in(RUNNING).and(EXECUTIONS.RUNNER_ID.isNotNull()))
                .groupBy(EXECUTIONS.RUNNER_ID)
                .fetchMap(EXECUTIONS.RUNNER_ID, DSL.count());
    }

    /** Records the execution's runner once; a runner already recorded is never replaced. */
    private void place(DSLContext d, long id, String runnerId) {
        d.update(EXECUTIONS)
                .set(EXECUTIONS.RUNNER_ID, DSL.coalesce(EXECUTIONS.RUNNER_ID, DSL.val(runnerId)))
                .where(EXECUTIONS.ID.eq(id))
                .execute();
    }

    /**
     * Gives every queued execution that waits for nothing but a runner the reason; one that waits for its
     * repository keeps the reason it has.
     */
    private void waitForRunner(DSLContext d, String reason) {
        d.update(EXECUTIONS)
                .set(EXECUTIONS.QUEUE_REASON, reason)
                .where(EXECUTIONS.BADGE.eq(QUEUED))
                .and(EXECUTIONS.QUEUE_REASON.isNull().or(EXECUTIONS.QUEUE_REASON.startsWith(RUNNER_WAIT)))
                .and(EXECUTIONS.QUEUE_REASON.isDistinctFrom(reason))
                .execute();
    }

    @Override
    public Optional<String> runnerOf(long executionId) {
        return dsl.select(EXECUTIONS.RUNNER_ID)
                .from(EXECUTIONS)
                .where(EXECUTIONS.ID.eq(executionId))
                .fetchOptional(EXECUTIONS.RUNNER_ID);
    }

    private void lease(DSLContext d, long id, String owner, OffsetDateTime until, Badge badge) {
        var u = d.update(EXECUTIONS)
                .set(EXECUTIONS.LEASE_OWNER, owner)
                .set(EXECUTIONS.LEASE_EXPIRES_AT, until)
                .set(EXECUTIONS.QUEUE_REASON, (String) null)
                .set(EXECUTIONS.STARTED_AT, DSL.coalesce(EXECUTIONS.STARTED_AT, DSL.val(now())))
                .set(EXECUTIONS.UPDATED_AT, now());
        if (badge != null) {
            u = u.set(EXECUTIONS.BADGE, badge.spelling());
        }
        u.where(EXECUTIONS.ID.eq(id)).execute();
    }

    @Override
    public int renewLeases(String owner, Duration lease, Collection<Long> executionIds) {
        if (executionIds.isEmpty()) {
            return 0;
        }
        OffsetDateTime now = now();
        return dsl.update(EXECUTIONS)
                .set(EXECUTIONS.LEASE_EXPIRES_AT, now.plus(lease))
                .where(EXECUTIONS
                        .LEASE_OWNER
                        .eq(owner)
                        .and(EXECUTIONS.LEASE_EXPIRES_AT.gt(now))
                        .and(EXECUTIONS.ID.in(executionIds)))
                .execute();
    }

    @Override
    public int expireAllLeases() {
        return dsl.update(EXECUTIONS)
                .set(EXECUTIONS.LEASE_EXPIRES_AT, now())
                .where(EXECUTIONS.LEASE_OWNER.isNotNull())
                .execute();
    }

    @Override
    public void releaseLease(long executionId, String owner) {
        dsl.update(EXECUTIONS)
                .set(EXECUTIONS.LEASE_EXPIRES_AT, now())
                .where(EXECUTIONS.ID.eq(executionId).and(EXECUTIONS.LEASE_OWNER.eq(owner)))
                .execute();
    }

    @Override
    public List<Long> stopRequestedFor(String owner) {
        return dsl.select(EXECUTIONS.ID)
                .from(EXECUTIONS)
                .where(EXECUTIONS.LEASE_OWNER.eq(owner).and(EXECUTIONS.STOP_REQUESTED.isTrue()))
                .fetch(EXECUTIONS.ID);
    }

    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
