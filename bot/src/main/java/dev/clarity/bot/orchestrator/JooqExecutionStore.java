package dev.clarity.bot.orchestrator;

import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.EXECUTION_EVENTS;
import static dev.clarity.migrations.jooq.Tables.EXECUTION_MARKS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.TASK_RUNS;

import dev.clarity.tasks.ItemKind;
import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.MergePolicy;
import dev.clarity.vocabulary.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;

/**
 * Executions, their items, marks and event log in PostgreSQL. Every method is one transaction. Writes by the
 * orchestrator are fenced by the lease: a replica that lost its lease gets {@code false} back and must stop working
 * on the execution. Claims are serialized by a transaction-scoped advisory lock and take rows with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas sharing one database never take the same execution.
 */
public final class JooqExecutionStore {
    /** How every queue reason about a missing runner slot starts (such a reason is replaced by a newer one). */
    public static final String RUNNER_WAIT = "Waiting for a runner";

    private static final long CLAIM_LOCK = 0x436c6172L; // "Clar": one advisory lock for all claims
    private static final List<String> RUNNING = Badge.spellingsOf(Badge::isRunning);
    private static final List<String> HOLDING = Badge.spellingsOf(Badge::holdsProject);
    private static final List<String> TERMINAL = Badge.spellingsOf(Badge::isTerminal);
    private static final String QUEUED = Badge.QUEUED.spelling();

    private final DSLContext dsl;
    private final InstantSource clock;

