package dev.clarity.runner.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.runner.api.CriterionReport;
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
import dev.clarity.runner.api.ProtectedFiles;
import dev.clarity.runner.api.PushRequest;
import dev.clarity.runner.api.PushResult;
import dev.clarity.runner.api.ReadFileRequest;
import dev.clarity.runner.api.ReleaseRequest;
import dev.clarity.runner.api.ReleaseResult;
import dev.clarity.runner.api.Risk;
import dev.clarity.runner.api.Runner;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.api.RunnerHealth;
import dev.clarity.runner.api.RunnerUsage;
import dev.clarity.runner.api.SourceLocation;
import dev.clarity.runner.api.StandardCheck;
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
import dev.clarity.runner.detect.BuildDetection;
import dev.clarity.runner.detect.BuildDetector;
import dev.clarity.runner.guard.DiffRisks;
import dev.clarity.runner.guard.HeldChanges;
import dev.clarity.runner.guard.ProtectedSet;
import dev.clarity.runner.guard.ProtectedSnapshot;
import dev.clarity.runner.policy.CommandPolicy;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.Sandbox;
import dev.clarity.runner.toolchain.SandboxCeilings;
import dev.clarity.runner.toolchain.SetupRecords;
import dev.clarity.runner.toolchain.StepSettings;
import dev.clarity.runner.tools.FocusedContext;
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
    private final BaseTestCounts baseCounts;
    private final TestsOnlyGrow testsOnlyGrow;

    private final PromptTemplate prompts = new PromptTemplate();
    private final ToolInvoker tools;
    private final CriterionChecks checks;
    private final Semaphore slots;
    private final int capacity;
    private final WorkspaceLocks locks = new WorkspaceLocks();
    private final HeldChanges held;
    /** Workspaces this process has worked in; the first step in each clears what a killed process left. */
    private final java.util.Set<String> reclaimed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final RepositorySetup toolchain;
    private final Path data;

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
        this(
                root,
                sandbox,
                policy,
                baseEnvironment,
                redactor,
                clock,
                executor,
                capacity,
                java.util.Optional.empty(),
                SandboxCeilings.DEFAULT);
    }

    /** With a model {@code gateway} and the default sandbox ceilings. */
    public LocalRunner(
            Path root,
            Sandbox sandbox,
            CommandPolicy policy,
            Map<String, String> baseEnvironment,
            Redactor redactor,
            InstantSource clock,
            Executor executor,
            int capacity,
            java.util.Optional<dev.clarity.runner.gateway.ModelGateway> gateway) {
        this(
                root,
                sandbox,
                policy,
                baseEnvironment,
                redactor,
                clock,
                executor,
                capacity,
                gateway,
                SandboxCeilings.DEFAULT);
    }

    /** Without a model gateway (tool steps have no network), within {@code ceilings}. */
    public LocalRunner(
            Path root,
            Sandbox sandbox,
            CommandPolicy policy,
            Map<String, String> baseEnvironment,
            Redactor redactor,
            InstantSource clock,
            Executor executor,
            int capacity,
            SandboxCeilings ceilings) {
        this(
                root,
                sandbox,
                policy,
                baseEnvironment,
                redactor,
                clock,
                executor,
                capacity,
                java.util.Optional.empty(),
                ceilings);
    }

    /**
     * With a model {@code gateway}, tool steps reach their model through it and nothing else (see
     * {@link ToolInvoker}); without one they have no network. {@code ceilings}: what a repository's
     * {@code sandbox:} may ask for on this runner (set by the admin).
     */
    public LocalRunner(
            Path root,
            Sandbox sandbox,
            CommandPolicy policy,
            Map<String, String> baseEnvironment,
            Redactor redactor,
            InstantSource clock,
            Executor executor,
            int capacity,
            java.util.Optional<dev.clarity.runner.gateway.ModelGateway> gateway,
            SandboxCeilings ceilings) {
        this.workspaces = new GitWorkspaces(root, clock);
        this.held = new HeldChanges(root.resolve(".held"));
        this.baseCounts = new BaseTestCounts(root.resolve(".bases"));
        this.configs = new BaseConfig(workspaces.bases(), new RepositoryConfigParser());
        this.sandbox = sandbox;
        this.policy = policy;
        this.baseEnvironment = Map.copyOf(baseEnvironment);
        this.redactor = redactor;
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        this.results =
                new IdempotencyStore(root.resolve(".results"), json, executor, () -> clock.millis() * 1_000_000L);
        this.tools = new ToolInvoker(sandbox, policy, baseEnvironment, gateway, clock);
        this.checks = new CriterionChecks(sandbox, HttpClient.newHttpClient());
        this.testsOnlyGrow = new TestsOnlyGrow(workspaces, checks, baseCounts, root.resolve(".bases"), redactor);
        this.data = root.toAbsolutePath().normalize().getParent();
        this.toolchain = new RepositorySetup(sandbox, ceilings, data, checks, json);
        this.capacity = capacity;
        this.slots = new Semaphore(capacity);
    }

    /** Clarity's data directory: {@code workspaces/}, {@code caches/} (dependency caches and setup records). */
    public Path dataDirectory() {
        return data;
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
                    List<String> setup = switch (outcome) {
                        case PrepOutcome.Ready ready -> setUp(request, r);
                        case PrepOutcome.Adopted adopted -> setUp(request, r);
                        default -> List.of();
                    };
                    return switch (outcome) {
                        case PrepOutcome.Ready ready ->
                            new PrepResult.Ready(
                                    ready.branch(),
                                    ready.head(),
                                    concat(
                                            "branch " + ready.branch()
                                                    + (ready.created() ? " created at " : " checked out at ")
                                                    + ready.head(),
                                            setup));
                        case PrepOutcome.Adopted adopted ->
                            new PrepResult.Adopted(
                                    adopted.branch(),
                                    adopted.head(),
                                    adopted.personHead(),
                                    concat(
                                            "branch " + adopted.branch() + " checked out at " + adopted.head() + " on "
                                                    + request.personBranch() + " at " + adopted.personHead(),
                                            setup));
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
                    StepSettings stepSettings = toolchain.settings(config);
                    if (stepSettings instanceof StepSettings.Refused refusal) {
                        return refused(tool, refusal.reason());
                    }
                    StepSettings.Applied settings = (StepSettings.Applied) stepSettings;
                    List<String> files = FocusedContext.files(
                            ws,
                            request.taskTitle(),
                            request.parentContext(),
                            request.criteria(),
                            config.context().files());
                    String prompt = prompts.implement(
                            request.taskId(),
                            request.taskTitle(),
                            request.parentContext(),
                            request.criteria(),
                            request.promptHints(),
                            files);
                    ProtectedSnapshot guarded = ProtectedSnapshot.take(
                            ws,
                            ProtectedSet.of(
                                    request.protectedFiles(),
                                    config,
                                    request.criteria(),
                                    workspaces.baseTree(request.workspaceId())));
                    ToolRun run = tools.run(
                            new ToolCall(
                                    request.workspaceId(),
                                    ws,
                                    request.taskId(),
                                    request.taskTitle(),
                                    tool,
                                    0,
                                    prompt,
                                    config,
                                    request.maxTokens(),
                                    settings.resources(),
                                    settings.timeout(),
                                    files),
                            redactor);
                    Guarded touched = takeOut(request.workspaceId(), request.taskId(), ws, guarded, run);
                    String diff = redactor.redact(workspaces.diff(request.workspaceId()));
                    List<String> logs = new ArrayList<>(run.logs());
                    List<String> artifacts = new ArrayList<>(run.artifacts());
                    artifacts.add(new Artifacts(ws, request.taskId()).write("implement-diff.patch", diff));
                    if (diff.isBlank()) {
                        logs.add(0, "the tool changed nothing");
                    }
                    if (touched.any()) {
                        logs.add(0, touched.sentence());
                        return new ToolResult.Held(
                                run.tool(), touched.files(), touched.diff(), diff, logs, artifacts, run.usage());
                    }
                    return outcome(run, request.maxTokens(), !diff.isBlank(), diff, logs, artifacts);
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
                    StepSettings stepSettings = toolchain.settings(config);
                    if (stepSettings instanceof StepSettings.Refused refusal) {
                        return refused(tool, refusal.reason());
                    }
                    StepSettings.Applied settings = (StepSettings.Applied) stepSettings;
                    String before = workspaces.diff(request.workspaceId());
                    List<String> files = FocusedContext.files(
                            ws,
                            request.taskTitle(),
                            request.parentContext(),
                            request.criteria(),
                            config.context().files());
                    ProtectedSnapshot guarded = ProtectedSnapshot.take(
                            ws,
                            ProtectedSet.of(
                                    request.protectedFiles(),
                                    config,
                                    request.criteria(),
                                    workspaces.baseTree(request.workspaceId())));
                    String prompt = prompts.errorSolve(
                            request.taskId(),
                            request.taskTitle(),
                            request.parentContext(),
                            request.criteria(),
                            request.attempt(),
                            request.failures(),
                            FailureOutput.excerpts(ws, request.taskId(), request.failures(), redactor),
                            request.lastDiff(),
                            files);
                    ToolRun run = tools.run(
                            new ToolCall(
                                    request.workspaceId(),
                                    ws,
                                    request.taskId(),
                                    request.taskTitle(),
                                    tool,
                                    Math.max(1, request.attempt()),
                                    prompt,
                                    config,
                                    request.maxTokens(),
                                    settings.resources(),
                                    settings.timeout(),
                                    files),
                            redactor);
                    Guarded touched = takeOut(request.workspaceId(), request.taskId(), ws, guarded, run);
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
                    if (touched.any()) {
                        logs.add(0, touched.sentence());
                        return new ToolResult.Held(
                                run.tool(), touched.files(), touched.diff(), diff, logs, artifacts, run.usage());
                    }
                    return outcome(run, request.maxTokens(), changed, diff, logs, artifacts);
                }));
    }

    /** Refused before the tool ran: {@code .clarity.yml} is invalid, or names no such tool. */
    private static ToolResult refused(String tool, String reason) {
        return new ToolResult.Refused(tool, reason, "", List.of(reason), List.of());
    }

    /** The case of a tool's run: how the tool ended; a tool that finished changed the workspace or did not. */
    private static ToolResult outcome(
            ToolRun run, long maxTokens, boolean changed, String diff, List<String> logs, List<String> artifacts) {
        String tool = run.tool();
        var usage = run.usage();
        return switch (run.ending()) {
            case REFUSED -> new ToolResult.Refused(tool, run.summary(), diff, logs, artifacts, usage);
            case MISSING -> new ToolResult.Missing(tool, run.summary(), diff, logs, artifacts, usage);
            case TIMED_OUT -> new ToolResult.TimedOut(tool, diff, logs, artifacts, usage);
            case CANCELLED -> new ToolResult.Cancelled(tool, diff, logs, artifacts, usage);
            case FAILED -> new ToolResult.Failed(tool, diff, logs, artifacts, usage);
            case BUDGET_EXCEEDED ->
                new ToolResult.BudgetExceeded(tool, run.summary(), maxTokens, diff, logs, artifacts, usage);
            case FINISHED ->
                changed
                        ? new ToolResult.Changed(tool, diff, logs, artifacts, usage)
                        : new ToolResult.Unchanged(tool, diff, logs, artifacts, usage);
        };
    }

    /** The protected files a tool run changed, and their diff (redacted, bounded). */
    private record Guarded(List<String> files, String diff) {
        boolean any() {
            return !files.isEmpty();
        }

        String sentence() {
            return "the tool changed protected files (" + String.join(", ", files)
                    + "); the change was taken out of the workspace and waits for a person's approval";
        }
    }

    /**
     * Takes the tool's change to protected files ({@code .clarity.yml} among them) out of the workspace and keeps it
     * ({@link HeldChanges}); the artifacts Clarity wrote for the run are Clarity's. What the steps are allowed is read
     * at the base commit ({@link BaseConfig}), so an approved {@code .clarity.yml} is the item's work, never its rights.
     */
    private Guarded takeOut(String workspaceId, String taskId, Path ws, ProtectedSnapshot before, ToolRun run) {
        java.util.Set<String> ignored = new java.util.HashSet<>(run.artifacts());
        List<String> changed = before.changed(ignored);
        if (changed.isEmpty()) {
            return new Guarded(List.of(), "");
        }
        return new Guarded(changed, held.hold(workspaceId, taskId, ws, before, changed, redactor));
    }

    @Override
    public ReleaseResult release(ReleaseRequest request) {
        return results.once(
                request.workspaceId(),
                "release",
                request.idempotencyKey(),
                ReleaseResult.class,
                () -> step(request.workspaceId(), () -> {
                    Path ws = existing(request.workspaceId());
                    return new ReleaseResult(held.release(request.workspaceId(), request.taskId(), ws));
                }));
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
                    StepSettings stepSettings = toolchain.settings(config);
                    if (stepSettings instanceof StepSettings.Refused refusal) {
                        return new VerifyResult.Failed(
                                List.of(),
                                List.of(new Failure("sandbox", refusal.reason(), RepositoryConfig.FILE_NAME)),
                                List.of());
                    }
                    StepSettings.Applied settings = (StepSettings.Applied) stepSettings;
                    var standard = request.standardChecks()
                            ? standardChecks(request.workspaceId(), config)
                            : new StandardChecks(List.of(), List.of(), null, List.of());
                    List<String> commands = new ArrayList<>(config.commands());
                    commands.addAll(standard.commands());
                    CommandPolicy stepPolicy = policy.withCommands(commands);
                    CheckContext context = new CheckContext(
                            request.workspaceId(),
                            ws,
                            stepPolicy,
                            stepPolicy.environment(toolchain.environment(request.workspaceId(), baseEnvironment)),
                            settings.timeout(),
                            false, // check steps reach nothing: an http criterion is sent from the runner
                            redactor,
                            new Artifacts(ws, request.taskId()),
                            settings.resources(),
                            toolchain.cacheDirectories(request.workspaceId()));
                    List<CriterionSpec> all = new ArrayList<>(standard.checks());
                    all.addAll(request.criteria());
                    List<String> own = new ArrayList<>(request.ownFiles());
                    own.addAll(request.protectedFiles().own());
                    ProtectedSet guard = ProtectedSet.of(
                            new ProtectedFiles(
                                    own,
                                    request.protectedFiles().named(),
                                    request.protectedFiles().approved()),
                            config,
                            all,
                            workspaces.baseTree(request.workspaceId()));
                    ProtectedSnapshot before = ProtectedSnapshot.take(ws, guard);
                    List<String> passed = new ArrayList<>();
                    List<Failure> failed = new ArrayList<>();
                    List<String> artifacts = new ArrayList<>();
                    List<CriterionReport> reports = new ArrayList<>();
                    if (request.workRequired() && noWork(request, guard)) {
                        failed.add(Failure.noWork());
                    }
                    if (request.workRequired()) {
                        failed.addAll(testsOnlyGrow.deleted(request.workspaceId(), config));
                    }
                    var setup = toolchain.setup(
                            request.workspaceId(),
                            ws,
                            request.taskId(),
                            workspaces.bases().recorded(request.workspaceId()),
                            standard.setup(),
                            stepPolicy,
                            baseEnvironment,
                            settings,
                            config,
                            redactor);
                    for (var step : setup.map(SetupRecords.Outcome::steps).orElse(List.of())) {
                        if (step.passed()) {
                            passed.add(step.key());
                        } else {
                            failed.add(new Failure(step.key(), step.summary(), null));
                        }
                    }
                    if (all.isEmpty()) { // a setup step that ran is no check: it verifies nothing
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
                        if (request.workRequired()
                                && criterion.key().startsWith("standard.test")
                                && result.passed()
                                && result.counts() != null) {
                            result = testsOnlyGrow.counted(request, criterion, standard.checks(), context, result);
                        }
                        if (result.evidence() != null) {
                            artifacts.add(result.evidence());
                        }
                        if (result.passed()) {
                            passed.add(result.key());
                        } else {
                            failed.add(new Failure(result.key(), redactor.redact(result.summary()), result.location()));
                        }
                        reports.add(new CriterionReport(
                                result.key(),
                                result.passed(),
                                redactor.redact(result.summary()),
                                redactor.redact(result.excerpt()),
                                result.failureLocations().stream()
                                        .map(l -> new SourceLocation(l.path(), l.line(), redactor.redact(l.message())))
                                        .toList()));
                        // no check changes what a later one runs, nor Clarity's files: the evidence aside
                        before.restore(before.changed(List.of()).stream()
                                .filter(p -> !p.startsWith(GitWorkspaces.ARTIFACTS_DIR + "/"))
                                .toList());
                    }
                    if (!failed.isEmpty() || !request.assessRisk()) {
                        return VerifyResult.of(passed, failed, artifacts, reports);
                    }
                    String diff = workspaces.diff(request.workspaceId());
                    java.util.Set<String> clarityOwn = java.util.Set.copyOf(own);
                    List<Risk> risks = DiffRisks.assess(
                            diff,
                            config.risk(),
                            path -> workspaces.bases().read(request.workspaceId(), path),
                            redactor,
                            clarityOwn::contains);
                    return new VerifyResult.Passed(passed, artifacts, risks, digest(diff), reports);
                }));
    }

    /**
     * True when the workspace's net change against the item's base is empty once Clarity's own files and the other
     * protected files are left out: a change confined to protected files is not work (files a person approved are).
     */
    private boolean noWork(VerifyRequest request, ProtectedSet guard) {
        java.util.Set<String> own = new java.util.HashSet<>(request.ownFiles());
        own.add(RepositoryConfig.FILE_NAME);
        return workspaces.changedSinceBase(request.workspaceId(), own).stream().noneMatch(guard::isWork);
    }

    private static String digest(String diff) {
        try {
            return java.util.HexFormat.of()
                    .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                            .digest(diff.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * The standard checks of a task leaf or an {@code A} line: {@code .clarity.yml}'s {@code checks}; with none, the
     * tests of the build found at the base commit (never in the work tree a tool edited), whose program is then
     * allowed; with no build either, no check and {@link BuildDetector#ADVICE}.
     */
    private StandardChecks standardChecks(String workspaceId, RepositoryConfig config) {
        List<CriterionSpec> all = new ArrayList<>();
        addStandard(all, "build", config.checks().build());
        addStandard(all, "test", config.checks().test());
        List<List<String>> setup = config.checks().setup();
        if (!all.isEmpty()) {
            return new StandardChecks(all, List.of(), null, setup);
        }
        // a configured setup alone verifies nothing: the detected build's tests are the check, after that setup
        return switch (BuildDetector.detect(workspaces.baseTree(workspaceId))) {
            case BuildDetection.Found found -> {
                addStandard(all, "test", List.of(found.build().testCommand()));
                yield new StandardChecks(
                        all,
                        found.build().commands(),
                        null,
                        setup.isEmpty() ? found.build().setup().map(List::of).orElse(List.of()) : setup);
            }
            case BuildDetection.NotFound none -> new StandardChecks(List.of(), List.of(), none.advice(), setup);
        };
    }

    /**
     * Standard checks to run, the programs they need allowed, the advice when there are none, and the setup commands
     * (run once per workspace and base, {@link RepositorySetup}).
     */
    private record StandardChecks(
            List<CriterionSpec> checks, List<String> commands, String advice, List<List<String>> setup) {}

    /**
     * After a PREP that checked the item's branch out: records the workspace's repository (its dependency cache) and
     * runs {@code checks.setup} at the new base unless it ran there already; returns a sentence for the log.
     */
    private List<String> setUp(PrepRequest request, Redactor r) {
        String id = request.workspaceId();
        toolchain.assign(id, request.repoUrl());
        if (!(configs.read(id) instanceof ConfigParse.Parsed parsed)) {
            return List.of(); // VERIFY reports the invalid config
        }
        RepositoryConfig config = parsed.config();
        StepSettings stepSettings = toolchain.settings(config);
        if (stepSettings instanceof StepSettings.Refused refusal) {
            return List.of(refusal.reason());
        }
        StepSettings.Applied settings = (StepSettings.Applied) stepSettings;
        StandardChecks standard = standardChecks(id, config);
        List<String> commands = new ArrayList<>(config.commands());
        commands.addAll(standard.commands());
        var outcome = toolchain.setup(
                id,
                workspaces.directory(id),
                request.taskId(),
                workspaces.bases().recorded(id),
                standard.setup(),
                policy.withCommands(commands),
                baseEnvironment,
                settings,
                config,
                r);
        return outcome.map(o -> List.of("setup " + (o.passed() ? "passed" : "failed") + " at " + o.base() + ": "
                        + String.join(
                                "; ",
                                o.steps().stream()
                                        .map(step -> step.key() + " " + step.summary())
                                        .toList())))
                .orElse(List.of());
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return all;
    }

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

    /** Takes the workspace's lock (no file is read mid-step) but no sandbox slot: nothing runs. */
    @Override
    public StandardCheck standardCheck(String workspaceId) {
        workspaces.directory(workspaceId); // validates the id
        try (var held = locks.hold(workspaceId)) {
            existing(workspaceId);
            if (!(configs.read(workspaceId) instanceof ConfigParse.Parsed parsed)) {
                return new StandardCheck.Configured(); // VERIFY fails it with the file's own sentence
            }
            var checks = parsed.config().checks();
            // checks.setup installs dependencies: it verifies nothing, so alone it is no check
            if (!checks.build().isEmpty() || !checks.test().isEmpty()) {
                return new StandardCheck.Configured();
            }
            return switch (BuildDetector.detect(workspaces.baseTree(workspaceId))) {
                case BuildDetection.Found found ->
                    new StandardCheck.Detected(
                            found.build().name(),
                            found.build().testCommand(),
                            found.build().evidence());
                case BuildDetection.NotFound none -> new StandardCheck.NotFound(none.advice());
            };
        }
    }

    /** How many times this runner ran a check on a base commit to measure its test counts (kept afterwards). */
    public int baseMeasurements() {
        return baseCounts.measurements();
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
    public RunnerUsage usage() {
        return new RunnerUsage(sandbox.usage());
    }

    @Override
    public void cancel(String workspaceId) {
        sandbox.cancel(workspaceId);
        tools.cancel(workspaceId);
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
