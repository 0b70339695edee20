package dev.clarity.bot.orchestrator;

import dev.clarity.runner.api.GitCredentials;
import dev.clarity.runner.api.MergedRequest;
import dev.clarity.runner.api.MergedResult;
import dev.clarity.runner.api.PrepRequest;
import dev.clarity.runner.api.PrepResult;
import dev.clarity.runner.api.Runner;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.tasks.TaskListException;
import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.MergePolicy;
import dev.clarity.vocabulary.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The shell around {@link Transitions}: carries out the step an execution's cursor points at through that step's
 * {@link StepHandler}, then persists the transition before the next step starts. One call of {@link #drive} works
 * on one claimed execution until it leaves the running badges, its lease is lost or a stop is requested.
 *
 * <p>Every runner call carries an idempotency key made of (execution, item, generation, step, attempt), and every
 * write to the task list and outcomes file is idempotent, so a step carried out again after a crash changes
 * nothing twice.
 */
public final class ExecutionLoop {
    private static final Logger log = LoggerFactory.getLogger(ExecutionLoop.class);
    /** The steps a handler carries out; SKIPPED only moves on, HUMAN_REVIEW waits for a person. */
    private static final Set<Step> CARRIED_OUT = EnumSet.complementOf(EnumSet.of(Step.SKIPPED, Step.HUMAN_REVIEW));
    /** The steps that run an AI tool: they do not start once a budget is used up. */
    private static final Set<Step> TOOL_STEPS = EnumSet.of(Step.IMPLEMENT, Step.ERROR_SOLVE);
    /**
     * The steps whose budgets are checked: Clarity's work on an item before it is recorded. MERGE and PUSH record
     * work that passed its criteria, and stopping them would only throw it away; HUMAN_CHECK checks a person's work.
     */
    private static final Set<Step> BUDGETED = EnumSet.of(Step.PREP, Step.IMPLEMENT, Step.VERIFY, Step.ERROR_SOLVE);

    private final ExecutionStore store;
    private final Runner runner;
    private final WorkspaceFiles files;
    private final ItemPublisher publisher;
    private final BiFunction<String, ExecutionSnapshot, RepoSettings> settings;
    private final Function<ExecutionSnapshot, GitCredentials> credentials;
    private final Map<Step, StepHandler> steps;
    private final UsageAccount usage;
    private final StepTimer timer;
    private final StepMeters meters;
    private final InstantSource clock;

    /**
     * @param settings reads {@code .clarity.yml} of a workspace (workspace id, execution) into settings
     * @param credentials git credentials for an execution's repository (null for local repositories)
     * @param steps a handler for every step but SKIPPED and HUMAN_REVIEW
     * @param usage records each step's wall time and answers the budgets
     * @param timer cancels a step that runs out of wall-time budget while it runs
     * @param meters counts each step carried out, by step and outcome, with its wall time
     */
    public ExecutionLoop(
            ExecutionStore store,
            Runner runner,
            WorkspaceFiles files,
            ItemPublisher publisher,
            BiFunction<String, ExecutionSnapshot, RepoSettings> settings,
            Function<ExecutionSnapshot, GitCredentials> credentials,
            Map<Step, StepHandler> steps,
            UsageAccount usage,
            StepTimer timer,
            StepMeters meters,
            InstantSource clock) {
        Set<Step> missing = EnumSet.copyOf(CARRIED_OUT);
        missing.removeAll(steps.keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("no step handler for " + missing);
        }
        this.store = store;
        this.runner = runner;
        this.files = files;
        this.publisher = publisher;
        this.settings = settings;
        this.credentials = credentials;
        this.steps = new EnumMap<>(steps);
        this.usage = usage;
        this.timer = timer;
        this.meters = meters;
        this.clock = clock;
    }

    public static String workspaceId(long executionId) {
        return "execution-" + executionId;
    }

    /** The execution whose workspace id this is ({@link #workspaceId}); empty for any other id. */
    public static Optional<Long> executionOf(String workspaceId) {
        if (workspaceId == null || !workspaceId.matches("execution-[0-9]{1,18}")) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(workspaceId.substring("execution-".length())));
    }

    /** Works on a claimed execution until it stops running here. Never throws for a task's own failures. */
    public void drive(long executionId, String owner) {
        MDC.put("execution", Long.toString(executionId));
        try {
            while (true) {
                ExecutionSnapshot snap = store.find(executionId).orElseThrow();
                if (!owner.equals(snap.leaseOwner()) || !snap.badge().isRunning()) {
                    return;
                }
                if (snap.stopRequested()) {
                    store.moved(
                            executionId,
                            owner,
                            new Transition(snap.cursor(), Badge.STOPPED, "emergency stop"),
                            "badge");
                    publisher.progressed(store.find(executionId).orElseThrow(), "stopped");
                    return;
                }
                Transition t;
                try {
                    t = snap.badge() == Badge.INITIALIZING ? initialize(snap) : step(snap);
                } catch (RunnerException | TaskListException | RepositoryProblem e) {
                    if (store.find(executionId)
                            .map(ExecutionSnapshot::stopRequested)
                            .orElse(false)) {
                        continue; // cancelled by an emergency stop: the loop records STOPPED at the same step
                    }
                    t = stoppedBy(snap, e);
                }
                ExecutionSnapshot after = store.find(executionId).orElseThrow();
                if (after.stopRequested() && t.badge().isRunning()) {
                    t = new Transition(
                            snap.cursor(),
                            Badge.STOPPED,
                            "emergency stop during " + snap.cursor().step());
                }
                if (!store.moved(
                        executionId,
                        owner,
                        t,
                        snap.cursor().step() == t.cursor().step() ? "badge" : "step")) {
                    log.warn("Lease on execution {} lost; another process continues it", executionId);
                    return;
                }
                publisher.progressed(store.find(executionId).orElseThrow(), t.note());
            }
        } finally {
            MDC.remove("execution");
        }
    }

    /**
     * Where a step that could not be carried out leaves the execution. A runner that failed (unreachable, a git or
     * disk error) may work again: the execution stays BLOCKED at its step for a person to resume. An invalid
     * {@code .clarity.yml} or a task list that cannot be read is the repository's own problem, not Clarity's: the
     * execution fails with the file, line and what is wrong, for the person to fix in the repository.
     */
    private static Transition stoppedBy(ExecutionSnapshot snap, RuntimeException e) {
        Step step = snap.cursor().step();
        return switch (e) {
            case RunnerException r -> {
                log.warn(
                        "Step {} of execution {} stopped on an infrastructure problem: {}",
                        step,
                        snap.id(),
                        r.getMessage());
                yield new Transition(
                        snap.cursor(),
                        Badge.BLOCKED,
                        "the runner failed at " + step + " (" + r.getMessage() + "); resume to run the step again");
            }
            case RepositoryProblem p -> {
                log.info(
                        "Execution {} stopped at {}: the repository's configuration is invalid: {}",
                        snap.id(),
                        step,
                        p.getMessage());
                yield new Transition(
                        snap.cursor(),
                        Badge.FAILED,
                        "the repository's configuration is invalid (" + p.getMessage() + "); fix it on "
                                + snap.defaultBranch() + " and run again");
            }
            default -> {
                log.info(
                        "Execution {} stopped at {}: the task list cannot be read: {}",
                        snap.id(),
                        step,
                        e.getMessage());
                yield new Transition(
                        snap.cursor(),
                        Badge.FAILED,
                        "the task list cannot be read (" + e.getMessage() + "); fix it and run again");
            }
        };
    }

    private Transition initialize(ExecutionSnapshot snap) {
        Optional<String> own = store.lastFinishedBranch(snap.id());
        String branch = own.orElse(snap.defaultBranch());
        PrepResult r = prep(snap, branch, "CLONE");
        if (!ready(r)) {
            return new Transition(
                    snap.cursor(), Badge.FAILED, "could not prepare the workspace: " + String.join(" ", r.logs()));
        }
        if (!files.exists(workspaceId(snap.id()))) {
            // a runner answering from a stored result for a copy it no longer holds: going on would only come back here
            return new Transition(
                    snap.cursor(),
                    Badge.BLOCKED,
                    "the runner reported the workspace prepared but does not hold it; resume to prepare it again");
        }
        if (own.isEmpty() && store.taskRuns(snap.id()).isEmpty()) {
            branch = continuedStack(snap).orElse(branch);
        }
        Cursor c = snap.cursor();
        if (c.step() != Step.SELECT && c.step() != Step.PREP && c.step() != Step.HUMAN_REVIEW) {
            // the workspace was made again: work between PREP and PUSH may be gone, so redo the item from PREP
            c = new Cursor(c.taskId(), c.kind(), Step.PREP, c.attempts());
        }
        return new Transition(c, Transitions.badgeFor(c), "workspace ready on " + branch);
    }

    /**
     * A new execution under merge policy {@code stacked} goes on from the top of the stack an earlier execution of
     * the project left, when that branch is not merged into the default branch: the task list there holds the ✅ of
     * the items recorded on it, so SELECT counts them done (running a completed list again is a no-op) and the first
     * new item starts on top of them. The workspace is checked out on that branch; a branch that is gone (deleted, or
     * merged and then deleted) leaves the workspace on the default branch. Under {@code auto} and {@code wait} the
     * items are merged, so the default branch already holds their marks.
     */
    private Optional<String> continuedStack(ExecutionSnapshot snap) {
        Optional<String> top = store.earlierStackTop(snap.id());
        if (top.isEmpty() || top.get().equals(snap.defaultBranch()) || policy(snap) != MergePolicy.STACKED) {
            return Optional.empty();
        }
        MergedResult merged = runner.merged(new MergedRequest(
                workspaceId(snap.id()), snap.cloneUrl(), top.get(), snap.defaultBranch(), credentials.apply(snap)));
        if (merged instanceof MergedResult.Merged) {
            return Optional.empty();
        }
        // the top as base too: when the branch is gone there is nothing to start from, and nothing is created
        PrepResult r = runner.prep(new PrepRequest(
                snap.cloneUrl(),
                workspaceId(snap.id()),
                "init",
                top.get(),
                top.get(),
                StepContext.key(snap.id(), "init", 0, "STACK", 0),
                credentials.apply(snap)));
        if (!(r instanceof PrepResult.Ready)) {
            store.log(
                    snap.id(),
                    NewEvent.at(
                                    snap.cursor(),
                                    "git",
                                    "not going on from " + top.get() + ": " + String.join(" ", r.logs()))
                            .warn());
            return Optional.empty();
        }
        store.continueStack(snap.id(), top.get());
        store.log(
                snap.id(),
                NewEvent.at(
                        snap.cursor(),
                        "git",
                        "going on from " + top.get() + ", where an earlier run left its stack: the items done there"
                                + " stay done"));
        return top;
    }

    /** The merge policy the execution's settings give; an unreadable {@code .clarity.yml} is SELECT's to report. */
    private MergePolicy policy(ExecutionSnapshot snap) {
        try {
            return settings.apply(workspaceId(snap.id()), snap).mergePolicy();
        } catch (RuntimeException unreadable) {
            return snap.mergePolicy();
        }
    }

    private PrepResult prep(ExecutionSnapshot snap, String branch, String step) {
        return runner.prep(new PrepRequest(
                snap.cloneUrl(),
                workspaceId(snap.id()),
                "init",
                snap.defaultBranch(),
                branch,
                StepContext.key(snap.id(), "init", 0, step, 0),
                credentials.apply(snap)));
    }

    private static boolean ready(PrepResult r) {
        return switch (r) {
            case PrepResult.Ready x -> true;
            case PrepResult.Adopted x -> true;
            case PrepResult.Conflict x -> false;
            case PrepResult.BaseMissing x -> false;
            case PrepResult.ForeignCommits x -> false;
        };
    }

    private Transition step(ExecutionSnapshot snap) {
        Cursor c = snap.cursor();
        // SELECT too: a runner killed while INITIALIZING prepared the workspace leaves none (or half a clone), and a
        // resume lands on SELECT, which would read a task list that is not there and blame the repository for it
        if (!files.exists(workspaceId(snap.id()))) {
            return new Transition(c, Badge.INITIALIZING, "workspace missing: preparing it again");
        }
        // .clarity.yml is read once per step: every part of the step and the transition after it see the same settings
        RepoSettings repo = settings.apply(workspaceId(snap.id()), snap);
        StepOutcome outcome = personsBranch(snap, c).orElseGet(() -> switch (c.step()) {
            case SKIPPED -> new StepOutcome.Succeeded("next");
            case HUMAN_REVIEW -> throw new IllegalStateException("human review is not carried out by the loop");
            default -> null;
        });
        if (outcome == null) {
            StepContext ctx = new StepContext(snap, c, repo);
            Optional<String> usedUp = TOOL_STEPS.contains(c.step()) ? usage.usedUp(ctx) : Optional.empty();
            if (usedUp.isPresent()) {
                store.log(
                        snap.id(),
                        NewEvent.at(c, "tool", "not started: " + usedUp.get()).warn());
                return Transitions.overBudget(c, usedUp.get());
            }
            AtomicBoolean outOfTime = new AtomicBoolean();
            Instant started = clock.instant();
            String counted = StepMeters.ERROR;
            try (StepTimer.Handle watch = wallTimeWatch(ctx, outOfTime)) {
                outcome = steps.get(c.step()).run(ctx);
                counted = StepMeters.outcome(outcome);
            } finally {
                Duration took = Duration.between(started, clock.instant());
                meters.stepTook(c.step(), counted, took);
                if (c.taskId() != null) {
                    usage.took(ctx, ctx.key(store.generation(snap.id(), c.taskId())), took);
                }
            }
            Optional<String> crossed = outcome instanceof StepOutcome.TakenByPerson || !BUDGETED.contains(c.step())
                    ? Optional.empty() // a person's push: the item leaves Clarity's hands anyway
                    : outOfTime.get() ? usage.usedUp(ctx) : usage.crossed(ctx);
            if (crossed.isPresent()) {
                store.log(snap.id(), NewEvent.at(c, "step", crossed.get()).warn());
                return Transitions.overBudget(c, crossed.get());
            }
        }
        if (outcome instanceof StepOutcome.TakenByPerson t) {
            // from now on the item is the person's; a new generation keeps the keys of its next steps (check, record
            // commit, push) apart from Clarity's own attempts, so none is answered from a stored result of those
            store.takenByPerson(ItemRef.of(snap.id(), c));
            store.bumpGeneration(snap.id(), c.taskId());
            store.log(snap.id(), NewEvent.at(c, "git", t.summary()).warn());
        }
        return Transitions.afterStep(c, outcome, snap.stopAfter(), repo.mergePolicy());
    }

    /**
     * While a step of an item runs, a wall-time budget that runs out cancels it through the runner (as an emergency
     * stop does); the loop then finds the budget used up and sends the item to review.
     */
    private StepTimer.Handle wallTimeWatch(StepContext ctx, AtomicBoolean outOfTime) {
        if (ctx.taskId() == null || !BUDGETED.contains(ctx.cursor().step())) {
            return () -> {};
        }
        return usage.wallLeft(ctx)
                .map(left -> timer.after(left, () -> {
                    outOfTime.set(true);
                    runner.cancel(ctx.workspaceId());
                }))
                .orElse(() -> {});
    }

    /**
     * Once a person pushed to an item's branch, no step of Clarity's own work on it runs again (no tool, no commit,
     * no push there): it turns into {@link StepOutcome.TakenByPerson}, which sends the item to
     * {@link Step#HUMAN_CHECK}. MERGE and PUSH run only after the person's commit passed, and then on the record
     * branch.
     */
    private Optional<StepOutcome> personsBranch(ExecutionSnapshot snap, Cursor c) {
        if (c.taskId() == null) {
            return Optional.empty();
        }
        boolean clarityWork = switch (c.step()) {
            case PREP, IMPLEMENT, VERIFY, ERROR_SOLVE, MERGE, PUSH -> true;
            default -> false;
        };
        if (!clarityWork) {
            return Optional.empty();
        }
        return store.findTaskRun(snap.id(), c.taskId())
                .filter(TaskRunRecord::persons)
                .filter(run -> run.personCommit() == null || !(c.step() == Step.MERGE || c.step() == Step.PUSH))
                .map(run -> new StepOutcome.TakenByPerson((run.pushedBy().isBlank() ? "a person" : "@" + run.pushedBy())
                        + " pushed to the item's branch" + (run.personCommit() == null ? "" : " again")));
    }
}
