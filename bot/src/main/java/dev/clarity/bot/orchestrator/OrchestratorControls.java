package dev.clarity.bot.orchestrator;

import static dev.clarity.migrations.jooq.Tables.AUDIT;
import static dev.clarity.migrations.jooq.Tables.COMMAND_EFFECTS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;

import dev.clarity.bot.orchestrator.ports.IdempotentControls;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.ExecutionControls;
import dev.clarity.dashboard.controls.ExecutionStatus;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.Step;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.DSLContext;

/**
 * The controls (stop, resume, retry, skip, approve, stop point) as the orchestrator carries them out, shared by the comment commands, the dashboard
 * and the CLI. Each control is checked by {@link Transitions#onControl}, written to the audit table and logged as an
 * event of the execution. {@link #once} ties a control to the request that asked for it (a comment), in the same
 * transaction as its effect.
 */
public final class OrchestratorControls implements IdempotentControls {
    /** The channel of dashboard requests, which the dashboard audits itself. */
    static final String DASHBOARD = "dashboard";

    private final DSLContext dsl;
    private final ExecutionStore store;
    private final Scheduling orchestrator;
    private final InstantSource clock;
    /** Inside {@link #once}: what waits for the commit. Null: carried out at once. */
    private final Scope scope;

    public OrchestratorControls(DSLContext dsl, ExecutionStore store, Scheduling orchestrator, InstantSource clock) {
        this(dsl, store, orchestrator, clock, null);
    }

    private OrchestratorControls(
            DSLContext dsl, ExecutionStore store, Scheduling orchestrator, InstantSource clock, Scope scope) {
        this.dsl = dsl;
        this.store = store;
        this.orchestrator = orchestrator;
        this.clock = clock;
        this.scope = scope;
    }

    /**
     * One transaction of {@link #once}: the orchestrator is woken (or a step cancelled) only after the commit, so it
     * never looks before the effect is there, and the execution a request started is noted for its row.
     */
    private static final class Scope {
        private final List<Runnable> afterCommit = new ArrayList<>();
        private Long started;
    }

    /**
     * The request's row in {@code command_effects} is inserted first: a second call with the same key waits on it
     * until the first commits, then finds the answer; if the first rolled back, the second carries the work out.
     */
    @Override
    public String once(String requestKey, Function<ExecutionControls, String> work) {
        Scope inner = new Scope();
        String answer = dsl.transactionResult(tx -> {
            DSLContext d = tx.dsl();
            var e = COMMAND_EFFECTS;
            int fresh = d.insertInto(e)
                    .set(e.REQUEST_KEY, requestKey)
                    .set(e.CREATED_AT, clock.instant().atOffset(java.time.ZoneOffset.UTC))
                    .onConflictDoNothing()
                    .execute();
            if (fresh == 0) {
                return d.select(e.ANSWER)
                        .from(e)
                        .where(e.REQUEST_KEY.eq(requestKey))
                        .fetchSingle(e.ANSWER);
            }
            var within = new OrchestratorControls(d, new JooqExecutionStore(d, clock), orchestrator, clock, inner);
            String first = java.util.Objects.requireNonNull(work.apply(within), "an answer to " + requestKey);
            if (!orchestrator.accepting()) {
                // shutting down: roll the effect and the key back, so the request is carried out by the next process
                throw new NotNow(first);
            }
            d.update(e)
                    .set(e.ANSWER, first)
                    .set(e.STARTED_EXECUTION_ID, inner.started)
                    .where(e.REQUEST_KEY.eq(requestKey))
                    .execute();
            return first;
        });
        inner.afterCommit.forEach(Runnable::run);
        return answer;
    }

    private void wake() {
        if (scope == null) {
            orchestrator.wake();
        } else {
            scope.afterCommit.add(orchestrator::wake);
        }
    }

