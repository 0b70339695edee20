package dev.clarity.runner.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.api.ErrorSolveRequest;
import dev.clarity.runner.api.Failure;
import dev.clarity.runner.api.FileContent;
import dev.clarity.runner.api.GitCredentials;
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
import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.api.RunnerHealth;
import dev.clarity.runner.api.ToolResult;
import dev.clarity.runner.api.VerifyRequest;
import dev.clarity.runner.api.VerifyResult;
import dev.clarity.runner.api.WorkspaceState;
import dev.clarity.runner.api.WriteFileRequest;
import dev.clarity.runner.api.WriteFileResult;
import dev.clarity.runner.artifacts.Artifacts;
import dev.clarity.runner.artifacts.ConfinedFiles;
import dev.clarity.runner.checks.CheckContext;
import dev.clarity.runner.checks.CheckResult;
import dev.clarity.runner.checks.CriterionChecks;
import dev.clarity.runner.config.ConfigParse;
import dev.clarity.runner.config.RepositoryConfig;
import dev.clarity.runner.config.RepositoryConfigParser;
import dev.clarity.runner.config.SandboxConfig;
import dev.clarity.runner.detect.BuildDetection;
import dev.clarity.runner.detect.BuildDetector;
import dev.clarity.runner.policy.CommandPolicy;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.Sandbox;
import dev.clarity.runner.tools.PromptTemplate;
import dev.clarity.runner.tools.ToolCall;
import dev.clarity.runner.tools.ToolInvoker;
import dev.clarity.runner.tools.ToolRouter;
import dev.clarity.runner.tools.ToolRun;
import dev.clarity.runner.workspace.GitWorkspaces;
import dev.clarity.runner.workspace.PrepOutcome;
import dev.clarity.runner.workspace.PushOutcome;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * The runner in-process: each step of {@link Runner} on a workspace under {@code CLARITY_DATA_DIR/workspaces}, in
 * the given sandbox. Steps of one workspace run one at a time; at most {@code capacity} steps run at once overall.
 * A repeated idempotency key returns the stored result (kept across restarts under {@code <root>/.results}).
 * Everything that leaves (logs, diffs, summaries, artifacts) passes the redactor, which also knows the call's token.
 */
public final class LocalRunner implements Runner {
    private final GitWorkspaces workspaces;
    private final Sandbox sandbox;
    private final CommandPolicy policy;
    private final Map<String, String> baseEnvironment;
    private final Redactor redactor;
    private final IdempotencyStore results;
    private final BaseConfig configs;
    private final PromptTemplate prompts = new PromptTemplate();
    private final ToolInvoker tools;
    private final CriterionChecks checks;
    private final Semaphore slots;
    private final int capacity;
    private final WorkspaceLocks locks = new WorkspaceLocks();
    /** Workspaces this process has worked in; the first step in each clears what a killed process left. */
    private final java.util.Set<String> reclaimed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /**
     * @param root the workspaces directory ({@code CLARITY_DATA_DIR/workspaces})
     * @param baseEnvironment what every sandboxed step gets (PATH, HOME, …), filtered again by the policy
     * @param redactor knows the deployment's secrets (app key, webhook secret, runner token)
     */
    public LocalRunner(
            Path root,
            Sandbox sandbox,
            CommandPolicy policy,
            Map<String, String> baseEnvironment,
            Redactor redactor,
            InstantSource clock,
            Executor executor,
            int capacity) {
        this.workspaces = new GitWorkspaces(root, clock);
        this.configs = new BaseConfig(workspaces.bases(), new RepositoryConfigParser());
        this.sandbox = sandbox;
        this.policy = policy;
        this.baseEnvironment = Map.copyOf(baseEnvironment);
        this.redactor = redactor;
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        this.results =
                new IdempotencyStore(root.resolve(".results"), json, executor, () -> clock.millis() * 1_000_000L);
        this.tools = new ToolInvoker(sandbox, policy, baseEnvironment);
        this.checks = new CriterionChecks(sandbox, HttpClient.newHttpClient());
        this.capacity = capacity;
        this.slots = new Semaphore(capacity);
    }

