package dev.clarity.bot.orchestrator;

import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.api.ErrorSolveRequest;
import dev.clarity.runner.api.ErrorSolveResult;
import dev.clarity.runner.api.Failure;
import dev.clarity.runner.api.GitCredentials;
import dev.clarity.runner.api.ImplementRequest;
import dev.clarity.runner.api.ImplementResult;
import dev.clarity.runner.api.MergeRequest;
import dev.clarity.runner.api.MergeResult;
import dev.clarity.runner.api.MergedRequest;
import dev.clarity.runner.api.MergedResult;
import dev.clarity.runner.api.PrepRequest;
import dev.clarity.runner.api.PrepResult;
import dev.clarity.runner.api.PushRequest;
import dev.clarity.runner.api.PushResult;
import dev.clarity.runner.api.Runner;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.api.VerifyRequest;
import dev.clarity.runner.api.VerifyResult;
import dev.clarity.tasks.AtomicItem;
import dev.clarity.tasks.Criterion;
import dev.clarity.tasks.Edit;
import dev.clarity.tasks.EvidenceLink;
import dev.clarity.tasks.OutcomeEntry;
import dev.clarity.tasks.Task;
import dev.clarity.tasks.TaskList;
import dev.clarity.tasks.TaskListException;
import dev.clarity.tasks.TaskListReader;
import dev.clarity.tasks.TaskListWriter;
import dev.clarity.tasks.TaskSelector;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The shell around {@link Transitions}: carries out the step an execution's cursor points at, through the runner,
 * then persists the transition before the next step starts. One call of {@link #drive} works on one claimed
 * execution until it leaves the running badges, its lease is lost or a stop is requested.
 *
 * <p>Every runner call carries an idempotency key made of (execution, item, generation, step, attempt), and every
 * write to the task list and outcomes file is idempotent, so a step carried out again after a crash changes
 * nothing twice.
 */
public final class ExecutionLoop {
    private static final Logger log = LoggerFactory.getLogger(ExecutionLoop.class);

    private static final Duration FIRST_GITHUB_WAIT = Duration.ofSeconds(5);
    private static final Duration LONGEST_GITHUB_WAIT = Duration.ofMinutes(10);
    private final Pause sleeper;

    /** Waits between attempts; tests record the durations and return at once. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final ExecutionStore store;
    private final Runner runner;
    private final WorkspaceFiles files;
    private final ItemPublisher publisher;
    private final BiFunction<String, ExecutionSnapshot, RepoSettings> settings;
    private final Function<ExecutionSnapshot, GitCredentials> credentials;
    private final InstantSource clock;
    // the last VERIFY and diff of each item in progress, for the repair prompt and the PR; forgotten once the item is
    // pushed. After a restart they are empty: the repair prompt then falls back to the stored error summary.
    private final Map<String, VerifyResult> lastVerify = new ConcurrentHashMap<>();
    private final Map<String, String> lastDiff = new ConcurrentHashMap<>();

    /**
     * @param settings reads {@code .clarity.yml} of a workspace (workspace id, execution) into settings
     * @param credentials git credentials for an execution's repository (null for local repositories)
     */
    public ExecutionLoop(
            ExecutionStore store,
            Runner runner,
            WorkspaceFiles files,
            ItemPublisher publisher,
            BiFunction<String, ExecutionSnapshot, RepoSettings> settings,
            Function<ExecutionSnapshot, GitCredentials> credentials,
            InstantSource clock) {
        this(store, runner, files, publisher, settings, credentials, clock, Thread::sleep);
    }

    /** {@code sleeper} waits between attempts at a GitHub write that did not go through (tests record instead). */
    public ExecutionLoop(
            ExecutionStore store,
            Runner runner,
            WorkspaceFiles files,
            ItemPublisher publisher,
            BiFunction<String, ExecutionSnapshot, RepoSettings> settings,
            Function<ExecutionSnapshot, GitCredentials> credentials,
            InstantSource clock,
            Pause sleeper) {
        this.sleeper = sleeper;
        this.store = store;
        this.runner = runner;
        this.files = files;
        this.publisher = publisher;
        this.settings = settings;
        this.credentials = credentials;
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
                    log.warn(
                            "Step {} of execution {} stopped on an infrastructure problem: {}",
                            snap.cursor().step(),
                            executionId,
                            e.getMessage());
                    // a runner that failed (unreachable, a git or disk error) may work again: keep the execution,
                    // BLOCKED at its step, for a person to resume; a task list or repository that cannot be read is
                    // the repository's problem, and the execution ends
                    t = e instanceof RunnerException
                            ? new Transition(
                                    snap.cursor(),
                                    Badge.BLOCKED,
                                    "the runner failed at " + snap.cursor().step() + " (" + e.getMessage()
                                            + "); resume to run the step again")
                            : new Transition(snap.cursor(), Badge.FAILED, "could not continue: " + e.getMessage());
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

    private Transition initialize(ExecutionSnapshot snap) {
        String ws = workspaceId(snap.id());
        String branch = store.lastFinishedBranch(snap.id()).orElse(snap.defaultBranch());
        PrepResult r = runner.prep(new PrepRequest(
                snap.cloneUrl(),
                ws,
                "init",
                snap.defaultBranch(),
                branch,
                key(snap, "init", 0, "CLONE", 0),
                credentials.apply(snap)));
        if (!r.ok()) {
            return new Transition(
                    snap.cursor(), Badge.FAILED, "could not prepare the workspace: " + String.join(" ", r.logs()));
        }
        Cursor c = snap.cursor();
        if (c.step() != Step.SELECT && c.step() != Step.PREP && c.step() != Step.HUMAN_REVIEW) {
            // the workspace was made again: work between PREP and PUSH may be gone, so redo the item from PREP
            c = new Cursor(c.taskId(), c.kind(), Step.PREP, c.attempts());
        }
        return new Transition(c, Transitions.badgeFor(c), "workspace ready on " + branch);
    }

    private Transition step(ExecutionSnapshot snap) {
        Cursor c = snap.cursor();
        if (c.step() != Step.SELECT && !files.exists(workspaceId(snap.id()))) {
            return new Transition(c, Badge.INITIALIZING, "workspace missing: preparing it again");
        }
        // .clarity.yml is read once per step: every part of the step and the transition after it see the same settings
        RepoSettings repo = settings.apply(workspaceId(snap.id()), snap);
        StepOutcome outcome = personsBranch(snap, c).orElseGet(() -> switch (c.step()) {
            case SELECT -> select(snap, repo);
            case PREP -> prep(snap, c, repo);
            case IMPLEMENT -> implement(snap, c, repo);
            case VERIFY -> verify(snap, c, repo);
            case ERROR_SOLVE -> errorSolve(snap, c, repo);
            case HUMAN_CHECK -> humanCheck(snap, c, repo);
            case MERGE -> merge(snap, c, repo);
            case PUSH -> push(snap, c, repo);
            case DONE -> done(snap, c, repo);
            case SKIPPED -> new StepOutcome.Succeeded("next");
            case HUMAN_REVIEW -> throw new IllegalStateException("human review is not carried out by the loop");
        });
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

    /** The branch that holds Clarity's record (✅, outcome, evidence) of an item a person completed on {@code branch}. */
    static String recordBranch(String branch) {
        return branch + "-done";
    }

    /**
     * Where MERGE, PUSH and DONE write for the item: its branch, or the record branch once a person's commit passed
     * (a push of theirs that comes in while Clarity's own push of the item finishes does not move a finished item).
     */
    private static String writtenBranch(AtomicItem item, TaskRunRecord run) {
        return run.recorded() ? recordBranch(item.branch()) : item.branch();
    }

    // ---- SELECT -------------------------------------------------------------------------------------------

    private StepOutcome select(ExecutionSnapshot snap, RepoSettings repo) {
        String ws = workspaceId(snap.id());
        byte[] bytes = files.read(ws, repo.tasksPath())
                .orElseThrow(() -> new TaskListException("the task list " + repo.tasksPath() + " does not exist", 0));
        TaskList list = TaskListReader.parse(bytes);
        int total = list.atomicItems().size();
        int done = (int) list.atomicItems().stream().filter(Task::done).count();
        store.counted(snap.id(), done, total);
        if (list.isEmpty()) {
            return new StepOutcome.NothingSelectable(StepOutcome.NothingSelectable.Reason.NO_TASKS, "");
        }
        if (snap.onlyTask() != null) {
            return selectOnly(snap, list, repo);
        }
        Set<String> skipped = store.marked(snap.id(), Mark.SKIPPED);
        Set<String> taken = store.marked(snap.id(), Mark.TAKEN);
        Task firstNotDone = null;
        for (Task t : list.tasks()) {
            if (!t.atomic() || t.done() || skipped.contains(t.id()) || taken.contains(t.id())) {
                continue;
            }
            if (firstNotDone == null) {
                firstNotDone = t;
            }
            if (TaskSelector.unmet(list, t).isEmpty()) {
                return selected(snap, list.describe(t), repo);
            }
        }
        if (firstNotDone == null) {
            return new StepOutcome.NothingSelectable(StepOutcome.NothingSelectable.Reason.ALL_DONE, "");
        }
        return new StepOutcome.NothingSelectable(
                StepOutcome.NothingSelectable.Reason.BLOCKED,
                firstNotDone.id() + " waits for " + String.join(", ", TaskSelector.unmet(list, firstNotDone)));
    }

    private StepOutcome selectOnly(ExecutionSnapshot snap, TaskList list, RepoSettings repo) {
        var item = list.item(snap.onlyTask());
        if (item.isEmpty() || item.get().task().done()) {
            return new StepOutcome.NothingSelectable(StepOutcome.NothingSelectable.Reason.ALL_DONE, "");
        }
        List<String> unmet = TaskSelector.unmet(list, item.get().task());
        if (!unmet.isEmpty()) {
            return new StepOutcome.NothingSelectable(
                    StepOutcome.NothingSelectable.Reason.BLOCKED,
                    snap.onlyTask() + " waits for " + String.join(", ", unmet));
        }
        return selected(snap, item.get(), repo);
    }

    private StepOutcome selected(ExecutionSnapshot snap, AtomicItem item, RepoSettings repo) {
        List<String> criteria = new ArrayList<>();
        item.criteria()
                .forEach(c -> criteria.add(c.key() + " (" + c.kind() + "/" + c.check() + ")"
                        + (c.target() == null ? "" : " " + c.target())));
        item.notMachineChecked().forEach(p -> criteria.add("not machine-checked: " + p.text()));
        store.selected(
                snap.id(),
                new TaskRuns.SelectedItem(
                        item.id(),
                        item.title(),
                        String.join(
                                "\n",
                                item.dependencies().stream().map(d -> d.label()).toList()),
                        String.join("\n", criteria)));
        // a person pushed to the item's branch before the execution got here: the item is theirs from the start
        store.markedBy(snap.id(), item.id(), Mark.PUSHED)
                .ifPresent(login -> store.pushedByPerson(snap.id(), item.id(), login));
        boolean gated = item.kind() == dev.clarity.tasks.ItemKind.TASK
                && repo.gated(item.title())
                && !store.marked(snap.id(), Mark.APPROVED).contains(item.id());
        return new StepOutcome.Selected(item.id(), kindOf(item), gated);
    }

    static ItemKind kindOf(AtomicItem item) {
        return switch (item.kind()) {
            case TASK -> ItemKind.LEAF;
            case CHECK_A -> ItemKind.CHECK_A;
            case CHECK_B -> ItemKind.CHECK_B;
            case CHECK_C -> ItemKind.CHECK_C;
        };
    }

    // ---- PREP ---------------------------------------------------------------------------------------------

    private StepOutcome prep(ExecutionSnapshot snap, Cursor c, RepoSettings repo) {
        String ws = workspaceId(snap.id());
        AtomicItem item = item(ws, repo, c.taskId());
        String base = base(snap, repo);
        PrepResult r = runner.prep(new PrepRequest(
                snap.cloneUrl(), ws, c.taskId(), base, item.branch(), key(snap, c), credentials.apply(snap)));
        if (!r.ok()) {
            String why = String.join(" ", r.logs());
            return why.contains("Clarity did not make") || why.contains("pushed")
                    ? new StepOutcome.TakenByPerson(why)
                    : new StepOutcome.Failed(why);
        }
        store.prepared(ItemRef.of(snap.id(), c), base, item.branch());
        injectDefaults(snap, c, repo, item);
        publisher.started(snap, c.taskId(), item.title());
        return new StepOutcome.Succeeded(r.branch());
    }

    /** Where an item starts: the last finished item's branch ({@code stacked}), else the default branch. */
    private String base(ExecutionSnapshot snap, RepoSettings repo) {
        return repo.mergePolicy() == MergePolicy.STACKED
                ? store.lastFinishedBranch(snap.id()).orElse(snap.defaultBranch())
                : snap.defaultBranch();
    }

    /** Missing criteria of a B line get the repository's defaults, in the file, once (spec tasks-list §3). */
    private void injectDefaults(ExecutionSnapshot snap, Cursor c, RepoSettings repo, AtomicItem item) {
        if (!item.missingCriteria() || repo.defaults().isEmpty()) {
            return;
        }
        String ws = workspaceId(snap.id());
        byte[] bytes = files.read(ws, repo.tasksPath()).orElseThrow();
        Edit edit = TaskListWriter.injectDefaultCriteria(bytes, c.taskId(), RunnerCriteria.attributes(repo.defaults()));
        if (edit instanceof Edit.Changed changed) {
            files.write(ws, repo.tasksPath(), changed.bytes());
            store.log(
                    snap.id(),
                    NewEvent.at(
                            c, "step", "injected " + repo.defaults().size() + " default criteria under " + c.taskId()));
        }
    }

    // ---- IMPLEMENT, VERIFY, ERROR_SOLVE -------------------------------------------------------------------

    private StepOutcome implement(ExecutionSnapshot snap, Cursor c, RepoSettings repo) {
        String ws = workspaceId(snap.id());
        AtomicItem item = item(ws, repo, c.taskId());
        ImplementResult r = runner.implement(new ImplementRequest(
                ws,
                c.taskId(),
                item.title(),
                parentContext(item),
                snap.tool(),
                specs(item),
                hints(item),
                key(snap, c)));
        lastDiff.put(k(snap, c), r.diff() == null ? "" : r.diff());
        store.implemented(ItemRef.of(snap.id(), c), r.tool());
        logLines(snap, c, r.logs());
        return r.ok()
                ? new StepOutcome.Succeeded(r.tool() + " changed the workspace")
                : new StepOutcome.Failed(
                        r.diff() == null || r.diff().isBlank() ? "the tool changed nothing" : "the tool failed");
    }

    private StepOutcome verify(ExecutionSnapshot snap, Cursor c, RepoSettings repo) {
        VerifyResult r = runCriteria(snap, c, repo, key(snap, c));
        return r.ok() ? new StepOutcome.Succeeded(r.passed().size() + " passed") : new StepOutcome.Failed(summary(r));
    }

    /**
     * A person pushed to the item's branch: their head is fetched onto the item's record branch (never writing to
     * theirs), and the item's criteria run on it, exactly as VERIFY runs them, but never repaired by the tool.
     * Passing, the commit is stored as the person's; MERGE and PUSH then record the item on the record branch.
     */
    private StepOutcome humanCheck(ExecutionSnapshot snap, Cursor c, RepoSettings repo) {
        int generation = store.generation(snap.id(), c.taskId());
        String ws = workspaceId(snap.id());
        AtomicItem item = item(ws, repo, c.taskId());
        String record = recordBranch(item.branch());
        String base = base(snap, repo);
        PrepResult p = runner.prep(new PrepRequest(
                snap.cloneUrl(),
                ws,
                c.taskId(),
                base,
                record,
                key(snap, c) + "/branch",
                credentials.apply(snap),
                item.branch()));
        if (!p.ok()) {
            return new StepOutcome.Failed("their branch cannot be checked: " + String.join(" ", p.logs()));
        }
        // the base is the pull request's base (an item taken before PREP has none yet)
        store.adopted(ItemRef.of(snap.id(), c), base, item.branch());
        // the person's task list may lack criteria PREP injected into Clarity's own branch: the same ones run here
        injectDefaults(snap, c, repo, item(ws, repo, c.taskId()));
        VerifyResult r = runCriteria(snap, c, repo, key(snap, c));
        String commit = p.personHead();
        if (!r.ok()) {
            return new StepOutcome.Failed("commit " + commit + " of " + item.branch() + ": " + summary(r));
        }
        store.personsCommitPassed(ItemRef.of(snap.id(), c), commit);
        if (store.generation(snap.id(), c.taskId()) != generation) {
            // they pushed again while this commit was checked (a push bumps the generation): check the newer one. A
            // push after this point clears the passed commit, and MERGE sends the item back here.
            return new StepOutcome.TakenByPerson("they pushed again while commit " + commit + " was checked");
        }
        TaskRunRecord run = store.taskRun(snap.id(), c.taskId(), item.title());
        store.log(snap.id(), NewEvent.at(c, "step", run.completedBy()));
        return new StepOutcome.Succeeded(r.passed().size() + " passed; " + run.completedBy());
    }

    private static String summary(VerifyResult r) {
        return r.failed().stream()
                .map(f -> f.criterionKey() + ": " + f.summary())
                .reduce((a, b) -> a + "; " + b)
                .orElse("");
    }

    /** The item's criteria (and, for a leaf or an A line, the standard checks) in the workspace as it is. */
    private VerifyResult runCriteria(ExecutionSnapshot snap, Cursor c, RepoSettings repo, String key) {
        String ws = workspaceId(snap.id());
        AtomicItem item = item(ws, repo, c.taskId());
        List<CriterionSpec> criteria = c.kind() == ItemKind.CHECK_A ? List.of() : specs(item);
        boolean standard = c.kind() == ItemKind.LEAF || c.kind() == ItemKind.CHECK_A;
        VerifyResult r = runner.verify(new VerifyRequest(ws, c.taskId(), criteria, standard, key));
        lastVerify.put(k(snap, c), r);
        String summary = summary(r);
        store.verified(
                ItemRef.of(snap.id(), c),
                new Evidence(
                        r.passed().size(),
                        r.failed().size(),
                        item.notMachineChecked().size(),
                        "artifacts/" + c.taskId() + "/",
                        summary));
        store.log(
                snap.id(),
                NewEvent.at(c, "check", r.ok() ? "passed: " + String.join(", ", r.passed()) : "failed: " + summary)
                        .warnIf(!r.ok()));
        return r;
    }

    private StepOutcome errorSolve(ExecutionSnapshot snap, Cursor c, RepoSettings repo) {
        String ws = workspaceId(snap.id());
        AtomicItem item = item(ws, repo, c.taskId());
        VerifyResult last = lastVerify.get(k(snap, c));
        List<Failure> failures = last != null
                ? last.failed()
                : List.of(new Failure(
                        "previous verify",
                        Objects.requireNonNullElse(
                                store.taskRun(snap.id(), c.taskId(), item.title())
                                        .errorSummary(),
                                "criteria failed"),
                        null));
        ErrorSolveResult r = runner.errorSolve(new ErrorSolveRequest(
                ws,
                c.taskId(),
                item.title(),
                snap.tool(),
                c.attempts(),
                failures,
                lastDiff.getOrDefault(k(snap, c), ""),
                key(snap, c)));
        if (r.diff() != null) {
            lastDiff.put(k(snap, c), r.diff());
        }
        store.repairTried(ItemRef.of(snap.id(), c));
        logLines(snap, c, r.logs());
        return r.patchApplied()
                ? new StepOutcome.Succeeded("patch applied")
                : new StepOutcome.Failed("the tool changed nothing");
    }

    // ---- MERGE, PUSH --------------------------------------------------------------------------------------

    private StepOutcome merge(ExecutionSnapshot snap, Cursor c, RepoSettings repo) {
        String ws = workspaceId(snap.id());
        AtomicItem item = item(ws, repo, c.taskId());
        TaskRunRecord run = store.taskRun(snap.id(), c.taskId(), item.title());
        boolean persons = run.recorded();
        byte[] list = files.read(ws, repo.tasksPath()).orElseThrow();
        String artifacts = "artifacts/" + c.taskId() + "/";
        Edit marked = TaskListWriter.markDone(list, c.taskId(), List.of(new EvidenceLink("artifacts", artifacts)));
        if (marked instanceof Edit.NotFound nf) {
            return new StepOutcome.Failed(nf.message());
        }
        files.write(ws, repo.tasksPath(), marked.apply(list));
        VerifyResult v = lastVerify.get(k(snap, c));
        byte[] outcomes = files.read(ws, repo.outcomesPath()).orElse(new byte[0]);
        OutcomeEntry entry = new OutcomeEntry(
                c.taskId(),
                item.title(),
                persons ? run.completedBy() : "done",
                item.branch(),
                persons ? run.personCommit() : null,
                null,
                persons ? null : run.tool(),
                c.attempts(),
                run.startedAt(),
                clock.instant(),
                v == null ? List.of() : v.passed(),
                v == null
                        ? List.of()
                        : v.failed().stream().map(Failure::criterionKey).toList(),
                item.notMachineChecked().stream().map(Criterion.Prose::text).toList(),
                artifacts);
        files.write(
                ws,
                repo.outcomesPath(),
                TaskListWriter.appendOutcome(outcomes, entry).apply(outcomes));
        String message = "Task " + c.taskId() + ": " + item.title();
        if (persons) {
            message += "\n\nThe work is " + run.completedBy() + " on " + item.branch()
                    + "; this commit records the item done.";
        }
        MergeResult r = runner.merge(new MergeRequest(ws, c.taskId(), writtenBranch(item, run), message, key(snap, c)));
        if (!r.ok()) {
            return new StepOutcome.Failed(String.join(" ", r.logs()));
        }
        store.merged(ItemRef.of(snap.id(), c), r.commit());
        return new StepOutcome.Succeeded(r.commit());
    }

    private StepOutcome push(ExecutionSnapshot snap, Cursor c, RepoSettings repo) {
        String ws = workspaceId(snap.id());
        AtomicItem item = item(ws, repo, c.taskId());
        TaskRunRecord run = store.taskRun(snap.id(), c.taskId(), item.title());
        String branch = writtenBranch(item, run);
        PushResult r = runner.push(new PushRequest(ws, snap.cloneUrl(), branch, key(snap, c), credentials.apply(snap)));
        if (r.rejectedByOthers() && !run.recorded()) {
            return new StepOutcome.TakenByPerson(String.join(" ", r.logs()));
        }
        if (!r.ok()) {
            // a rejected record branch is refused like any push: the person's item is not taken over twice
            return new StepOutcome.Failed(String.join(" ", r.logs()));
        }
        VerifyResult v = lastVerify.get(k(snap, c));
        String pr = untilGitHubTakesIt(
                snap,
                c,
                () -> publisher.pushed(
                        snap,
                        new ItemPublisher.PushedItem(
                                c.taskId(),
                                item.title(),
                                branch,
                                run.baseBranch(),
                                run.commit(),
                                v == null ? List.of() : v.passed(),
                                v == null
                                        ? List.of()
                                        : v.failed().stream()
                                                .map(Failure::criterionKey)
                                                .toList(),
                                item.notMachineChecked().stream()
                                        .map(Criterion.Prose::text)
                                        .toList(),
                                c.attempts(),
                                run.recorded() ? null : run.tool(),
                                "artifacts/" + c.taskId() + "/")));
        String merged = "";
        if (repo.mergePolicy() == MergePolicy.AUTO) {
            // after the pull request exists: GitHub marks it merged when the default branch takes its commit
            PushResult m = runner.push(new PushRequest(
                    ws,
                    snap.cloneUrl(),
                    branch,
                    key(snap, c) + "/merge",
                    credentials.apply(snap),
                    snap.defaultBranch()));
            if (!m.ok()) {
                return new StepOutcome.Failed(String.join(" ", m.logs()));
            }
            merged = "; " + String.join(" ", m.logs());
            store.log(snap.id(), NewEvent.at(c, "step", String.join(" ", m.logs())));
        }
        // a person's item finishes on its record branch: the next stacked item starts from there; it is recorded at
        // the commit that passed, even if a push of theirs cleared it while this step ran
        if (run.recorded()) {
            store.personsCommitPassed(ItemRef.of(snap.id(), c), run.personCommit());
            store.recordPushed(ItemRef.of(snap.id(), c), branch, Optional.ofNullable(pr));
        } else {
            store.pushed(ItemRef.of(snap.id(), c), Optional.ofNullable(pr));
        }
        // the counts include this item from now on, not only from the next SELECT (a stop point may come first)
        TaskList marked = TaskListReader.parse(files.read(ws, repo.tasksPath()).orElseThrow());
        store.counted(
                snap.id(),
                (int) marked.atomicItems().stream().filter(Task::done).count(),
                marked.atomicItems().size());
        lastVerify.remove(k(snap, c));
        lastDiff.remove(k(snap, c));
        return new StepOutcome.Succeeded(
                (pr != null ? pr : "pushed " + branch) + merged + (run.recorded() ? "; " + run.completedBy() : ""));
    }

    /**
     * A GitHub write (pull request, check run) is never dropped: when GitHub does not take it even after the
     * gateway's own retries, it is tried again after 5 s, doubling up to 10 min (or when GitHub's announced rate limit
     * ends, if that is later), until it goes through or a person
     * stops the execution. The step stays PUSH meanwhile, committed, so after a restart the write is made again (it
     * is found before it is created): the execution's position is the durable queue of its pending writes.
     */
    private String untilGitHubTakesIt(ExecutionSnapshot snap, Cursor c, java.util.function.Supplier<String> write) {
        Duration wait = FIRST_GITHUB_WAIT;
        while (true) {
            try {
                return write.get();
            } catch (ItemPublisher.NotTaken e) {
                if (store.find(snap.id()).map(ExecutionSnapshot::stopRequested).orElse(true)) {
                    throw new RunnerException("stopped while GitHub did not take the write: " + e.getMessage());
                }
                // GitHub said when its rate limit ends: no attempt before that
                Duration limited = e.retryAt()
                        .map(at -> Duration.between(clock.instant(), at))
                        .orElse(Duration.ZERO);
                Duration pause = limited.compareTo(wait) > 0 ? limited : wait;
                store.log(
                        snap.id(),
                        NewEvent.at(
                                        c,
                                        "github",
                                        "GitHub did not take the write (" + e.getMessage() + "); trying again in "
                                                + pause.toSeconds() + " s")
                                .warn());
                try {
                    sleeper.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new RunnerException("interrupted while waiting to write to GitHub");
                }
                Duration doubled = wait.multipliedBy(2);
                wait = doubled.compareTo(LONGEST_GITHUB_WAIT) > 0 ? LONGEST_GITHUB_WAIT : doubled;
            }
        }
    }

    // ---- DONE ---------------------------------------------------------------------------------------------

    /**
     * An item waits at DONE only under merge policy {@code wait}. With GitHub, the merged pull request's webhook moves
     * it on; without, a resume lands here, and the item's branch must be in the default branch first, or the next
     * item would start without its work.
     */
    private StepOutcome done(ExecutionSnapshot snap, Cursor c, RepoSettings repo) {
        if (repo.mergePolicy() != MergePolicy.WAIT || publisher.reportsMerges()) {
            return new StepOutcome.Succeeded("next");
        }
        String ws = workspaceId(snap.id());
        AtomicItem item = item(ws, repo, c.taskId());
        String branch = writtenBranch(item, store.taskRun(snap.id(), c.taskId(), item.title()));
        MergedResult r = runner.merged(
                new MergedRequest(ws, snap.cloneUrl(), branch, snap.defaultBranch(), credentials.apply(snap)));
        return r.merged()
                ? new StepOutcome.Succeeded(branch + " is merged into " + snap.defaultBranch())
                : new StepOutcome.Failed(
                        branch + " is not merged into " + snap.defaultBranch() + " yet: merge it, then resume");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private AtomicItem item(String ws, RepoSettings repo, String taskId) {
        byte[] bytes = files.read(ws, repo.tasksPath())
                .orElseThrow(() -> new TaskListException("the task list " + repo.tasksPath() + " does not exist", 0));
        return TaskListReader.parse(bytes)
                .item(taskId)
                .orElseThrow(() -> new TaskListException("item " + taskId + " is no longer in the task list", 0));
    }

    private static List<CriterionSpec> specs(AtomicItem item) {
        return RunnerCriteria.specs(item.criteria());
    }

    private static List<String> hints(AtomicItem item) {
        List<String> hints = new ArrayList<>();
        item.notMachineChecked().forEach(p -> hints.add("criterion (not machine-checked): " + p.text()));
        return hints;
    }

    private static String parentContext(AtomicItem item) {
        return String.join(
                "\n",
                item.ancestors().stream().map(t -> t.id() + " " + t.title()).toList());
    }

    private void logLines(ExecutionSnapshot snap, Cursor c, List<String> lines) {
        for (String line : lines) {
            store.log(snap.id(), NewEvent.at(c, "tool", line));
        }
    }

    private String key(ExecutionSnapshot snap, Cursor c) {
        return key(
                snap,
                c.taskId(),
                store.generation(snap.id(), c.taskId()),
                c.step().name(),
                c.attempts());
    }

    private static String key(ExecutionSnapshot snap, String taskId, int generation, String step, int attempt) {
        return "e" + snap.id() + "/" + taskId + "/g" + generation + "/" + step + "/" + attempt;
    }

    private static String k(ExecutionSnapshot snap, Cursor c) {
        return snap.id() + "/" + c.taskId();
    }
}