    @Override
    public ControlOutcome start(StartRequest r) {
        if (!orchestrator.accepting()) {
            return new ControlOutcome.Refused("Clarity is shutting down and takes no new runs; try again in a minute.");
        }
        var project =
                dsl.selectFrom(PROJECTS).where(PROJECTS.ID.eq(r.projectId())).fetchOptional();
        if (project.isEmpty() || project.get().getArchivedAt() != null) {
            return new ControlOutcome.Refused("project " + r.projectId() + " does not exist or is archived");
        }
        String repo = project.get().getRepository();
        Optional<ExecutionSnapshot> holder = store.holderOf(r.projectId());
        long id = store.enqueue(r);
        audit(r.actor(), "start", id, "stopAfter=" + r.stopAfter() + " onlyTask=" + r.onlyTask() + " tool=" + r.tool());
        String message;
        if (holder.isPresent()) {
            ExecutionSnapshot h = holder.get();
            message = "Queued: a run for " + repo + " is already "
                    + h.badge().spelling().toLowerCase(java.util.Locale.ROOT) + ", started by @" + h.requestedBy() + " "
                    + ago(h) + "; this run starts when it ends.";
            store.waiting(id, message);
        } else {
            message = "Run " + id + " queued for " + repo + ".";
        }
        if (scope != null) {
            scope.started = id;
        }
        wake();
        return new ControlOutcome.Accepted(id, message);
    }

    private String ago(ExecutionSnapshot h) {
        var since = h.startedAt() != null ? h.startedAt() : h.createdAt();
        long minutes = Duration.between(since, clock.instant()).toMinutes();
        return minutes < 1 ? "less than a minute ago" : minutes + " min ago";
    }

    @Override
    public ControlOutcome stop(long executionId, Actor actor) {
        Optional<ExecutionSnapshot> s = store.find(executionId);
        if (s.isEmpty()) {
            return unknown(executionId);
        }
        if (s.get().badge().isRunning()) {
            store.stopRequested(executionId);
            if (scope == null) {
                orchestrator.cancel(executionId);
            } else {
                scope.afterCommit.add(() -> orchestrator.cancel(executionId));
            }
            audit(actor, "stop", executionId, null);
            store.log(
                    executionId,
                    NewEvent.control("emergency stop requested by @" + actor.login())
                            .warn());
            return new ControlOutcome.Accepted(
                    executionId, "Stopping run " + executionId + ": the running step is cancelled.");
        }
        return control(executionId, actor, "stop", new Control.Stop());
    }

    @Override
    public ControlOutcome stopAfter(long executionId, String taskId, Actor actor) {
        if (store.find(executionId).isEmpty()) {
            return unknown(executionId);
        }
        store.stopPointSet(executionId, taskId);
        return noted(
                actor,
                "stop-after",
                executionId,
                taskId,
                "stop point set after " + taskId + " by @" + actor.login(),
                "Run " + executionId + " will pause after " + taskId + ".");
    }

    @Override
    public ControlOutcome resume(long executionId, Actor actor) {
        Optional<ExecutionSnapshot> s = store.find(executionId);
        if (s.isEmpty()) {
            return unknown(executionId);
        }
        Optional<ExecutionSnapshot> holder = store.holderOf(s.get().projectId());
        if (holder.isPresent() && holder.get().id() != executionId) {
            return new ControlOutcome.Refused("run " + holder.get().id() + " holds "
                    + s.get().repository() + " now (" + holder.get().badge().spelling() + "); stop it first");
        }
        Cursor c = s.get().cursor();
        if (c.step() == Step.HUMAN_REVIEW
                && store.findTaskRun(executionId, c.taskId())
                        .map(TaskRunRecord::persons)
                        .orElse(false)) {
            // the item is a person's: resuming means "I pushed a fix", so their branch is checked again
            // a fresh generation first (the item waits, nothing runs it): the check is not answered from the stored
            // result of the previous one; when the control is refused, the spare generation changes nothing
            store.bumpGeneration(executionId, c.taskId());
            return control(executionId, actor, "resume", new Control.PersonPushed(c.taskId()));
        }
        return control(executionId, actor, "resume", new Control.Resume());
    }