    /** The deployment's redactor, also knowing this call's token (which must never leave in a log or result). */
    private Redactor redactorFor(GitCredentials credentials) {
        return credentials == null ? redactor : redactor.with(List.of(credentials.token()));
    }

    @Override
    public PrepResult prep(PrepRequest request) {
        Redactor r = redactorFor(request.credentials());
        if (!workspaces.exists(request.workspaceId())) {
            // made from scratch (first use, or the disk lost it): results stored for an earlier copy describe work
            // that is gone, and a stored prep would claim a checkout that is not there
            results.forget(request.workspaceId());
        }
        return results.once(
                request.workspaceId(),
                "prep",
                request.idempotencyKey(),
                PrepResult.class,
                () -> step(request.workspaceId(), () -> {
                    PrepOutcome outcome = redacted(
                            r,
                            () -> request.personBranch() != null
                                    ? workspaces.adopt(
                                            request.workspaceId(),
                                            request.repoUrl(),
                                            request.credentials(),
                                            request.baseBranch(),
                                            request.personBranch(),
                                            request.branch())
                                    : workspaces.prepare(
                                            request.workspaceId(),
                                            request.repoUrl(),
                                            request.credentials(),
                                            request.baseBranch(),
                                            request.branch()));
                    return switch (outcome) {
                        case PrepOutcome.Ready ready ->
                            new PrepResult.Ready(
                                    ready.branch(),
                                    ready.head(),
                                    List.of("branch " + ready.branch()
                                            + (ready.created() ? " created at " : " checked out at ") + ready.head()));
                        case PrepOutcome.Adopted adopted ->
                            new PrepResult.Adopted(
                                    adopted.branch(),
                                    adopted.head(),
                                    adopted.personHead(),
                                    List.of("branch " + adopted.branch() + " checked out at " + adopted.head() + " on "
                                            + request.personBranch() + " at " + adopted.personHead()));
                        case PrepOutcome.Conflict conflict ->
                            new PrepResult.Conflict(
                                    request.branch(),
                                    conflict.personBranch(),
                                    conflict.baseBranch(),
                                    List.of(conflict.personBranch() + " conflicts with " + conflict.baseBranch()
                                            + ", which the item stands on: merge " + conflict.baseBranch()
                                            + " into it by hand"));
                        case PrepOutcome.MissingBase missing ->
                            new PrepResult.BaseMissing(
                                    request.branch(),
                                    missing.baseBranch(),
                                    List.of("base branch " + missing.baseBranch()
                                            + " exists neither locally nor on the remote"));
                        case PrepOutcome.ForeignCommits foreign ->
                            new PrepResult.ForeignCommits(
                                    request.branch(),
                                    foreign.remoteHead(),
                                    List.of("someone else pushed to " + foreign.branch() + " (remote at "
                                            + foreign.remoteHead() + "); Clarity does not overwrite it"));
                    };
                }));
    }

