package dev.clarity.bot.orchestrator;

import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.EXECUTION_TASK_LISTS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.TASK_RUNS;

import dev.clarity.crm.notify.ExecutionStopped;
import dev.clarity.crm.notify.Notifications;
import dev.clarity.crm.notify.StopKind;
import dev.clarity.crm.time.CostLines;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.tasks.ItemKind;
import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.MergePolicy;
import dev.clarity.vocabulary.Step;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/** {@link Executions} in PostgreSQL: the {@code executions} table and, through {@link JooqEventLog}, their events. */
final class JooqExecutions implements Executions {
    private static final List<String> HOLDING = Badge.spellingsOf(Badge::holdsProject);
    private static final List<String> TERMINAL = Badge.spellingsOf(Badge::isTerminal);

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(JooqExecutions.class);

    private final DSLContext dsl;
    private final InstantSource clock;
    private final JooqEventLog events;
    private final Notifications notifications;
    private final CostLines costs;

    /** @param notifications told, inside the transition's transaction, when the orchestrator stops an execution */
    JooqExecutions(DSLContext dsl, InstantSource clock, JooqEventLog events, Notifications notifications) {
        this.dsl = dsl;
        this.clock = clock;
        this.events = events;
        this.notifications = notifications;
        this.costs = new CostLines(dsl, clock);
    }

    @Override
    public long enqueue(StartRequest r) {
        return dsl.transactionResult(tx -> {
            OffsetDateTime now = now();
            String requestedBy = r.actor().login();
            String trigger = r.actor().via();
            long id = tx.dsl()
                    .insertInto(EXECUTIONS)
                    .set(EXECUTIONS.PROJECT_ID, r.projectId())
                    .set(EXECUTIONS.TRIGGER, trigger)
                    .set(EXECUTIONS.TRIGGER_REF, r.triggerRef())
                    .set(EXECUTIONS.REQUESTED_BY, requestedBy)
                    .set(EXECUTIONS.STOP_AFTER, r.stopAfter())
                    .set(EXECUTIONS.ONLY_TASK, r.onlyTask())
                    .set(EXECUTIONS.TOOL_OVERRIDE, r.tool())
                    .set(
                            EXECUTIONS.MERGE_POLICY,
                            // any case, as before: a dashboard form posts it unchecked
                            r.mergePolicy() == null
                                    ? null
                                    : MergePolicy.fromSpelling(r.mergePolicy().toLowerCase(Locale.ROOT))
                                            .spelling())
                    .set(EXECUTIONS.CURRENT_STEP, Step.SELECT.name())
                    .set(EXECUTIONS.CREATED_AT, now)
                    .set(EXECUTIONS.UPDATED_AT, now)
                    .returning(EXECUTIONS.ID)
                    .fetchOne(EXECUTIONS.ID);
            events.append(tx.dsl(), id, NewEvent.control("queued by " + requestedBy + " via " + trigger));
            return id;
        });
    }

