package dev.clarity.bot.orchestrator;

import dev.clarity.runner.api.ErrorSolveRequest;
import dev.clarity.runner.api.Failure;
import dev.clarity.runner.api.FileContent;
import dev.clarity.runner.api.ImplementRequest;
import dev.clarity.runner.api.MergeRequest;
import dev.clarity.runner.api.MergeResult;
import dev.clarity.runner.api.MergedRequest;
import dev.clarity.runner.api.MergedResult;
import dev.clarity.runner.api.PrepRequest;
import dev.clarity.runner.api.PrepResult;
import dev.clarity.runner.api.PushRequest;
import dev.clarity.runner.api.PushResult;
import dev.clarity.runner.api.ReadFileRequest;
import dev.clarity.runner.api.Runner;
import dev.clarity.runner.api.RunnerHealth;
import dev.clarity.runner.api.ToolResult;
import dev.clarity.runner.api.VerifyRequest;
import dev.clarity.runner.api.VerifyResult;
import dev.clarity.runner.api.WorkspaceState;
import dev.clarity.runner.api.WriteFileRequest;
import dev.clarity.runner.api.WriteFileResult;
import dev.clarity.runner.artifacts.ConfinedFiles;
import dev.clarity.runner.workspace.GitWorkspaces;
import dev.clarity.runner.workspace.PrepOutcome;
import dev.clarity.runner.workspace.PushOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A runner for orchestrator tests: real git through {@link GitWorkspaces}, a scripted "tool" (a function that
 * edits the workspace), and {@code file} criteria checked for real. Keeps results per idempotency key as the
 * runner contract requires, and counts tool runs per item.
 */
final class ScriptedRunner implements Runner {
    /** Edits the workspace for (task id, attempt); attempt 0 is IMPLEMENT, 1 to 3 ERROR_SOLVE. */
    interface Tool {
        void run(String taskId, int attempt, Path workspace) throws IOException;
    }

    final GitWorkspaces workspaces;
    private final Tool tool;
    private final Map<String, Object> results = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> toolRuns = new ConcurrentHashMap<>();
    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    /** Every repair request, as the orchestrator sent it. */
    final List<ErrorSolveRequest> repairs = java.util.Collections.synchronizedList(new ArrayList<>());
    /**
     * Calls (as recorded in {@link #calls}) after whose work the runner dies once, before answering: the work is
     * done, no result is stored, and the orchestrator sees an infrastructure failure, as after a crash.
     */
    final java.util.Set<String> dieAfter = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * Whether the scripted repository configures a test command ({@code checks.test}) that passes: VERIFY runs it as
     * {@code standard.test} when the request asks for the standard checks. Without it, as the real runner, an item
     * whose VERIFY runs nothing fails.
     */
    volatile boolean standardTest = true;

    /** Runs as each call starts (after it is recorded in {@link #calls}): lets a test act in the middle of a step. */
    volatile java.util.function.Consumer<String> onCall = call -> {};

    private void record(String call) {
        calls.add(call);
        onCall.accept(call);
    }

    private void maybeDie(String call) {
        if (dieAfter.remove(call)) {
            throw new dev.clarity.runner.api.RunnerException("the runner died after " + call);
        }
    }

    ScriptedRunner(Path root, Tool tool) {
        this.workspaces = new GitWorkspaces(root, InstantSource.system());
        this.tool = tool;
    }

    @SuppressWarnings("unchecked")
    private <T> T once(String key, java.util.function.Supplier<T> work) {
        return (T) results.computeIfAbsent(key, k -> work.get());
    }

    /** Runs as each preparation starts, before any git work: lets a test leave a workspace as a crash would. */
    volatile java.util.function.Consumer<PrepRequest> beforePrep = r -> {};

    @Override
    public PrepResult prep(PrepRequest r) {
        return once(r.idempotencyKey(), () -> {
            record((r.personBranch() != null ? "adopt " : "prep ") + r.taskId());
            beforePrep.accept(r);
            PrepOutcome outcome = r.personBranch() != null
                    ? workspaces.adopt(
                            r.workspaceId(), r.repoUrl(), r.credentials(), r.baseBranch(), r.personBranch(), r.branch())
                    : workspaces.prepare(r.workspaceId(), r.repoUrl(), r.credentials(), r.baseBranch(), r.branch());
            return switch (outcome) {
                case PrepOutcome.Ready ready -> new PrepResult.Ready(ready.branch(), ready.head(), List.of());
                case PrepOutcome.Adopted a ->
                    new PrepResult.Adopted(
                            a.branch(),
                            a.head(),
                            a.personHead(),
                            List.of("on " + r.personBranch() + " at " + a.personHead()));
                case PrepOutcome.Conflict c ->
                    new PrepResult.Conflict(
                            r.branch(),
                            c.personBranch(),
                            c.baseBranch(),
                            List.of(c.personBranch() + " conflicts with " + c.baseBranch()));
                case PrepOutcome.MissingBase m ->
                    new PrepResult.BaseMissing(r.branch(), m.baseBranch(), List.of("no base " + m.baseBranch()));
                case PrepOutcome.ForeignCommits f ->
                    new PrepResult.ForeignCommits(
                            r.branch(),
                            f.remoteHead(),
                            List.of("the remote branch " + f.branch() + " holds commits Clarity did not make"));
            };
        });
    }