    @Override
    public ToolResult implement(ImplementRequest request) {
        return results.once(
                request.workspaceId(),
                "implement",
                request.idempotencyKey(),
                ToolResult.class,
                () -> step(request.workspaceId(), () -> {
                    Path ws = existing(request.workspaceId());
                    ConfigParse parse = configs.read(request.workspaceId());
                    if (parse instanceof ConfigParse.Invalid invalid) {
                        return refused(request.tool(), invalid.describe());
                    }
                    RepositoryConfig config = ((ConfigParse.Parsed) parse).config();
                    String tool;
                    try {
                        tool = ToolRouter.route(request.tool(), request.taskTitle(), config.tools());
                    } catch (IllegalArgumentException e) {
                        return refused(request.tool(), e.getMessage());
                    }
                    String prompt = prompts.implement(
                            request.taskId(),
                            request.taskTitle(),
                            request.parentContext(),
                            request.criteria(),
                            request.promptHints());
                    ToolRun run = tools.run(
                            new ToolCall(
                                    request.workspaceId(),
                                    ws,
                                    request.taskId(),
                                    request.taskTitle(),
                                    tool,
                                    0,
                                    prompt,
                                    config),
                            redactor);
                    boolean undone = configs.undoChange(request.workspaceId(), ws);
                    String diff = redactor.redact(workspaces.diff(request.workspaceId()));
                    List<String> logs = new ArrayList<>(run.logs());
                    List<String> artifacts = new ArrayList<>(run.artifacts());
                    artifacts.add(new Artifacts(ws, request.taskId()).write("implement-diff.patch", diff));
                    if (diff.isBlank()) {
                        logs.add(0, "the tool changed nothing");
                    }
                    if (undone) {
                        logs.add(0, BaseConfig.REFUSAL);
                    }
                    return outcome(run, undone, !diff.isBlank(), diff, logs, artifacts);
                }));
    }

    @Override
    public ToolResult errorSolve(ErrorSolveRequest request) {
        return results.once(
                request.workspaceId(),
                "error-solve",
                request.idempotencyKey(),
                ToolResult.class,
                () -> step(request.workspaceId(), () -> {
                    Path ws = existing(request.workspaceId());
                    ConfigParse parse = configs.read(request.workspaceId());
                    if (parse instanceof ConfigParse.Invalid invalid) {
                        return refused(request.tool(), invalid.describe());
                    }
                    RepositoryConfig config = ((ConfigParse.Parsed) parse).config();
                    String tool;
                    try {
                        tool = ToolRouter.route(request.tool(), request.taskTitle(), config.tools());
                    } catch (IllegalArgumentException e) {
                        return refused(request.tool(), e.getMessage());
                    }
                    String before = workspaces.diff(request.workspaceId());
                    String prompt = prompts.errorSolve(
                            request.taskId(),
                            request.taskTitle(),
                            null,
                            List.of(),
                            request.attempt(),
                            request.failures(),
                            request.lastDiff());
                    ToolRun run = tools.run(
                            new ToolCall(
                                    request.workspaceId(),
                                    ws,
                                    request.taskId(),
                                    request.taskTitle(),
                                    tool,
                                    Math.max(1, request.attempt()),
                                    prompt,
                                    config),
                            redactor);
                    boolean undone = configs.undoChange(request.workspaceId(), ws);
                    String after = workspaces.diff(request.workspaceId());
                    String diff = redactor.redact(after);
                    List<String> logs = new ArrayList<>(run.logs());
                    List<String> artifacts = new ArrayList<>(run.artifacts());
                    artifacts.add(new Artifacts(ws, request.taskId())
                            .write("error-solve-" + Math.max(1, request.attempt()) + "-diff.patch", diff));
                    boolean changed = !after.equals(before);
                    if (!changed) {
                        logs.add(0, "the tool changed nothing");
                    }
                    if (undone) {
                        logs.add(0, BaseConfig.REFUSAL);
                    }
                    return outcome(run, undone, changed, diff, logs, artifacts);
                }));
    }

    /** Refused before the tool ran: {@code .clarity.yml} is invalid, or names no such tool. */
    private static ToolResult refused(String tool, String reason) {
        return new ToolResult.Refused(tool, reason, "", List.of(reason), List.of());
    }

