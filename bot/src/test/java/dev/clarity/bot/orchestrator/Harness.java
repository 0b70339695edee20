package dev.clarity.bot.orchestrator;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;

import dev.clarity.bot.orchestrator.steps.StepKit;
import dev.clarity.bot.orchestrator.steps.Steps;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.migrations.Database;
import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import dev.clarity.vocabulary.Badge;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.Predicate;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/** The orchestrator wired as the application wires it, over a real database and real git repositories. */
final class Harness implements AutoCloseable {
    static final Actor ANA = new Actor("ana", "cli");

    final Database db;
    final Path dir;
    final JooqExecutionStore store;
    final ScriptedRunner runner;
    final Orchestrator orchestrator;
    final OrchestratorControls controls;
    private final Object changed = new Object();
    private List<String> gates = List.of();
    private List<CriterionSpec> defaults = List.of();
    private volatile dev.clarity.runner.config.BudgetConfig budget = dev.clarity.runner.config.BudgetConfig.DEFAULT;
    /** What each tool step's result reports of model usage; none by default. */
    volatile java.util.function.Function<dev.clarity.runner.api.ToolResult, List<dev.clarity.runner.api.ModelUsage>>
            usageOf = r -> List.of();
    /** The meters the usage ledger counts tokens and cost on. */
    final io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

    final dev.clarity.bot.usage.JooqUsageLedger usage;
    /** What the publisher's {@code pushed} does; by default nothing (local mode). */
    volatile java.util.function.Function<ItemPublisher.PushedItem, String> onPushed = item -> null;
    /** The waits the loop asked for between attempts at a write; none of them is slept. */
    final List<Duration> pauses = new java.util.concurrent.CopyOnWriteArrayList<>();

    Harness(Database db, Path dir, ScriptedRunner.Tool tool, int slots) {
        this(db, dir, tool, slots, null);
    }

    /**
     * @param settings reads a workspace's settings; null for fixed ones (the paths above, the execution's merge
     *     policy, {@link #defaults} and {@link #gates})
     */
    Harness(
            Database db,
            Path dir,
            ScriptedRunner.Tool tool,
            int slots,
            java.util.function.Function<
                            WorkspaceFiles, java.util.function.BiFunction<String, ExecutionSnapshot, RepoSettings>>
                    settings) {
        IsolatedGitConfig.install();
        this.db = db;
        this.dir = dir;
        this.store = new JooqExecutionStore(db.dsl(), InstantSource.system());
        this.runner = new ScriptedRunner(dir.resolve("workspaces"), tool);
        ItemPublisher publisher = new ItemPublisher() {
            @Override
            public void started(ExecutionSnapshot execution, String taskId, String title) {}

            @Override
            public String pushed(ExecutionSnapshot e, ItemPublisher.PushedItem item) {
                return onPushed.apply(item);
            }

            @Override
            public void progressed(ExecutionSnapshot execution, String note) {
                signal();
            }
        };
        WorkspaceFiles files = new LocalWorkspaceFiles(dir.resolve("workspaces"));
        this.usage = new dev.clarity.bot.usage.JooqUsageLedger(
                db.dsl(),
                dev.clarity.bot.usage.PriceTable.defaults(),
                new dev.clarity.bot.usage.UsageMeters(meters),
                InstantSource.system());
        java.util.concurrent.ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        ExecutionLoop loop = Steps.loop(
                new StepKit(
                        store,
                        runner,
                        files,
                        publisher,
                        snap -> null,
                        InstantSource.system(),
                        pauses::add,
                        usage,
                        r -> usageOf.apply(r),
                        StepTimer.on(timer)),
                settings != null
                        ? settings.apply(files)
                        : (ws, snap) -> new RepoSettings(
                                "tasks_list.md", "task_outcomes.md", snap.mergePolicy(), defaults, gates, budget));
        this.orchestrator = new Orchestrator(
                store,
                loop,
                runner,
                "test-" + System.nanoTime(),
                slots,
                Duration.ofSeconds(30),
                Executors.newSingleThreadScheduledExecutor(),
                Executors.newFixedThreadPool(slots));
        this.controls = new OrchestratorControls(db.dsl(), store, orchestrator, InstantSource.system());
        orchestrator.start();
    }