    /**
     * A person (not Clarity) pushed to the branch of {@code taskId}: the item is theirs. Clarity stops writing to that
     * branch and checks their commit against the item's criteria: at once when the item waits in human review (a
     * fix after a failed check, or after Clarity's own attempts), otherwise at the running execution's next step.
     * Idempotent: a repeated delivery records the same thing again and checks the same commit again at most.
     */
    public ControlOutcome personPushed(long executionId, String taskId, Actor actor) {
        Optional<ExecutionSnapshot> s = store.find(executionId);
        if (s.isEmpty()) {
            return unknown(executionId);
        }
        if (!store.pushedByPerson(executionId, taskId, actor.login())) {
            // not reached yet: when SELECT takes the item, it is theirs from the start
            store.mark(executionId, taskId, Mark.PUSHED, actor.login());
            audit(actor, "push", executionId, taskId);
            store.log(
                    executionId,
                    NewEvent.control(
                            taskId,
                            "@" + actor.login() + " pushed to the branch of " + taskId
                                    + " ahead: when the run gets there, Clarity checks their commit instead of working"
                                    + " on it"));
            return new ControlOutcome.Accepted(
                    executionId,
                    "Item " + taskId + " is @" + actor.login()
                            + "'s: their commit is checked when the run gets there.");
        }
        // a fresh generation: nothing that runs or comes next for the item is answered from a result stored before
        // this push, and a check of theirs running now sees that it checked an older commit (ExecutionLoop)
        store.bumpGeneration(executionId, taskId);
        audit(actor, "push", executionId, taskId);
        store.log(
                executionId,
                NewEvent.control(
                        taskId,
                        "@" + actor.login() + " pushed to the branch of " + taskId
                                + ": the item is theirs, Clarity stops writing to that branch and checks their commit"));
        Cursor c = s.get().cursor();
        if (taskId.equals(c.taskId()) && c.step() == Step.HUMAN_REVIEW) {
            return control(executionId, actor, "push", new Control.PersonPushed(taskId));
        }
        orchestrator.wake();
        return new ControlOutcome.Accepted(
                executionId, "Item " + taskId + " is @" + actor.login() + "'s: their commit is checked next.");
    }

    @Override
    public ControlOutcome retry(long executionId, String taskId, Actor actor) {
        Optional<ExecutionSnapshot> s = store.find(executionId);
        if (s.isEmpty()) {
            return unknown(executionId);
        }
        ControlOutcome o = control(executionId, actor, "retry", new Control.Retry(taskId));
        if (o instanceof ControlOutcome.Accepted && s.get().cursor().taskId() != null) {
            store.bumpGeneration(executionId, s.get().cursor().taskId());
            // fresh attempts start from the workspace as it is: what was held stays out
            store.dropHolds(executionId, s.get().cursor().taskId());
        }
        return o;
    }

    @Override
    public ControlOutcome skip(long executionId, String taskId, Actor actor) {
        Optional<ExecutionSnapshot> s = store.find(executionId);
        if (s.isEmpty()) {
            return unknown(executionId);
        }
        store.mark(executionId, taskId, Mark.SKIPPED, actor.login());
        store.dropHolds(executionId, taskId);
        if (taskId.equals(s.get().cursor().taskId())) {
            return control(executionId, actor, "skip", new Control.Skip(taskId));
        }
        return noted(
                actor,
                "skip",
                executionId,
                taskId,
                "item " + taskId + " will be skipped (@" + actor.login() + ")",
                "Item " + taskId + " will be skipped when it comes up.");
    }

    @Override
    public ControlOutcome approve(long executionId, String taskId, Actor actor) {
        Optional<ExecutionSnapshot> s = store.find(executionId);
        if (s.isEmpty()) {
            return unknown(executionId);
        }
        store.mark(executionId, taskId, Mark.APPROVED, actor.login());
        if (taskId.equals(s.get().cursor().taskId()) && s.get().cursor().step() == Step.HUMAN_REVIEW) {
            Optional<Hold> hold = store.openHold(executionId, taskId);
            if (hold.isEmpty()) {
                return control(executionId, actor, "approve", new Control.Approve(taskId));
            }
            // held mid-way (protected files, a risky diff): approval continues where the hold says
            ControlOutcome o = control(
                    executionId,
                    actor,
                    "approve",
                    new Control.Approve(taskId, hold.get().resume(), hold.get().attempts()));
            if (o instanceof ControlOutcome.Accepted) {
                store.approveHold(hold.get().id(), actor.login());
            }
            return o;
        }
        return noted(
                actor,
                "approve",
                executionId,
                taskId,
                "item " + taskId + " approved ahead by @" + actor.login(),
                "Item " + taskId + " is approved.");
    }

