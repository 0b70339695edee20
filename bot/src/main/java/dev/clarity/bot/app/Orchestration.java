package dev.clarity.bot.app;

import dev.clarity.bot.orchestrator.ExecutionLoop;
import dev.clarity.bot.orchestrator.ExecutionSnapshot;
import dev.clarity.bot.orchestrator.ExecutionStore;
import dev.clarity.bot.orchestrator.ItemPublisher;
import dev.clarity.bot.orchestrator.JooqExecutionStore;
import dev.clarity.bot.orchestrator.Orchestrator;
import dev.clarity.bot.orchestrator.OrchestratorControls;
import dev.clarity.bot.orchestrator.PlacedRunners;
import dev.clarity.bot.orchestrator.Placement;
import dev.clarity.bot.orchestrator.RepoSettingsReader;
import dev.clarity.bot.orchestrator.RunnerWorkspaceFiles;
import dev.clarity.bot.orchestrator.StepMeters;
import dev.clarity.bot.orchestrator.StepTimer;
import dev.clarity.bot.orchestrator.UsageAccount;
import dev.clarity.bot.orchestrator.WorkspaceFiles;
import dev.clarity.bot.orchestrator.steps.StepKit;
import dev.clarity.bot.orchestrator.steps.Steps;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.runner.api.GitCredentials;
import dev.clarity.runner.api.Runner;
import dev.clarity.runner.api.ToolResult;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.InstantSource;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The orchestrator wired for one process: store, execution loop, scheduler threads and the controls that the
 * CLI, the comment commands and the dashboard share. {@link #close()} drains (see {@link Orchestrator#close()}).
 */
public final class Orchestration implements AutoCloseable {
    /** How long a lease lasts without a heartbeat; a killed process's executions are resumed after this. */
    public static final Duration LEASE = Duration.ofSeconds(15);

    private final ExecutionStore store;
    private final Orchestrator orchestrator;
    private final OrchestratorControls controls;

    private Orchestration(ExecutionStore store, Orchestrator orchestrator, OrchestratorControls controls) {
        this.store = store;
        this.orchestrator = orchestrator;
        this.controls = controls;
    }

    /**
     * With one runner (the in-process one) for every execution; {@code files} reach its workspaces. For a process
     * whose only user of the store is the orchestrator ({@code clarity run}).
     */
    public static Orchestration start(
            Database db,
            Runner runner,
            WorkspaceFiles files,
            ItemPublisher publisher,
            Function<ExecutionSnapshot, GitCredentials> credentials,
            int slots,
            InstantSource clock) {
        return start(
                db,
                runner,
                files,
                publisher,
                credentials,
                slots,
                clock,
                dev.clarity.runner.redaction.KnownSecrets.shapesOnly(),
                UsageAccount.NONE);
    }

    /**
     * As the other {@code start}, with event messages redacted of {@code secrets} too, accounting for what tools use
     * and enforcing budgets through {@code usage}.
     */
    public static Orchestration start(
            Database db,
            Runner runner,
            WorkspaceFiles files,
            ItemPublisher publisher,
            Function<ExecutionSnapshot, GitCredentials> credentials,
            int slots,
            InstantSource clock,
            dev.clarity.runner.redaction.KnownSecrets secrets,
            UsageAccount usage) {
        JooqExecutionStore store = new JooqExecutionStore(db.dsl(), clock, secrets);
        return start(
                db,
                store,
                runner,
                files,
                publisher,
                credentials,
                slots,
                clock,
                () -> Placement.NONE,
                usage,
                StepMeters.NONE);
    }

    /**
     * On {@code runners}, with {@code store}, the process's one store, which other parts (the GitHub publisher)
     * share. With remote runners, each execution is placed on the runner with free slots when it is claimed, and
     * every later step and file access goes to that runner ({@link PlacedRunners}, {@link RunnerWorkspaceFiles}).
     * Steps and tool runs are counted on {@code meters}.
     */
    static Orchestration start(
            Database db,
            JooqExecutionStore store,
            RunnerSide runners,
            ItemPublisher publisher,
            Function<ExecutionSnapshot, GitCredentials> credentials,
            int slots,
            InstantSource clock,
            UsageAccount usage,
            StepMeters meters) {
        return switch (runners) {
            case RunnerSide.InProcess local ->
                start(
                        db,
                        store,
                        local.runner(),
                        local.files(),
                        publisher,
                        credentials,
                        slots,
                        clock,
                        () -> Placement.NONE,
                        usage,
                        meters);
            case RunnerSide.Remote remote -> {
                PlacedRunners placed = new PlacedRunners(remote.pool(), store);
                yield start(
                        db,
                        store,
                        placed,
                        new RunnerWorkspaceFiles(placed),
                        publisher,
                        credentials,
                        slots,
                        clock,
                        remote.pool()::survey,
                        usage,
                        meters);
            }
        };
    }

    private static Orchestration start(
            Database db,
            ExecutionStore store,
            Runner runner,
            WorkspaceFiles files,
            ItemPublisher publisher,
            Function<ExecutionSnapshot, GitCredentials> credentials,
            int slots,
            InstantSource clock,
            Supplier<? extends Placement> placement,
            UsageAccount usage,
            StepMeters meters) {
        if (db.location() instanceof DatabaseLocation.Embedded) {
            store.expireAllLeases(); // the data directory lock makes this process the only one: old owners are dead
        }
        // two threads: a claim round that waits for a slow runner's /healthz must not hold up the lease heartbeat
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(
                2, Thread.ofPlatform().name("clarity-scheduler-", 1).daemon().factory());
        // the model usage a tool result reports comes from the runner's model gateway; until a runner reports it, none
        ExecutionLoop loop = Steps.loop(
                new StepKit(
                        store,
                        runner,
                        files,
                        publisher,
                        credentials,
                        clock,
                        Thread::sleep,
                        usage,
                        ToolResult::usage,
                        StepTimer.on(timer),
                        meters),
                new RepoSettingsReader(files));
        ExecutorService workers = Executors.newFixedThreadPool(
                slots,
                Thread.ofPlatform().name("clarity-execution-", 1).daemon().factory());
        String owner = ManagementFactory.getRuntimeMXBean().getName() + "/"
                + UUID.randomUUID().toString().substring(0, 8);
        Orchestrator orchestrator =
                new Orchestrator(store, loop, runner, owner, slots, LEASE, timer, workers, placement);
        OrchestratorControls controls = new OrchestratorControls(db.dsl(), store, orchestrator, clock);
        orchestrator.start();
        return new Orchestration(store, orchestrator, controls);
    }

    public ExecutionStore store() {
        return store;
    }

    public OrchestratorControls controls() {
        return controls;
    }

    public Orchestrator orchestrator() {
        return orchestrator;
    }

    @Override
    public void close() {
        orchestrator.close();
    }
}