    public JooqExecutionStore(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /** Queues a new execution and logs who asked for it. */
    public long enqueue(
            long projectId,
            String trigger,
            String triggerRef,
            String requestedBy,
            String stopAfter,
            String onlyTask,
            String tool,
            MergePolicy mergePolicy) {
        return dsl.transactionResult(tx -> {
            OffsetDateTime now = now();
            long id = tx.dsl()
                    .insertInto(EXECUTIONS)
                    .set(EXECUTIONS.PROJECT_ID, projectId)
                    .set(EXECUTIONS.TRIGGER, trigger)
                    .set(EXECUTIONS.TRIGGER_REF, triggerRef)
                    .set(EXECUTIONS.REQUESTED_BY, requestedBy)
                    .set(EXECUTIONS.STOP_AFTER, stopAfter)
                    .set(EXECUTIONS.ONLY_TASK, onlyTask)
                    .set(EXECUTIONS.TOOL_OVERRIDE, tool)
                    .set(EXECUTIONS.MERGE_POLICY, mergePolicy == null ? null : mergePolicy.spelling())
                    .set(EXECUTIONS.CURRENT_STEP, Step.SELECT.name())
                    .set(EXECUTIONS.CREATED_AT, now)
                    .set(EXECUTIONS.UPDATED_AT, now)
                    .returning(EXECUTIONS.ID)
                    .fetchOne(EXECUTIONS.ID);
            append(tx.dsl(), id, "control", null, null, "info", "queued by " + requestedBy + " via " + trigger);
            return id;
        });
    }

    public Optional<ExecutionSnapshot> find(long executionId) {
        return dsl.select(
                        EXECUTIONS.asterisk(),
                        PROJECTS.CUSTOMER_ID,
                        PROJECTS.REPOSITORY,
                        PROJECTS.CLONE_URL,
                        PROJECTS.DEFAULT_BRANCH,
                        PROJECTS.TASK_LIST_PATH,
                        PROJECTS.MERGE_POLICY.as("project_merge_policy"))
                .from(EXECUTIONS)
                .join(PROJECTS)
                .on(PROJECTS.ID.eq(EXECUTIONS.PROJECT_ID))
                .where(EXECUTIONS.ID.eq(executionId))
                .fetchOptional(JooqExecutionStore::snapshot);
    }

    /** The execution that holds a project (running, paused or blocked), if any. */
    public Optional<ExecutionSnapshot> holderOf(long projectId) {
        return dsl.select(EXECUTIONS.ID)
                .from(EXECUTIONS)
                .where(EXECUTIONS.PROJECT_ID.eq(projectId).and(EXECUTIONS.BADGE.in(HOLDING)))
                .orderBy(EXECUTIONS.ID.desc())
                .limit(1)
                .fetchOptional(EXECUTIONS.ID)
                .flatMap(this::find);
    }

    /** The newest execution of a project that can still be controlled (not completed or failed). */
    public Optional<ExecutionSnapshot> current(long projectId) {
        return dsl.select(EXECUTIONS.ID)
                .from(EXECUTIONS)
                .where(EXECUTIONS.PROJECT_ID.eq(projectId).and(EXECUTIONS.BADGE.notIn(TERMINAL)))
                .orderBy(EXECUTIONS.ID.desc())
                .limit(1)
                .fetchOptional(EXECUTIONS.ID)
                .flatMap(this::find);
    }

    /**
     * Moves an execution. With {@code leaseOwner} set (the orchestrator) the move happens only while that owner
     * holds an unexpired lease; with {@code null} (a person's control) it happens regardless.
     *
     * @return false when the lease was lost: the caller must stop working on the execution
     */
    public boolean apply(long executionId, String leaseOwner, Transition t, String eventKind) {
        return dsl.transactionResult(tx -> {
            var d = tx.dsl();
            var row = d.selectFrom(EXECUTIONS)
                    .where(EXECUTIONS.ID.eq(executionId))
                    .forUpdate()
                    .fetchOne();
            if (row == null) {
                return false;
            }
            OffsetDateTime now = now();
            if (leaseOwner != null
                    && (!leaseOwner.equals(row.getLeaseOwner())
                            || row.getLeaseExpiresAt() == null
                            || row.getLeaseExpiresAt().isBefore(now))) {
                return false;
            }
            Cursor c = t.cursor();
            var update = d.update(EXECUTIONS)
                    .set(EXECUTIONS.BADGE, t.badge().spelling())
                    .set(EXECUTIONS.CURRENT_TASK_ID, c.taskId())
                    .set(
                            EXECUTIONS.CURRENT_KIND,
                            c.kind() == null ? null : c.kind().spelling())
                    .set(EXECUTIONS.CURRENT_STEP, c.step().name())
                    .set(EXECUTIONS.CURRENT_ATTEMPTS, c.attempts())
                    .set(EXECUTIONS.UPDATED_AT, now);
            if (t.badge().isTerminal()) {
                update = update.set(EXECUTIONS.FINISHED_AT, now);
            }
            if (!t.badge().isRunning()) {
                update = update.setNull(EXECUTIONS.LEASE_OWNER).setNull(EXECUTIONS.LEASE_EXPIRES_AT);
            }
            if (t.badge() == Badge.STOPPED) {
                update = update.set(EXECUTIONS.STOP_REQUESTED, false);
            }
            update.where(EXECUTIONS.ID.eq(executionId)).execute();
            append(d, executionId, eventKind, c.taskId(), c.step().name(), severity(t.badge()), t.note());
            return true;
        });
    }

    private static String severity(Badge badge) {
        return switch (badge) {
            case BLOCKED, FAILED -> "warn";
            default -> "info";
        };
    }

    /** Asks the owner of a running execution to stop at once (its loop checks between and during steps). */
    public void requestStop(long executionId) {
        dsl.update(EXECUTIONS)
                .set(EXECUTIONS.STOP_REQUESTED, true)
                .where(EXECUTIONS.ID.eq(executionId))
                .execute();
    }

    public void setStopAfter(long executionId, String taskId) {
        dsl.update(EXECUTIONS)
                .set(EXECUTIONS.STOP_AFTER, taskId)
                .where(EXECUTIONS.ID.eq(executionId))
                .execute();
    }

    public void setTool(long executionId, String tool) {
        dsl.update(EXECUTIONS)
                .set(EXECUTIONS.TOOL_OVERRIDE, tool)
                .where(EXECUTIONS.ID.eq(executionId))
                .execute();
    }

    public void setQueueReason(long executionId, String reason) {
        dsl.update(EXECUTIONS)
                .set(EXECUTIONS.QUEUE_REASON, reason)
                .where(EXECUTIONS.ID.eq(executionId))
                .execute();
    }

    /** Appends one event in its own transaction and returns it. */
    public ExecutionEvent log(
            long executionId, String kind, String taskId, String step, String severity, String message) {
        return dsl.transactionResult(tx -> append(tx.dsl(), executionId, kind, taskId, step, severity, message));
    }

    private ExecutionEvent append(
            DSLContext d, long executionId, String kind, String taskId, String step, String severity, String message) {
        // the execution row lock serializes appends of one execution across threads and replicas
        d.select(EXECUTIONS.ID)
                .from(EXECUTIONS)
                .where(EXECUTIONS.ID.eq(executionId))
                .forUpdate()
                .fetch();
        var last = d.select(EXECUTION_EVENTS.SEQ, EXECUTION_EVENTS.CHECKSUM)
                .from(EXECUTION_EVENTS)
                .where(EXECUTION_EVENTS.EXECUTION_ID.eq(executionId))
                .orderBy(EXECUTION_EVENTS.SEQ.desc())
                .limit(1)
                .fetchOne();
        long seq = last == null ? 1 : last.value1() + 1;
        String previous = last == null ? EventChain.GENESIS : last.value2();
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        ExecutionEvent unsigned = new ExecutionEvent(executionId, seq, at, kind, taskId, step, severity, message, null);
        String checksum = EventChain.checksum(previous, unsigned);
        d.insertInto(EXECUTION_EVENTS)
                .set(EXECUTION_EVENTS.EXECUTION_ID, executionId)
                .set(EXECUTION_EVENTS.SEQ, seq)
                .set(EXECUTION_EVENTS.AT, at.atOffset(ZoneOffset.UTC))
                .set(EXECUTION_EVENTS.KIND, kind)
                .set(EXECUTION_EVENTS.TASK_ID, taskId)
                .set(EXECUTION_EVENTS.STEP, step)
                .set(EXECUTION_EVENTS.SEVERITY, severity)
                .set(EXECUTION_EVENTS.MESSAGE, message)
                .set(EXECUTION_EVENTS.CHECKSUM, checksum)
                .execute();
        return new ExecutionEvent(executionId, seq, at, kind, taskId, step, severity, message, checksum);
    }

    public List<ExecutionEvent> events(long executionId) {
        return dsl.selectFrom(EXECUTION_EVENTS)
                .where(EXECUTION_EVENTS.EXECUTION_ID.eq(executionId))
                .orderBy(EXECUTION_EVENTS.SEQ)
                .fetch(r -> new ExecutionEvent(
                        r.getExecutionId(),
                        r.getSeq(),
                        r.getAt().toInstant(),
                        r.getKind(),
                        r.getTaskId(),
                        r.getStep(),
                        r.getSeverity(),
                        r.getMessage(),
                        r.getChecksum()));
    }

    public EventChain.Verdict verify(long executionId) {
        return EventChain.verify(events(executionId));
    }

    /** A claimed execution: the orchestrator now holds its lease. */
    public record Claim(long executionId, boolean takenOver) {}

    /**
     * Takes the next execution to work on, if a slot is free: first a running execution whose owner's lease expired
     * (resumed at its step), else the oldest queued execution of the customer served least recently whose
     * repository is free (FIFO within a customer, round-robin across customers).
     */
    public Optional<Claim> claimNext(String owner, Duration lease, int maxParallel) {
        return claimNext(owner, lease, maxParallel, Placement.NONE);
    }

    /**
     * As {@link #claimNext(String, Duration, int)}, placing the execution on a runner: an execution that already has
     * a runner keeps it (its workspace lives there); one without gets the runner {@code placement} chooses, recorded
     * in the same transaction. When no runner has a free slot nothing is claimed, and the queued executions that
     * wait only for a runner say so in their queue reason.
     */
    /**
     * True when a claim could find something: a queued execution, or a running one whose lease is gone. A cheap look
     * before a claim round, so that an idle process does not survey remote runners or take the claim lock.
     */
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
                append(
                        d,
                        orphan.get(),
                        "control",
                        null,
                        null,
                        "warn",
                        "taken over by " + owner + " after the previous owner's lease expired");
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
            append(d, id, "badge", null, null, "info", "claimed by " + owner + runnerNote);
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

    /** The runner an execution's workspace lives on; empty while it has none (in-process, or not yet placed). */
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

    /**
     * Extends the leases {@code owner} holds on {@code executionIds} (the executions it is driving); returns how many
     * it still holds. A lease on an execution the owner no longer drives (its driver ended on an error that could not
     * be recorded, such as a database outage) is left to expire, so the execution is claimed again and resumes at its
     * step.
     */
    public int renewLeases(String owner, Duration lease, java.util.Collection<Long> executionIds) {
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

    /**
     * Ends every lease at once. Only for a process that owns the database alone (the embedded one, behind the data
     * directory lock): whoever held those leases is dead, so their executions resume now instead of after expiry.
     */
    public int expireAllLeases() {
        return dsl.update(EXECUTIONS)
                .set(EXECUTIONS.LEASE_EXPIRES_AT, now())
                .where(EXECUTIONS.LEASE_OWNER.isNotNull())
                .execute();
    }

    /** Gives a lease back (on shutdown) so that another replica may resume the execution at once. */
    public void releaseLease(long executionId, String owner) {
        dsl.update(EXECUTIONS)
                .set(EXECUTIONS.LEASE_EXPIRES_AT, now())
                .where(EXECUTIONS.ID.eq(executionId).and(EXECUTIONS.LEASE_OWNER.eq(owner)))
                .execute();
    }

    public void mark(long executionId, String taskId, String mark, String by) {
        dsl.insertInto(EXECUTION_MARKS)
                .set(EXECUTION_MARKS.EXECUTION_ID, executionId)
                .set(EXECUTION_MARKS.TASK_ID, taskId)
                .set(EXECUTION_MARKS.MARK, mark)
                .set(EXECUTION_MARKS.MARKED_BY, by)
                .onConflictDoNothing()
                .execute();
    }

    public void unmark(long executionId, String taskId, String mark) {
        dsl.deleteFrom(EXECUTION_MARKS)
                .where(EXECUTION_MARKS
                        .EXECUTION_ID
                        .eq(executionId)
                        .and(EXECUTION_MARKS.TASK_ID.eq(taskId))
                        .and(EXECUTION_MARKS.MARK.eq(mark)))
                .execute();
    }

    public Set<String> marked(long executionId, String mark) {
        return dsl
                .select(EXECUTION_MARKS.TASK_ID)
                .from(EXECUTION_MARKS)
                .where(EXECUTION_MARKS.EXECUTION_ID.eq(executionId).and(EXECUTION_MARKS.MARK.eq(mark)))
                .fetchSet(EXECUTION_MARKS.TASK_ID)
                .stream()
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Who set {@code mark} on the item, if it is set. */
    public Optional<String> markedBy(long executionId, String taskId, String mark) {
        return dsl.select(EXECUTION_MARKS.MARKED_BY)
                .from(EXECUTION_MARKS)
                .where(EXECUTION_MARKS
                        .EXECUTION_ID
                        .eq(executionId)
                        .and(EXECUTION_MARKS.TASK_ID.eq(taskId))
                        .and(EXECUTION_MARKS.MARK.eq(mark)))
                .fetchOptional(EXECUTION_MARKS.MARKED_BY);
    }

    /** The row of one item of an execution, created on first use. */
    public TaskRunRecord taskRun(long executionId, String taskId, String title) {
        dsl.insertInto(TASK_RUNS)
                .set(TASK_RUNS.EXECUTION_ID, executionId)
                .set(TASK_RUNS.TASK_ID, taskId)
                .set(TASK_RUNS.TITLE, title)
                .set(TASK_RUNS.STARTED_AT, now())
                .onConflictDoNothing()
                .execute();
        return findTaskRun(executionId, taskId).orElseThrow();
    }

    /** Records what a step learned about an item; null arguments leave the stored value as it is. */
    public void updateTaskRun(
            long executionId,
            String taskId,
            Step step,
            Integer attempts,
            String tool,
            String baseBranch,
            String branch,
            String commit,
            String prUrl,
            String error,
            boolean finished) {
        var u = dsl.update(TASK_RUNS).set(TASK_RUNS.STEP, step.name()).set(TASK_RUNS.UPDATED_AT, now());
        if (attempts != null) {
            u = u.set(TASK_RUNS.ATTEMPTS, attempts);
        }
        if (tool != null) {
            u = u.set(TASK_RUNS.TOOL, tool);
        }
        if (baseBranch != null) {
            u = u.set(TASK_RUNS.BASE_BRANCH, baseBranch);
        }
        if (branch != null) {
            u = u.set(TASK_RUNS.BRANCH, branch);
        }
        if (commit != null) {
            u = u.set(TASK_RUNS.COMMIT_SHA, commit);
        }
        if (prUrl != null) {
            u = u.set(TASK_RUNS.PR_URL, prUrl);
        }
        if (error != null) {
            u = u.set(TASK_RUNS.ERROR_SUMMARY, error);
        }
        if (finished) {
            u = u.set(TASK_RUNS.FINISHED_AT, now());
        }
        u.where(TASK_RUNS.EXECUTION_ID.eq(executionId).and(TASK_RUNS.TASK_ID.eq(taskId)))
                .execute();
    }

    /** What SELECT found about an item, for the dashboard: its dependencies and criteria, one per line. */
    public void describeTaskRun(long executionId, String taskId, String dependencies, String criteria) {
        dsl.update(TASK_RUNS)
                .set(TASK_RUNS.DEPENDENCIES, dependencies)
                .set(TASK_RUNS.CRITERIA, criteria)
                .where(TASK_RUNS.EXECUTION_ID.eq(executionId).and(TASK_RUNS.TASK_ID.eq(taskId)))
                .execute();
    }

    /** The counts of the last VERIFY, and where the item's evidence lives. */
    public void recordEvidence(
            long executionId, String taskId, int passed, int failed, int unchecked, String artifacts) {
        dsl.update(TASK_RUNS)
                .set(TASK_RUNS.CRITERIA_PASSED, passed)
                .set(TASK_RUNS.CRITERIA_FAILED, failed)
                .set(TASK_RUNS.CRITERIA_UNCHECKED, unchecked)
                .set(TASK_RUNS.ARTIFACTS_PATH, artifacts)
                .where(TASK_RUNS.EXECUTION_ID.eq(executionId).and(TASK_RUNS.TASK_ID.eq(taskId)))
                .execute();
    }

    /** How many times a person gave the item a fresh set of attempts (part of its idempotency keys). */
    public int generation(long executionId, String taskId) {
        return dsl.select(TASK_RUNS.GENERATION)
                .from(TASK_RUNS)
                .where(TASK_RUNS.EXECUTION_ID.eq(executionId).and(TASK_RUNS.TASK_ID.eq(taskId)))
                .fetchOptional(TASK_RUNS.GENERATION)
                .orElse(0);
    }

    public void bumpGeneration(long executionId, String taskId) {
        dsl.update(TASK_RUNS)
                .set(TASK_RUNS.GENERATION, TASK_RUNS.GENERATION.plus(1))
                .setNull(TASK_RUNS.FINISHED_AT)
                .where(TASK_RUNS.EXECUTION_ID.eq(executionId).and(TASK_RUNS.TASK_ID.eq(taskId)))
                .execute();
    }

    /** The stored row of an item, if the execution selected it. */
    public Optional<TaskRunRecord> findTaskRun(long executionId, String taskId) {
        return dsl.selectFrom(TASK_RUNS)
                .where(TASK_RUNS.EXECUTION_ID.eq(executionId).and(TASK_RUNS.TASK_ID.eq(taskId)))
                .fetchOptional(JooqExecutionStore::taskRunRecord);
    }

    /**
     * A person pushed to the item's branch: the item is theirs from now on. {@code login} (null when git found the
     * push rather than a webhook) replaces an unknown one; a check that passed before no longer counts, since the
     * branch moved. Returns false when the execution never selected the item.
     */
    public boolean personPushed(long executionId, String taskId, String login) {
        return dsl.update(TASK_RUNS)
                        .set(
                                TASK_RUNS.PUSHED_BY,
                                login == null || login.isBlank()
                                        ? DSL.coalesce(TASK_RUNS.PUSHED_BY, DSL.val(""))
                                        : DSL.val(login))
                        .setNull(TASK_RUNS.PERSON_COMMIT)
                        .set(TASK_RUNS.UPDATED_AT, now())
                        .where(TASK_RUNS.EXECUTION_ID.eq(executionId).and(TASK_RUNS.TASK_ID.eq(taskId)))
                        .execute()
                > 0;
    }

    /** The person's {@code commit} passed the item's criteria. */
    public void personChecked(long executionId, String taskId, String commit) {
        dsl.update(TASK_RUNS)
                .set(TASK_RUNS.PERSON_COMMIT, commit)
                .set(TASK_RUNS.UPDATED_AT, now())
                .where(TASK_RUNS.EXECUTION_ID.eq(executionId).and(TASK_RUNS.TASK_ID.eq(taskId)))
                .execute();
    }

    /** The branch of the item this execution finished last, if any (the base of the next stacked item). */
    public Optional<String> lastFinishedBranch(long executionId) {
        return dsl.select(TASK_RUNS.BRANCH)
                .from(TASK_RUNS)
                .where(TASK_RUNS
                        .EXECUTION_ID
                        .eq(executionId)
                        .and(TASK_RUNS.STEP.eq(Step.DONE.name()))
                        .and(TASK_RUNS.BRANCH.isNotNull()))
                .orderBy(TASK_RUNS.FINISHED_AT.desc(), TASK_RUNS.ID.desc())
                .limit(1)
                .fetchOptional(TASK_RUNS.BRANCH);
    }

    /** Executions this owner holds whose stop was requested (checked by the owner's watcher). */
    public List<Long> stopRequestedFor(String owner) {
        return dsl.select(EXECUTIONS.ID)
                .from(EXECUTIONS)
                .where(EXECUTIONS.LEASE_OWNER.eq(owner).and(EXECUTIONS.STOP_REQUESTED.isTrue()))
                .fetch(EXECUTIONS.ID);
    }

    public List<TaskRunRecord> taskRuns(long executionId) {
        return dsl.selectFrom(TASK_RUNS)
                .where(TASK_RUNS.EXECUTION_ID.eq(executionId))
                .orderBy(TASK_RUNS.ID)
                .fetch(JooqExecutionStore::taskRunRecord);
    }

    public void setProgress(long executionId, int done, int total) {
        dsl.update(EXECUTIONS)
                .set(EXECUTIONS.TASKS_DONE, done)
                .set(EXECUTIONS.TASKS_TOTAL, total)
                .where(EXECUTIONS.ID.eq(executionId))
                .execute();
    }

    private static TaskRunRecord taskRunRecord(dev.clarity.migrations.jooq.tables.records.TaskRunsRecord r) {
        return new TaskRunRecord(
                r.getExecutionId(),
                r.getTaskId(),
                r.getTitle(),
                r.getStep(),
                r.getAttempts(),
                r.getTool(),
                r.getBaseBranch(),
                r.getBranch(),
                r.getCommitSha(),
                r.getPrUrl(),
                r.getErrorSummary(),
                r.getStartedAt().toInstant(),
                r.getFinishedAt() == null ? null : r.getFinishedAt().toInstant(),
                r.getPushedBy(),
                r.getPersonCommit());
    }

    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static ExecutionSnapshot snapshot(Record r) {
        String kind = r.get(EXECUTIONS.CURRENT_KIND);
        String step = r.get(EXECUTIONS.CURRENT_STEP);
        Cursor cursor = new Cursor(
                r.get(EXECUTIONS.CURRENT_TASK_ID),
                kind == null ? null : ItemKind.fromSpelling(kind),
                step == null ? Step.SELECT : Step.valueOf(step),
                r.get(EXECUTIONS.CURRENT_ATTEMPTS));
        String policy = r.get(EXECUTIONS.MERGE_POLICY);
        return new ExecutionSnapshot(
                r.get(EXECUTIONS.ID),
                r.get(EXECUTIONS.PROJECT_ID),
                r.get(PROJECTS.CUSTOMER_ID),
                r.get(PROJECTS.REPOSITORY),
                r.get(PROJECTS.CLONE_URL),
                r.get(PROJECTS.DEFAULT_BRANCH),
                r.get(PROJECTS.TASK_LIST_PATH),
                Badge.fromSpelling(r.get(EXECUTIONS.BADGE)),
                cursor,
                r.get(EXECUTIONS.STOP_AFTER),
                r.get(EXECUTIONS.ONLY_TASK),
                r.get(EXECUTIONS.TOOL_OVERRIDE),
                MergePolicy.fromSpelling(policy != null ? policy : r.get("project_merge_policy", String.class)),
                policy != null,
                r.get(EXECUTIONS.REQUESTED_BY),
                r.get(EXECUTIONS.STOP_REQUESTED),
                r.get(EXECUTIONS.LEASE_OWNER),
                instant(r.get(EXECUTIONS.CREATED_AT)),
                instant(r.get(EXECUTIONS.STARTED_AT)),
                instant(r.get(EXECUTIONS.FINISHED_AT)),
                r.get(EXECUTIONS.TASKS_DONE),
                r.get(EXECUTIONS.TASKS_TOTAL));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