    /**
     * When set, the tool's program cannot be started: IMPLEMENT and ERROR_SOLVE answer {@link ToolResult.Missing}
     * with this reason and nothing runs, as the runner does for a tool on no directory of the step's PATH.
     */
    volatile String missingTool;

    /**
     * When set, the step crosses its token budget: IMPLEMENT and ERROR_SOLVE answer {@link ToolResult.BudgetExceeded}
     * with this reason, as the runner does when its gateway refused the tool's further model requests.
     */
    volatile String budgetCrossed;

    @Override
    public ToolResult implement(ImplementRequest r) {
        return once(r.idempotencyKey(), () -> {
            if (missingTool != null) {
                calls.add("missing " + r.taskId());
                return new ToolResult.Missing("aider", missingTool, "", List.of(missingTool), List.of());
            }
            if (budgetCrossed != null) {
                calls.add("budget " + r.taskId());
                return new ToolResult.BudgetExceeded(
                        "claude",
                        budgetCrossed,
                        r.maxTokens(),
                        "",
                        List.of(budgetCrossed),
                        List.of(),
                        List.of(new dev.clarity.runner.api.ModelUsage("anthropic", "claude-sonnet-4-5", 9000, 1500)));
            }
            String diff = runTool(r.workspaceId(), r.taskId(), 0);
            return diff.isBlank()
                    ? new ToolResult.Unchanged("command", diff, List.of("scripted tool ran"), List.of())
                    : new ToolResult.Changed("command", diff, List.of("scripted tool ran"), List.of());
        });
    }

    @Override
    public dev.clarity.runner.api.ReleaseResult release(dev.clarity.runner.api.ReleaseRequest r) {
        return new dev.clarity.runner.api.ReleaseResult(java.util.List.of());
    }

    @Override
    public ToolResult errorSolve(ErrorSolveRequest r) {
        return once(r.idempotencyKey(), () -> {
            repairs.add(r);
            if (missingTool != null) {
                calls.add("missing " + r.taskId());
                return new ToolResult.Missing("aider", missingTool, "", List.of(missingTool), List.of());
            }
            String before = workspaces.diff(r.workspaceId());
            String diff = runTool(r.workspaceId(), r.taskId(), r.attempt());
            List<String> logs = List.of("repair " + r.attempt());
            return diff.equals(before)
                    ? new ToolResult.Unchanged("command", diff, logs, List.of())
                    : new ToolResult.Changed("command", diff, logs, List.of());
        });
    }