    /**
     * The case of a tool's run: a change to {@code .clarity.yml} (undone) refuses the attempt whatever else it did;
     * then how the tool ended; a tool that finished changed the workspace or did not.
     */
    private static ToolResult outcome(
            ToolRun run, boolean undone, boolean changed, String diff, List<String> logs, List<String> artifacts) {
        String tool = run.tool();
        if (undone) {
            return new ToolResult.Refused(tool, BaseConfig.REFUSAL, diff, logs, artifacts);
        }
        return switch (run.ending()) {
            case REFUSED -> new ToolResult.Refused(tool, run.summary(), diff, logs, artifacts);
            case MISSING -> new ToolResult.Missing(tool, run.summary(), diff, logs, artifacts);
            case TIMED_OUT -> new ToolResult.TimedOut(tool, diff, logs, artifacts);
            case CANCELLED -> new ToolResult.Cancelled(tool, diff, logs, artifacts);
            case FAILED -> new ToolResult.Failed(tool, diff, logs, artifacts);
            case FINISHED ->
                changed
                        ? new ToolResult.Changed(tool, diff, logs, artifacts)
                        : new ToolResult.Unchanged(tool, diff, logs, artifacts);
        };
    }

    @Override
    public VerifyResult verify(VerifyRequest request) {
        return results.once(
                request.workspaceId(),
                "verify",
                request.idempotencyKey(),
                VerifyResult.class,
                () -> step(request.workspaceId(), () -> {
                    Path ws = existing(request.workspaceId());
                    ConfigParse parse = configs.read(request.workspaceId());
                    if (parse instanceof ConfigParse.Invalid invalid) {
                        return new VerifyResult.Failed(
                                List.of(),
                                List.of(new Failure(
                                        "config",
                                        invalid.describe(),
                                        RepositoryConfig.FILE_NAME + ":" + invalid.line())),
                                List.of());
                    }
                    RepositoryConfig config = ((ConfigParse.Parsed) parse).config();
                    var standard = request.standardChecks()
                            ? standardChecks(request.workspaceId(), config)
                            : new StandardChecks(List.of(), List.of(), null);
                    List<String> commands = new ArrayList<>(config.commands());
                    commands.addAll(standard.commands());
                    CommandPolicy stepPolicy = policy.withCommands(commands);
                    CheckContext context = new CheckContext(
                            request.workspaceId(),
                            ws,
                            stepPolicy,
                            stepPolicy.environment(baseEnvironment),
                            config.sandbox().timeout(),
                            config.sandbox().network() == SandboxConfig.Network.EGRESS,
                            redactor,
                            new Artifacts(ws, request.taskId()));
                    List<CriterionSpec> all = new ArrayList<>(standard.checks());
                    all.addAll(request.criteria());
                    List<String> passed = new ArrayList<>();
                    List<Failure> failed = new ArrayList<>();
                    List<String> artifacts = new ArrayList<>();
                    if (request.workRequired() && noWork(request)) {
                        failed.add(Failure.noWork());
                    }
                    if (all.isEmpty()) {
                        failed.add(
                                standard.advice() != null
                                        ? new Failure(
                                                Failure.CHECKS_REQUIRED,
                                                "no check ran: " + standard.advice(),
                                                RepositoryConfig.FILE_NAME)
                                        : Failure.noCheckRan());
                    }
                    for (CriterionSpec criterion : all) {
                        CheckResult result = checks.run(criterion, context);
                        if (result.evidence() != null) {
                            artifacts.add(result.evidence());
                        }
                        if (result.passed()) {
                            passed.add(result.key());
                        } else {
                            failed.add(new Failure(result.key(), redactor.redact(result.summary()), result.location()));
                        }
                    }
                    return VerifyResult.of(passed, failed, artifacts);
                }));
    }

    /**
     * True when the workspace's net change against the item's base is empty once Clarity's own files are left out:
     * the request's task list and outcomes file, {@code .clarity.yml} (a tool's change to it is undone anyway) and
     * {@code artifacts/}.
     */
    private boolean noWork(VerifyRequest request) {
        java.util.Set<String> own = new java.util.HashSet<>(request.ownFiles());
        own.add(RepositoryConfig.FILE_NAME);
        return workspaces.changedSinceBase(request.workspaceId(), own).isEmpty();
    }