    @Override
    public ControlOutcome override(long executionId, String taskId, boolean take, Actor actor) {
        Optional<ExecutionSnapshot> s = store.find(executionId);
        if (s.isEmpty()) {
            return unknown(executionId);
        }
        if (take) {
            store.mark(executionId, taskId, Mark.TAKEN, actor.login());
            store.dropHolds(executionId, taskId);
        } else {
            store.unmark(executionId, taskId, Mark.TAKEN);
        }
        audit(actor, take ? "take" : "release", executionId, taskId);
        store.log(
                executionId,
                NewEvent.control(
                        taskId, "item " + taskId + (take ? " taken over by @" : " released by @") + actor.login()));
        if (take && taskId.equals(s.get().cursor().taskId()) && s.get().cursor().step() == Step.HUMAN_REVIEW) {
            store.controlled(
                    executionId,
                    new Transition(
                            Cursor.START,
                            Badge.AUTONOMOUS,
                            "item " + taskId + " is @" + actor.login() + "'s now; moving on"));
            wake();
        }
        return new ControlOutcome.Accepted(
                executionId,
                take
                        ? "Item " + taskId + " is yours: Clarity leaves it alone until you release it."
                        : "Item " + taskId + " is Clarity's again.");
    }

    @Override
    public ControlOutcome toolOverride(long executionId, String tool, Actor actor) {
        if (store.find(executionId).isEmpty()) {
            return unknown(executionId);
        }
        store.toolChosen(executionId, tool);
        audit(actor, "tool", executionId, tool);
        store.log(executionId, NewEvent.control("tool set to " + tool + " by @" + actor.login()));
        return new ControlOutcome.Accepted(executionId, "Run " + executionId + " uses " + tool + " from now on.");
    }

    /** The pull request an execution waited for (merge policy wait) was merged: go on with the next item. */
    public ControlOutcome merged(long executionId, Actor actor) {
        if (store.find(executionId).isEmpty()) {
            return unknown(executionId);
        }
        return control(executionId, actor, "merged", new Control.Merged());
    }

    @Override
    public Optional<Long> currentExecution(long projectId) {
        return store.current(projectId).map(ExecutionSnapshot::id);
    }

    @Override
    public Optional<ExecutionStatus> status(long projectId) {
        return store.current(projectId).map(s -> {
            String taskId = s.cursor().taskId();
            String title = taskId == null
                    ? null
                    : store.taskRuns(s.id()).stream()
                            .filter(r -> r.taskId().equals(taskId))
                            .map(TaskRunRecord::title)
                            .findFirst()
                            .orElse(null);
            return new ExecutionStatus(
                    s.id(),
                    s.badge().spelling(),
                    taskId,
                    title,
                    s.cursor().step().name(),
                    s.cursor().attempts(),
                    s.tasksDone(),
                    s.tasksTotal(),
                    s.stopAfter(),
                    s.requestedBy(),
                    s.startedAt() != null ? s.startedAt() : s.createdAt());
        });
    }

    private ControlOutcome control(long executionId, Actor actor, String action, Control control) {
        ExecutionSnapshot s = store.find(executionId).orElseThrow();
        return switch (Transitions.onControl(s.cursor(), s.badge(), control)) {
            case ControlResult.Refused r -> {
                audit(actor, action, executionId, "refused: " + r.reason());
                yield new ControlOutcome.Refused(r.reason());
            }
            case ControlResult.Moved m -> {
                Transition t = new Transition(
                        m.transition().cursor(),
                        m.transition().badge(),
                        m.transition().note() + " (@" + actor.login() + ")");
                store.controlled(executionId, t);
                audit(actor, action, executionId, null);
                wake();
                yield new ControlOutcome.Accepted(
                        executionId, capitalize(m.transition().note()) + ".");
            }
        };
    }

    /** A control that changed a setting rather than the execution's position: audited, logged, answered. */
    private ControlOutcome noted(
            Actor actor, String action, long executionId, String taskId, String event, String reply) {
        audit(actor, action, executionId, taskId);
        store.log(executionId, NewEvent.control(taskId, event));
        return new ControlOutcome.Accepted(executionId, reply);
    }

    /**
     * One audit row per request, written by whoever received it: the dashboard writes its own requests with what came
     * of them (its {@code AuditLog}), so controls via the dashboard are not written here a second time.
     */
    private void audit(Actor actor, String action, long executionId, String detail) {
        if (DASHBOARD.equals(actor.via())) {
            return;
        }
        dsl.insertInto(AUDIT)
                .set(AUDIT.ACTOR, actor.login())
                .set(AUDIT.ACTION, action + " via " + actor.via())
                .set(AUDIT.TARGET_TYPE, "execution")
                .set(AUDIT.TARGET_ID, Long.toString(executionId))
                .set(AUDIT.EXECUTION_ID, executionId)
                .set(AUDIT.DETAIL, detail)
                .execute();
    }

    private static ControlOutcome unknown(long executionId) {
        return new ControlOutcome.Refused("there is no run " + executionId);
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