    private String runTool(String ws, String taskId, int attempt) {
        calls.add("tool " + taskId + " " + attempt);
        toolRuns.computeIfAbsent(taskId, k -> new AtomicInteger()).incrementAndGet();
        try {
            tool.run(taskId, attempt, workspaces.directory(ws));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return workspaces.diff(ws);
    }

    @Override
    public VerifyResult verify(VerifyRequest r) {
        return once(r.idempotencyKey(), () -> {
            record("verify " + r.taskId());
            List<String> passed = new ArrayList<>();
            List<Failure> failed = new ArrayList<>();
            Path dir = workspaces.directory(r.workspaceId());
            if (r.workRequired()) {
                var own = new java.util.HashSet<>(r.ownFiles());
                own.add(".clarity.yml");
                if (workspaces.changedSinceBase(r.workspaceId(), own).isEmpty()) {
                    failed.add(Failure.noWork());
                }
            }
            if (r.standardChecks() && standardTest) {
                passed.add("standard.test");
            }
            if (!(r.standardChecks() && standardTest) && r.criteria().isEmpty()) {
                failed.add(Failure.noCheckRan());
            }
            r.criteria().forEach(c -> {
                boolean ok = !"file".equals(c.check())
                        || Files.isRegularFile(dir.resolve(c.args().getFirst()));
                if (ok) {
                    passed.add(c.key());
                } else {
                    failed.add(new Failure(
                            c.key(),
                            c.args().getFirst() + " does not exist",
                            c.args().getFirst()));
                }
            });
            return VerifyResult.of(passed, failed, List.of());
        });
    }

    @Override
    public MergeResult merge(MergeRequest r) {
        return once(r.idempotencyKey(), () -> {
            calls.add("merge " + r.taskId() + " on " + r.branch());
            MergeResult result = new MergeResult.Committed(
                    r.branch(), workspaces.commit(r.workspaceId(), r.branch(), r.message()), List.of());
            maybeDie("merge " + r.taskId() + " on " + r.branch());
            return result;
        });
    }

    @Override
    public PushResult push(PushRequest r) {
        PushResult result = pushOnce(r);
        if (result instanceof PushResult.Held) {
            // as the runner: a held push is not stored, so the same request pushes once the checkout is clean
            results.remove(r.idempotencyKey());
        }
        return result;
    }

    private PushResult pushOnce(PushRequest r) {
        return once(r.idempotencyKey(), () -> {
            String call =
                    r.mergeInto() == null ? "push " + r.branch() : "merge " + r.branch() + " into " + r.mergeInto();
            calls.add(call);
            PushOutcome outcome = r.mergeInto() == null
                    ? workspaces.push(r.workspaceId(), r.repoUrl(), r.credentials(), r.branch())
                    : workspaces.mergeInto(r.workspaceId(), r.repoUrl(), r.credentials(), r.branch(), r.mergeInto());
            maybeDie(call);
            return switch (outcome) {
                case PushOutcome.Pushed p
                when r.mergeInto() == null ->
                    new PushResult.Pushed(r.branch(), p.commit(), List.of("pushed " + p.commit()));
                case PushOutcome.Pushed p ->
                    new PushResult.Merged(
                            r.branch(),
                            r.mergeInto(),
                            p.commit(),
                            List.of("merged " + r.branch() + " into " + r.mergeInto() + " at " + p.commit()));
                case PushOutcome.RejectedByOthers o ->
                    new PushResult.RejectedByOthers(r.branch(), List.of(o.remoteMessage()));
                case PushOutcome.Refused f -> new PushResult.Refused(f.reason(), List.of(f.reason()));
                case PushOutcome.Held held -> new PushResult.Held(r.branch(), held.reason(), List.of(held.reason()));
            };
        });
    }

    @Override
    public MergedResult merged(MergedRequest r) {
        boolean merged = workspaces.isMerged(r.workspaceId(), r.repoUrl(), r.credentials(), r.branch(), r.target());
        return MergedResult.of(merged, r.branch(), r.target());
    }

    @Override
    public FileContent readFile(ReadFileRequest r) {
        var content = r.atBase()
                ? workspaces.bases().read(r.workspaceId(), ConfinedFiles.treePath(r.path()))
                : ConfinedFiles.read(workspaces.directory(r.workspaceId()), r.path());
        return content.map(FileContent::of).orElseGet(FileContent::missing);
    }

    @Override
    public WriteFileResult writeFile(WriteFileRequest r) {
        ConfinedFiles.write(workspaces.directory(r.workspaceId()), r.path(), r.content());
        return new WriteFileResult(true, r.path(), r.content().length);
    }

    @Override
    public WorkspaceState workspace(String workspaceId) {
        return new WorkspaceState(workspaceId, workspaces.exists(workspaceId));
    }

    /** Standard tests configured, unless a test turned them off: then nothing is found, as in an empty repository. */
    @Override
    public dev.clarity.runner.api.StandardCheck standardCheck(String workspaceId) {
        return standardTest
                ? new dev.clarity.runner.api.StandardCheck.Configured()
                : new dev.clarity.runner.api.StandardCheck.NotFound(dev.clarity.runner.detect.BuildDetector.ADVICE);
    }

    @Override
    public RunnerHealth health() {
        return new RunnerHealth("ok", "scripted", "none", 100, 100);
    }

    @Override
    public dev.clarity.runner.api.RunnerUsage usage() {
        return dev.clarity.runner.api.RunnerUsage.idle();
    }

    @Override
    public void cancel(String workspaceId) {
        synchronized (cancelled) {
            cancelled.add(workspaceId);
            cancelled.notifyAll();
        }
    }

    /** The workspaces whose running step was cancelled, in order. */
    final List<String> cancelled = new ArrayList<>();

    /** Waits (at most 30 s) until a step of {@code workspaceId} is cancelled; false when none was. */
    boolean awaitCancel(String workspaceId) throws InterruptedException {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        synchronized (cancelled) {
            while (!cancelled.contains(workspaceId)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                cancelled.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }
}