    /**
     * The standard checks of a task leaf or an {@code A} line: {@code .clarity.yml}'s {@code checks}; with none, the
     * tests of the build found at the base commit (never in the work tree a tool edited), whose program is then
     * allowed; with no build either, no check and {@link BuildDetector#ADVICE}.
     */
    private StandardChecks standardChecks(String workspaceId, RepositoryConfig config) {
        List<CriterionSpec> all = new ArrayList<>();
        addStandard(all, "setup", config.checks().setup());
        addStandard(all, "build", config.checks().build());
        addStandard(all, "test", config.checks().test());
        if (!all.isEmpty()) {
            return new StandardChecks(all, List.of(), null);
        }
        return switch (BuildDetector.detect(workspaces.baseTree(workspaceId))) {
            case BuildDetection.Found found -> {
                found.build().setup().ifPresent(setup -> addStandard(all, "setup", List.of(setup)));
                addStandard(all, "test", List.of(found.build().testCommand()));
                yield new StandardChecks(all, found.build().commands(), null);
            }
            case BuildDetection.NotFound none -> new StandardChecks(List.of(), List.of(), none.advice());
        };
    }

    /** Standard checks to run, the programs they need allowed, and the advice when there are none. */
    private record StandardChecks(List<CriterionSpec> checks, List<String> commands, String advice) {}

    private static void addStandard(List<CriterionSpec> all, String name, List<List<String>> commands) {
        for (int i = 0; i < commands.size(); i++) {
            String key = commands.size() == 1 ? "standard." + name : "standard." + name + "." + (i + 1);
            all.add(new CriterionSpec(key, name.equals("test") ? "test" : "ops", "cmd", null, commands.get(i), null));
        }
    }

    @Override
    public MergeResult merge(MergeRequest request) {
        return results.once(
                request.workspaceId(),
                "merge",
                request.idempotencyKey(),
                MergeResult.class,
                () -> step(request.workspaceId(), () -> {
                    existing(request.workspaceId());
                    String commit = workspaces.commit(request.workspaceId(), request.branch(), request.message());
                    return new MergeResult.Committed(
                            request.branch(), commit, List.of("committed " + commit + " on " + request.branch()));
                }));
    }

    @Override
    public PushResult push(PushRequest request) {
        Redactor r = redactorFor(request.credentials());
        return results.once(
                request.workspaceId(),
                "push",
                request.idempotencyKey(),
                PushResult.class,
                () -> step(request.workspaceId(), () -> {
                    existing(request.workspaceId());
                    PushOutcome outcome = redacted(
                            r,
                            () -> request.mergeInto() == null
                                    ? workspaces.push(
                                            request.workspaceId(),
                                            request.repoUrl(),
                                            request.credentials(),
                                            request.branch())
                                    : workspaces.mergeInto(
                                            request.workspaceId(),
                                            request.repoUrl(),
                                            request.credentials(),
                                            request.branch(),
                                            request.mergeInto()));
                    return switch (outcome) {
                        case PushOutcome.Pushed pushed
                        when request.mergeInto() == null ->
                            new PushResult.Pushed(
                                    request.branch(),
                                    pushed.commit(),
                                    List.of("pushed " + request.branch() + " at " + pushed.commit()));
                        case PushOutcome.Pushed merged ->
                            new PushResult.Merged(
                                    request.branch(),
                                    request.mergeInto(),
                                    merged.commit(),
                                    List.of("merged " + request.branch() + " into " + request.mergeInto() + " at "
                                            + merged.commit()));
                        case PushOutcome.RejectedByOthers rejected ->
                            new PushResult.RejectedByOthers(
                                    request.branch(),
                                    List.of("someone else pushed to " + request.branch()
                                            + "; Clarity did not overwrite it"));
                        case PushOutcome.Held held -> {
                            String reason = r.redact(held.reason());
                            yield new PushResult.Held(request.branch(), reason, List.of(reason));
                        }
                        case PushOutcome.Refused refused -> {
                            String reason = "the server refused the push: " + r.redact(refused.reason());
                            yield new PushResult.Refused(reason, List.of(reason));
                        }
                    };
                }),
                result -> !(result instanceof PushResult.Held));
    }