    void gates(List<String> g) {
        gates = g;
    }

    void budget(dev.clarity.runner.config.BudgetConfig b) {
        budget = b;
    }

    void defaults(List<CriterionSpec> d) {
        defaults = d;
    }

    void signal() {
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    /** Waits (with a deadline, woken by every transition) until the execution satisfies {@code condition}. */
    ExecutionSnapshot await(long executionId, Predicate<ExecutionSnapshot> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        synchronized (changed) {
            while (true) {
                ExecutionSnapshot s = store.find(executionId).orElseThrow();
                if (condition.test(s)) {
                    return s;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("execution " + executionId + " did not get there; it is " + s);
                }
                changed.wait(Math.max(1, Math.min(200, left / 1_000_000)));
            }
        }
    }

    ExecutionSnapshot awaitHeld(long executionId) throws InterruptedException {
        return await(executionId, s -> !s.badge().isRunning() && s.badge() != Badge.QUEUED);
    }

    long project(String name, Path origin) {
        long customer = db.dsl()
                .insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                .values(name, name)
                .onConflictDoNothing()
                .returning(CUSTOMERS.ID)
                .fetchOptional(CUSTOMERS.ID)
                .orElseGet(() -> db.dsl()
                        .select(CUSTOMERS.ID)
                        .from(CUSTOMERS)
                        .where(CUSTOMERS.SLUG.eq(name))
                        .fetchSingle(CUSTOMERS.ID));
        return db.dsl()
                .insertInto(
                        PROJECTS,
                        PROJECTS.CUSTOMER_ID,
                        PROJECTS.NAME,
                        PROJECTS.REPOSITORY,
                        PROJECTS.CLONE_URL,
                        PROJECTS.DEFAULT_BRANCH)
                .values(customer, name, origin.toString(), origin.toUri().toString(), "main")
                .returning(PROJECTS.ID)
                .fetchOne(PROJECTS.ID);
    }

    long start(long project, String stopAfter) {
        var o = controls.start(new StartRequest(project, ANA, stopAfter, null, null, null, null));
        return ((dev.clarity.dashboard.controls.ControlOutcome.Accepted) o).executionId();
    }

    /** A repository with {@code tasks_list.md} committed on {@code main}. */
    static Path origin(Path dir, String taskList) throws Exception {
        Files.createDirectories(dir);
        try (Git git =
                Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("tasks_list.md"), taskList);
            git.add().addFilepattern(".").call();
            PersonIdent ident = new PersonIdent("Planner", "planner@example.com");
            git.commit()
                    .setMessage("Plan")
                    .setAuthor(ident)
                    .setCommitter(ident)
                    .setSign(false)
                    .call();
        }
        return dir;
    }

    static String fileAt(Path repo, String branch, String path) throws IOException {
        try (Repository r = Git.open(repo.toFile()).getRepository();
                RevWalk walk = new RevWalk(r)) {
            RevCommit c = walk.parseCommit(r.resolve("refs/heads/" + branch));
            try (TreeWalk tw = TreeWalk.forPath(r, path, c.getTree())) {
                return tw == null ? null : new String(r.open(tw.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    static String messageAt(Path repo, String branch) throws IOException {
        try (Repository r = Git.open(repo.toFile()).getRepository();
                RevWalk walk = new RevWalk(r)) {
            return walk.parseCommit(r.resolve("refs/heads/" + branch))
                    .getFullMessage()
                    .strip();
        }
    }

    static List<String> branches(Path repo) throws Exception {
        try (Git git = Git.open(repo.toFile())) {
            return git.branchList().call().stream()
                    .map(b -> b.getName().substring("refs/heads/".length()))
                    .sorted()
                    .toList();
        }
    }

    @Override
    public void close() {
        orchestrator.close();
    }
}
