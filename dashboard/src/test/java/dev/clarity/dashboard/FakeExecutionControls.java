package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.EXECUTION_EVENTS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.TASK_RUNS;

import dev.clarity.dashboard.auth.Tokens;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.ExecutionControls;
import dev.clarity.dashboard.controls.StartRequest;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Stands in for the orchestrator: each control changes the execution row and appends events the way the
 * orchestrator does, so that pages, the API and the WebSockets have something live to show. {@link #advance}
 * plays one step of an execution (an item starts, logs lines, finishes).
 */
final class FakeExecutionControls implements ExecutionControls {
    private final DSLContext dsl;
    final List<String> calls = new ArrayList<>();

    FakeExecutionControls(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public synchronized ControlOutcome start(StartRequest r) {
        calls.add("start " + r.projectId());
        var project = dsl.fetchOne(PROJECTS, PROJECTS.ID.eq(r.projectId()));
        if (project == null || project.getArchivedAt() != null) {
            return new ControlOutcome.Refused("There is no active project " + r.projectId() + ".");
        }
        long id = dsl.insertInto(EXECUTIONS)
                .set(EXECUTIONS.PROJECT_ID, r.projectId())
                .set(EXECUTIONS.BADGE, "INITIALIZING")
                .set(EXECUTIONS.TRIGGER, "dashboard")
                .set(EXECUTIONS.REQUESTED_BY, r.actor().login())
                .set(EXECUTIONS.STOP_AFTER, r.stopAfter())
                .set(EXECUTIONS.TOOL_OVERRIDE, r.tool())
                .set(EXECUTIONS.TASKS_TOTAL, 4)
                .set(EXECUTIONS.STARTED_AT, OffsetDateTime.now())
                .returning(EXECUTIONS.ID)
                .fetchOne(EXECUTIONS.ID);
        event(
                id,
                "badge",
                null,
                null,
                "info",
                "badge INITIALIZING (started by @" + r.actor().login() + ")");
        return new ControlOutcome.Accepted(id, "Execution #" + id + " started on " + project.getName() + ".");
    }

    @Override
    public synchronized ControlOutcome stop(long id, Actor actor) {
        calls.add("stop " + id);
        badge(id, "STOPPED");
        event(id, "control", null, null, "warn", "emergency stop by @" + actor.login());
        return new ControlOutcome.Accepted(id, "Execution #" + id + " stopped; its state is kept.");
    }

    @Override
    public synchronized ControlOutcome stopAfter(long id, String taskId, Actor actor) {
        calls.add("stop-after " + id + " " + taskId);
        dsl.update(EXECUTIONS)
                .set(EXECUTIONS.STOP_AFTER, taskId)
                .set(EXECUTIONS.UPDATED_AT, OffsetDateTime.now())
                .where(EXECUTIONS.ID.eq(id))
                .execute();
        return new ControlOutcome.Accepted(id, "Will pause after " + taskId + ".");
    }

    @Override
    public synchronized ControlOutcome resume(long id, Actor actor) {
        calls.add("resume " + id);
        String badge = dsl.select(EXECUTIONS.BADGE)
                .from(EXECUTIONS)
                .where(EXECUTIONS.ID.eq(id))
                .fetchOne(EXECUTIONS.BADGE);
        if (!"STOPPED".equals(badge) && !"PAUSED".equals(badge) && !"BLOCKED".equals(badge)) {
            return new ControlOutcome.Refused(
                    "Execution #" + id + " is " + badge + "; only a stopped, paused or blocked one resumes.");
        }
        badge(id, "AUTONOMOUS");
        event(id, "control", null, null, "info", "resumed by @" + actor.login());
        return new ControlOutcome.Accepted(id, "Execution #" + id + " resumed.");
    }

    @Override
    public synchronized ControlOutcome retry(long id, String taskId, Actor actor) {
        calls.add("retry " + id + " " + taskId);
        return new ControlOutcome.Accepted(id, "Retrying " + (taskId == null ? "the current item" : taskId) + ".");
    }

    @Override
    public synchronized ControlOutcome skip(long id, String taskId, Actor actor) {
        calls.add("skip " + id + " " + taskId);
        return new ControlOutcome.Accepted(id, "Skipped " + taskId + ".");
    }

    @Override
    public synchronized ControlOutcome approve(long id, String taskId, Actor actor) {
        calls.add("approve " + id + " " + taskId);
        return new ControlOutcome.Refused("Item " + taskId + " is not waiting for approval.");
    }

    @Override
    public synchronized ControlOutcome override(long id, String taskId, boolean take, Actor actor) {
        calls.add((take ? "take " : "release ") + id + " " + taskId);
        return new ControlOutcome.Accepted(id, (take ? "You hold " : "Released ") + taskId + ".");
    }

    @Override
    public synchronized ControlOutcome toolOverride(long id, String tool, Actor actor) {
        calls.add("tool " + id + " " + tool);
        dsl.update(EXECUTIONS)
                .set(EXECUTIONS.TOOL_OVERRIDE, tool)
                .set(EXECUTIONS.UPDATED_AT, OffsetDateTime.now())
                .where(EXECUTIONS.ID.eq(id))
                .execute();
        return new ControlOutcome.Accepted(id, "Using " + tool + " from now on.");
    }

    @Override
    public Optional<Long> currentExecution(long projectId) {
        return dsl.select(EXECUTIONS.ID)
                .from(EXECUTIONS)
                .where(EXECUTIONS.PROJECT_ID.eq(projectId))
                .and(EXECUTIONS.BADGE.notIn("COMPLETED", "FAILED", "QUEUED"))
                .fetchOptional(EXECUTIONS.ID);
    }

    /** One step of the stand-in run: item {@code taskId} starts (TASK-EXECUTING), logs a line, and is done. */
    synchronized void advance(long id, String taskId, String title, String line) {
        dsl.insertInto(TASK_RUNS)
                .set(TASK_RUNS.EXECUTION_ID, id)
                .set(TASK_RUNS.TASK_ID, taskId)
                .set(TASK_RUNS.TITLE, title)
                .set(TASK_RUNS.STEP, "IMPLEMENT")
                .set(TASK_RUNS.TOOL, "command")
                .onConflictDoNothing()
                .execute();
        dsl.update(EXECUTIONS)
                .set(EXECUTIONS.CURRENT_TASK_ID, taskId)
                .set(EXECUTIONS.CURRENT_STEP, "IMPLEMENT")
                .set(EXECUTIONS.BADGE, "TASK-EXECUTING")
                .set(EXECUTIONS.UPDATED_AT, OffsetDateTime.now())
                .where(EXECUTIONS.ID.eq(id))
                .execute();
        event(id, "step", taskId, "IMPLEMENT", "info", "Task " + taskId + ": " + title);
        event(id, "tool", taskId, "IMPLEMENT", "info", line);
    }

    synchronized void finishItem(long id, String taskId, String prUrl) {
        dsl.update(TASK_RUNS)
                .set(TASK_RUNS.STEP, "DONE")
                .set(TASK_RUNS.PR_URL, prUrl)
                .where(TASK_RUNS.EXECUTION_ID.eq(id).and(TASK_RUNS.TASK_ID.eq(taskId)))
                .execute();
        dsl.update(EXECUTIONS)
                .set(EXECUTIONS.TASKS_DONE, EXECUTIONS.TASKS_DONE.plus(1))
                .set(EXECUTIONS.BADGE, "AUTONOMOUS")
                .set(EXECUTIONS.UPDATED_AT, OffsetDateTime.now())
                .where(EXECUTIONS.ID.eq(id))
                .execute();
        event(id, "step", taskId, "DONE", "info", "Task " + taskId + " done: " + prUrl);
    }

    synchronized void badge(long id, String badge) {
        dsl.update(EXECUTIONS)
                .set(EXECUTIONS.BADGE, badge)
                .set(EXECUTIONS.UPDATED_AT, OffsetDateTime.now())
                .set(
                        EXECUTIONS.FINISHED_AT,
                        badge.equals("COMPLETED") || badge.equals("FAILED") ? OffsetDateTime.now() : null)
                .where(EXECUTIONS.ID.eq(id))
                .execute();
        event(id, "badge", null, null, "info", "badge " + badge);
    }

    /** Appends an event with the next sequence number and a checksum chained to the previous row. */
    synchronized long event(long id, String kind, String taskId, String step, String severity, String message) {
        var last = dsl.select(EXECUTION_EVENTS.SEQ, EXECUTION_EVENTS.CHECKSUM)
                .from(EXECUTION_EVENTS)
                .where(EXECUTION_EVENTS.EXECUTION_ID.eq(id))
                .orderBy(EXECUTION_EVENTS.SEQ.desc())
                .limit(1)
                .fetchOne();
        long seq = last == null ? 1 : last.value1() + 1;
        String prev = last == null ? "" : last.value2();
        dsl.insertInto(EXECUTION_EVENTS)
                .set(EXECUTION_EVENTS.EXECUTION_ID, id)
                .set(EXECUTION_EVENTS.SEQ, seq)
                .set(EXECUTION_EVENTS.KIND, kind)
                .set(EXECUTION_EVENTS.TASK_ID, taskId)
                .set(EXECUTION_EVENTS.STEP, step)
                .set(EXECUTION_EVENTS.SEVERITY, severity)
                .set(EXECUTION_EVENTS.MESSAGE, message)
                .set(EXECUTION_EVENTS.CHECKSUM, Tokens.sha256(prev + "|" + seq + "|" + kind + "|" + message))
                .execute();
        return seq;
    }
}