    @Override
    public MergedResult merged(MergedRequest request) {
        Redactor r = redactorFor(request.credentials());
        return step(request.workspaceId(), () -> {
            existing(request.workspaceId());
            boolean merged = redacted(
                    r,
                    () -> workspaces.isMerged(
                            request.workspaceId(),
                            request.repoUrl(),
                            request.credentials(),
                            request.branch(),
                            request.target()));
            return MergedResult.of(merged, request.branch(), request.target());
        });
    }

    /**
     * Takes the workspace's lock (a file is never read in the middle of a step) but no sandbox slot. With revision
     * {@code base} the file is read at the item's base commit ({@link dev.clarity.runner.workspace.BaseCommits}).
     */
    @Override
    public FileContent readFile(ReadFileRequest request) {
        Path ws = workspaces.directory(request.workspaceId());
        boolean atBase = request.atBase(); // a revision other than base is refused before anything is read
        try (var held = locks.hold(request.workspaceId())) {
            var content = atBase
                    ? workspaces.bases().read(request.workspaceId(), ConfinedFiles.treePath(request.path()))
                    : ConfinedFiles.read(ws, request.path());
            return content.map(FileContent::of).orElseGet(FileContent::missing);
        }
    }

    @Override
    public WriteFileResult writeFile(WriteFileRequest request) {
        Path ws = workspaces.directory(request.workspaceId());
        ConfinedFiles.checkShape(request.path()); // a bad path is refused the same before and after prep
        if (request.content() == null) {
            throw new IllegalArgumentException("content is required to write " + request.path());
        }
        return results.once(
                request.workspaceId(), "write-file", request.idempotencyKey(), WriteFileResult.class, () -> {
                    try (var held = locks.hold(request.workspaceId())) {
                        existing(request.workspaceId());
                        ConfinedFiles.write(ws, request.path(), request.content());
                        return new WriteFileResult(true, request.path(), request.content().length);
                    }
                });
    }

    @Override
    public WorkspaceState workspace(String workspaceId) {
        return new WorkspaceState(workspaceId, workspaces.exists(workspaceId));
    }

    @Override
    public RunnerHealth health() {
        return new RunnerHealth("ok", sandbox.engine(), sandbox.image(), capacity, slots.availablePermits());
    }

    @Override
    public void cancel(String workspaceId) {
        sandbox.cancel(workspaceId);
    }

    private Path existing(String workspaceId) {
        if (!workspaces.exists(workspaceId)) {
            throw new RunnerException("workspace " + workspaceId + " was not prepared (call prep first)");
        }
        return workspaces.directory(workspaceId);
    }

    private <T> T step(String workspaceId, Supplier<T> action) {
        workspaces.directory(workspaceId); // validates the id before anything else
        try (var held = locks.hold(workspaceId)) {
            if (reclaimed.add(workspaceId) && workspaces.exists(workspaceId)) {
                // a process killed mid-operation (SIGKILL, power loss) leaves git's lock files behind
                workspaces.clearStaleLocks(workspaceId);
            }
            slots.acquireUninterruptibly();
            try {
                return action.get();
            } finally {
                slots.release();
            }
        }
    }

    /** Runs a git operation whose failure may carry credentials: the message is redacted before it travels on. */
    private static <T> T redacted(Redactor r, Supplier<T> git) {
        try {
            return git.get();
        } catch (RunnerException e) {
            throw new RunnerException(r.redact(e.getMessage()) + ": " + r.redact(rootCause(e)));
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause == e ? "" : String.valueOf(cause.getMessage());
    }
}
