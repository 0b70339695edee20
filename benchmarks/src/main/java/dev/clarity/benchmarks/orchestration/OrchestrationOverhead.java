package dev.clarity.benchmarks.orchestration;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.TASK_RUNS;

import dev.clarity.bot.app.Orchestration;
import dev.clarity.bot.orchestrator.ItemPublisher;
import dev.clarity.bot.orchestrator.LocalWorkspaceFiles;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.vocabulary.Badge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * Orchestration overhead per task with 1, 5 and 20 executions in parallel: each execution works through a list of
 * 10 leaves with a tool that returns at once, so a task's duration (first transition to DONE) is the orchestrator's
 * own cost plus real git prep, commit and push. Prints p50 and p95 per parallelism. Target: p95 &lt; 1 s at 20.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar dev.clarity.benchmarks.orchestration.OrchestrationOverhead}
 */
public final class OrchestrationOverhead {
    private static final int TASKS = 10;

    private OrchestrationOverhead() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("clarity-overhead");
        try (Database db = Database.open(new DatabaseLocation.Embedded(dir.resolve("data"), false), 50, null)) {
            for (int parallel : new int[] {1, 5, 20}) {
                List<Long> millis = round(db, dir.resolve("round-" + parallel), parallel);
                Collections.sort(millis);
                System.out.printf(
                        "ORCHESTRATION_OVERHEAD parallel=%d tasks=%d p50_ms=%d p95_ms=%d max_ms=%d%n",
                        parallel, millis.size(), pct(millis, 50), pct(millis, 95), millis.getLast());
            }
        }
    }

    private static List<Long> round(Database db, Path dir, int parallel) throws Exception {
        Path workspaces = dir.resolve("workspaces");
        List<Long> ids = new ArrayList<>();
        try (Orchestration o = Orchestration.start(
                db,
                new InstantRunner(workspaces),
                new LocalWorkspaceFiles(workspaces),
                ItemPublisher.NONE,
                s -> null,
                parallel,
                InstantSource.system())) {
            for (int i = 0; i < parallel; i++) {
                Path origin = origin(dir.resolve("origin-" + i));
                String slug = dir.getFileName() + "-" + i;
                long customer = db.dsl()
                        .insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                        .values(slug, slug)
                        .returning(CUSTOMERS.ID)
                        .fetchOne(CUSTOMERS.ID);
                long project = db.dsl()
                        .insertInto(
                                PROJECTS,
                                PROJECTS.CUSTOMER_ID,
                                PROJECTS.NAME,
                                PROJECTS.REPOSITORY,
                                PROJECTS.CLONE_URL,
                                PROJECTS.DEFAULT_BRANCH)
                        .values(
                                customer,
                                slug,
                                origin.toString(),
                                origin.toUri().toString(),
                                "main")
                        .returning(PROJECTS.ID)
                        .fetchOne(PROJECTS.ID);
                var started = o.controls()
                        .start(new StartRequest(project, new Actor("bench", "cli"), null, null, null, null, null));
                ids.add(((ControlOutcome.Accepted) started).executionId());
            }
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            for (long id : ids) {
                while (o.store().find(id).orElseThrow().badge() != Badge.COMPLETED) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("execution " + id + " did not complete");
                    }
                    Thread.sleep(50); // benchmark driver polling, not a test
                }
            }
        }
        return db.dsl()
                .select(TASK_RUNS.STARTED_AT, TASK_RUNS.FINISHED_AT)
                .from(TASK_RUNS)
                .where(TASK_RUNS.EXECUTION_ID.in(ids))
                .fetch(r -> Duration.between(r.value1(), r.value2()).toMillis());
    }

    private static Path origin(Path dir) throws Exception {
        Files.createDirectories(dir);
        StringBuilder plan = new StringBuilder("## Phase 1 — Bench\n- 1.1 Bench\n");
        for (int t = 1; t <= TASKS; t++) {
            plan.append("  - 1.1.").append(t).append(" Make file ").append(t).append('\n');
        }
        try (Git git =
                Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
            Files.writeString(dir.resolve("tasks_list.md"), plan);
            git.add().addFilepattern(".").call();
            PersonIdent ident = new PersonIdent("Bench", "bench@example.com");
            git.commit()
                    .setMessage("plan")
                    .setAuthor(ident)
                    .setCommitter(ident)
                    .setSign(false)
                    .call();
        }
        return dir;
    }

    private static long pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