    @Override
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
                .fetchOptional(JooqExecutions::snapshot);
    }

    @Override
    public Optional<ExecutionSnapshot> holderOf(long projectId) {
        return newest(EXECUTIONS.PROJECT_ID.eq(projectId).and(EXECUTIONS.BADGE.in(HOLDING)));
    }

    @Override
    public Optional<ExecutionSnapshot> current(long projectId) {
        return newest(EXECUTIONS.PROJECT_ID.eq(projectId).and(EXECUTIONS.BADGE.notIn(TERMINAL)));
    }

    private Optional<ExecutionSnapshot> newest(org.jooq.Condition condition) {
        return dsl.select(EXECUTIONS.ID)
                .from(EXECUTIONS)
                .where(condition)
                .orderBy(EXECUTIONS.ID.desc())
                .limit(1)
                .fetchOptional(EXECUTIONS.ID)
                .flatMap(this::find);
    }

    @Override
    public boolean moved(long executionId, String owner, Transition transition, String eventKind) {
        return move(executionId, Optional.of(owner), transition, eventKind);
    }

    @Override
    public void controlled(long executionId, Transition transition) {
        move(executionId, Optional.empty(), transition, "control");
    }

    /**
     * With an owner (the orchestrator) only while it holds an unexpired lease; without (a person) regardless. Once an
     * execution has ended, its machine time and AI usage are recorded as cost lines on its project (after the
     * transition is committed; once per execution and kind, so a retried transition records nothing twice).
     */
    private boolean move(long executionId, Optional<String> owner, Transition t, String eventKind) {
        boolean moved = transition(executionId, owner, t, eventKind);
        if (moved && ExecutionSnapshot.hasEnded(t.badge())) {
            try {
                costs.record(executionId);
            } catch (RuntimeException e) {
                // the execution's end stands; its cost lines are missing until it ends again
                log.warn("Recording the cost lines of execution {} failed", executionId, e);
            }
        }
        return moved;
    }

    private boolean transition(long executionId, Optional<String> owner, Transition t, String eventKind) {
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
            if (owner.isPresent()
                    && (!owner.get().equals(row.getLeaseOwner())
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
            // the one sentence every view of an ended execution shows; a running or queued one has none
            update = update.set(EXECUTIONS.END_REASON, ExecutionSnapshot.hasEnded(t.badge()) ? t.note() : null);
            update.where(EXECUTIONS.ID.eq(executionId)).execute();
            if (c.step() == Step.HUMAN_REVIEW && c.taskId() != null) {
                // the item's row says it ended with a person, so the success rate per tool counts it as a failure
                // of the tool that ran (or could not start); a gated item no tool touched yet is left out
                d.update(TASK_RUNS)
                        .set(TASK_RUNS.STEP, Step.HUMAN_REVIEW.name())
                        .set(TASK_RUNS.UPDATED_AT, now)
                        .where(TASK_RUNS.EXECUTION_ID.eq(executionId))
                        .and(TASK_RUNS.TASK_ID.eq(c.taskId()))
                        .and(TASK_RUNS.TOOL.isNotNull())
                        .execute();
            }
            String severity = t.badge() == Badge.BLOCKED || t.badge() == Badge.FAILED ? "warn" : "info";
            ExecutionEvent event = events.append(
                    d, executionId, new NewEvent(eventKind, c.taskId(), c.step().name(), severity, t.note()));
            // the orchestrator stopped it (a person's own control is not news to them); the mail commits with the
            // move, keyed by the event, so a move that is not committed tells no one and a committed one tells once
            Optional<StopKind> stop = stopKind(t.badge());
            if (owner.isPresent() && stop.isPresent() && !t.badge().spelling().equals(row.getBadge())) {
                notifications.executionStopped(
                        d,
                        new ExecutionStopped(
                                executionId,
                                row.getProjectId(),
                                stop.get(),
                                Optional.ofNullable(row.getRequestedBy()),
                                Optional.ofNullable(c.taskId()),
                                t.note(),
                                event.seq(),
                                now.toInstant()));
            }
            return true;
        });
    }

    /** The badges people hear of by mail: an execution done, paused, or waiting for someone. */
    private static Optional<StopKind> stopKind(Badge badge) {
        return switch (badge) {
            case COMPLETED -> Optional.of(StopKind.COMPLETED);
            case PAUSED -> Optional.of(StopKind.PAUSED);
            case BLOCKED -> Optional.of(StopKind.BLOCKED);
            default -> Optional.empty();
        };
    }

    @Override
    public void stopRequested(long executionId) {
        dsl.update(EXECUTIONS)
                .set(EXECUTIONS.STOP_REQUESTED, true)
                .where(EXECUTIONS.ID.eq(executionId))
                .execute();
    }

    @Override
    public void stopPointSet(long executionId, String taskId) {
        dsl.update(EXECUTIONS)
                .set(EXECUTIONS.STOP_AFTER, taskId)
                .where(EXECUTIONS.ID.eq(executionId))
                .execute();
    }

    @Override
    public void toolChosen(long executionId, String tool) {
        dsl.update(EXECUTIONS)
                .set(EXECUTIONS.TOOL_OVERRIDE, tool)
                .where(EXECUTIONS.ID.eq(executionId))
                .execute();
    }

    @Override
    public void waiting(long executionId, String reason) {
        dsl.update(EXECUTIONS)
                .set(EXECUTIONS.QUEUE_REASON, reason)
                .where(EXECUTIONS.ID.eq(executionId))
                .execute();
    }

    @Override
    public void counted(long executionId, int done, int total) {
        dsl.update(EXECUTIONS)
                .set(EXECUTIONS.TASKS_DONE, done)
                .set(EXECUTIONS.TASKS_TOTAL, total)
                .where(EXECUTIONS.ID.eq(executionId))
                .execute();
    }

    @Override
    public void listRead(long executionId, String path, String content) {
        dsl.insertInto(EXECUTION_TASK_LISTS)
                .set(EXECUTION_TASK_LISTS.EXECUTION_ID, executionId)
                .set(EXECUTION_TASK_LISTS.PATH, path)
                .set(EXECUTION_TASK_LISTS.CONTENT, content)
                .set(EXECUTION_TASK_LISTS.READ_AT, now())
                .onConflict(EXECUTION_TASK_LISTS.EXECUTION_ID)
                .doUpdate()
                .set(EXECUTION_TASK_LISTS.PATH, path)
                .set(EXECUTION_TASK_LISTS.CONTENT, content)
                .set(EXECUTION_TASK_LISTS.READ_AT, now())
                .execute();
    }

    @Override
    public ExecutionEvent log(long executionId, NewEvent event) {
        return dsl.transactionResult(tx -> events.append(tx.dsl(), executionId, event));
    }

    @Override
    public List<ExecutionEvent> events(long executionId) {
        return events.events(dsl, executionId);
    }

    @Override
    public EventChain.Verdict verify(long executionId) {
        return EventChain.verify(events(executionId));
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
                r.get(EXECUTIONS.TASKS_TOTAL),
                r.get(EXECUTIONS.END_REASON));
    }

    private static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
