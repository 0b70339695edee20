package dev.clarity.bot.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarity.bot.app.InProcessRunner;
import dev.clarity.bot.app.Json;
import dev.clarity.bot.app.LocalProjects;
import dev.clarity.bot.app.LogSetup;
import dev.clarity.bot.app.Orchestration;
import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.orchestrator.ExecutionEvent;
import dev.clarity.bot.orchestrator.ExecutionSnapshot;
import dev.clarity.bot.orchestrator.ExecutionStore;
import dev.clarity.bot.orchestrator.ItemPublisher;
import dev.clarity.bot.orchestrator.JooqExecutionStore;
import dev.clarity.bot.orchestrator.LocalWorkspaceFiles;
import dev.clarity.bot.orchestrator.Mark;
import dev.clarity.bot.orchestrator.OrchestratorControls;
import dev.clarity.bot.orchestrator.Scheduling;
import dev.clarity.bot.orchestrator.TaskRunRecord;
import dev.clarity.bot.usage.JooqUsageLedger;
import dev.clarity.bot.usage.PriceTable;
import dev.clarity.bot.usage.UsageMeters;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseStartException;
import dev.clarity.runner.redaction.KnownSecrets;
import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.MergePolicy;
import dev.clarity.vocabulary.Step;
import dev.clarity.vocabulary.Tool;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./clarity run}: one execution on a local repository or git URL, without GitHub. Progress goes to standard
 * error, the summary to standard output. Running it again on the same repository resumes the execution.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        resourceBundle = "dev.clarity.bot.cli.RunHelp",
        description = "Local mode: one execution on a local repository or git URL, no GitHub.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REPO", description = "a local repository path or a git URL")
    String repo;

    @Option(names = "--stop-after", paramLabel = "ID", description = "finish this item, then pause")
    String stopAfter;

    @Option(names = "--tool", paramLabel = "NAME", descriptionKey = RunHelp.TOOL)
    String tool;

    @Option(names = "--merge-policy", paramLabel = "P", descriptionKey = RunHelp.MERGE_POLICY)
    String mergePolicy;

    @Option(names = "--json", description = "print the summary as JSON")
    boolean json;

    /** Set at the start of {@link #call}: the secrets the summary never prints. */
    private KnownSecrets secrets = KnownSecrets.shapesOnly();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (tool != null && Tool.find(tool).isEmpty()) {
            err.println("clarity: --tool must be " + Tool.alternatives() + ", got \"" + tool + "\"");
            return ExitCodes.BAD_INPUT;
        }
        if (mergePolicy != null && MergePolicy.find(mergePolicy).isEmpty()) {
            err.println(
                    "clarity: --merge-policy must be " + MergePolicy.alternatives() + ", got \"" + mergePolicy + "\"");
            return ExitCodes.BAD_INPUT;
        }
        ClarityConfig config = EnvironmentConfig.fromSystem();
        // what the summary, the progress lines and the event rows redact: the deployment's and the environment's
        secrets = new KnownSecrets(InProcessRunner.secretsOf(config, System.getenv()));
        LogSetup.apply(config.logFormat());
        InstantSource clock = InstantSource.system();
        Instant started = clock.instant();
        try (Database db = Database.openBeside(config.database(), 8, null)) {
            if (db.joined() && !ServeMarker.alive(config.dataDir())) {
                throw new DatabaseStartException("The data directory " + config.dataDir()
                        + " is in use by another Clarity process that is not a server (another clarity run?); wait"
                        + " for it to end, or set CLARITY_DATA_DIR to another directory (for example"
                        + " CLARITY_DATA_DIR=/tmp/clarity-2).");
            }
            var resolution = LocalProjects.resolve(db.dsl(), repo);
            if (resolution instanceof LocalProjects.Resolution.Invalid invalid) {
                err.println("clarity: " + invalid.message());
                return ExitCodes.BAD_INPUT;
            }
            var found = (LocalProjects.Resolution.Found) resolution;
            long project = found.projectId();
            if (db.joined()) {
                // a server owns the data directory: it runs the execution, this command follows it in the database
                err.println("clarity: the Clarity server on " + config.dataDir() + " runs this; following it here");
                JooqExecutionStore store = new JooqExecutionStore(db.dsl(), clock);
                return follow(
                        store,
                        new OrchestratorControls(db.dsl(), store, Scheduling.ELSEWHERE, clock),
                        project,
                        new Semaphore(0),
                        started,
                        clock);
            }
            var workspaces = config.dataDir().resolve("workspaces");
            Semaphore moved = new Semaphore(0);
            ItemPublisher wakeOnProgress = new ItemPublisher() {
                @Override
                public void started(ExecutionSnapshot execution, String taskId, String title) {}

                @Override
                public String pushed(ExecutionSnapshot e, ItemPublisher.PushedItem item) {
                    return null;
                }

                @Override
                public void progressed(ExecutionSnapshot execution, String note) {
                    moved.release();
                }
            };
            try (InProcessRunner runner = InProcessRunner.create(config, workspaces, clock);
                    Orchestration orchestration = Orchestration.start(
                            db,
                            runner.runner(),
                            new LocalWorkspaceFiles(workspaces),
                            wakeOnProgress,
                            s -> found.credentials(),
                            1,
                            clock,
                            secrets,
                            new JooqUsageLedger(
                                    db.dsl(),
                                    PriceTable.defaultsWith(config.modelPrices().orElse(null)),
                                    new UsageMeters(new SimpleMeterRegistry()),
                                    clock))) {
                return follow(orchestration.store(), orchestration.controls(), project, moved, started, clock);
            }
        }
    }

    /**
     * Starts the project's execution (or resumes the one that is not finished), prints its events until it stops
     * running, then the summary. {@code moved} is released on each transition when this process drives it; when a
     * server does, nothing releases it and the events are read every half second.
     */
    private int follow(
            ExecutionStore store,
            OrchestratorControls controls,
            long project,
            Semaphore moved,
            Instant started,
            InstantSource clock)
            throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        Actor me = new Actor(System.getProperty("user.name", "local"), "cli");
        long id;
        var existing = store.current(project);
        // a queued execution is this command's too (a run killed right after it queued one): wait for it
        // rather than queue a second one behind it
        if (existing.isPresent()) {
            id = existing.get().id();
            if (stopAfter != null) {
                controls.stopAfter(id, stopAfter, me);
            }
            if (existing.get().badge() != Badge.QUEUED
                    && !existing.get().badge().isRunning()) {
                ControlOutcome resumed = controls.resume(id, me);
                err.println("clarity: run " + id + ": " + resumed.message());
                if (resumed instanceof ControlOutcome.Refused) {
                    return summary(store, id, started, clock);
                }
            }
        } else {
            ControlOutcome o = controls.start(new StartRequest(project, me, stopAfter, null, tool, mergePolicy, null));
            if (!(o instanceof ControlOutcome.Accepted a)) {
                err.println("clarity: " + o.message());
                return ExitCodes.BAD_INPUT;
            }
            id = a.executionId();
        }
        Thread hook = new Thread(
                () -> {
                    controls.stop(id, me);
                    awaitHeld(store, id, moved, Duration.ofSeconds(5));
                },
                "clarity-run-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
        Progress progress = new Progress(err, System.console() != null, started, clock);
        long seq = 0;
        while (true) {
            // the state first, then the events: a transition commits with its event, so an end seen here has
            // its event in the list below and is printed before the loop stops
            ExecutionSnapshot s = store.find(id).orElseThrow();
            for (ExecutionEvent e : store.events(id)) {
                if (e.seq() > seq) {
                    seq = e.seq();
                    progress.event(e, store.find(id).orElseThrow());
                }
            }
            if (!s.badge().isRunning() && s.badge() != Badge.QUEUED) {
                break;
            }
            // woken by every transition; tool output between transitions shows within half a second
            moved.tryAcquire(500, TimeUnit.MILLISECONDS);
            moved.drainPermits();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and records the stop
        }
        return summary(store, id, started, clock);
    }

    /** Ctrl-C: waits (at most {@code max}) for the loop to record STOPPED, woken by its transition. */
    private static void awaitHeld(ExecutionStore store, long id, Semaphore moved, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                Optional<ExecutionSnapshot> s = store.find(id);
                if (s.isEmpty() || !s.get().badge().isRunning()) {
                    return;
                }
                moved.tryAcquire(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int summary(ExecutionStore o, long id, Instant started, InstantSource clock) {
        ExecutionSnapshot s = o.find(id).orElseThrow();
        List<TaskRunRecord> runs = o.taskRuns(id);
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("execution", id);
        out.put("badge", s.badge().spelling());
        ArrayNode done = out.putArray("tasksDone");
        ArrayNode skipped = out.putArray("skipped");
        ArrayNode branches = out.putArray("branches");
        ArrayNode commits = out.putArray("commits");
        ArrayNode byPeople = out.putArray("completedByPeople");
        for (TaskRunRecord r : runs) {
            if (Step.DONE.name().equals(r.step())) {
                done.add(r.taskId());
                if (r.personCommit() != null) {
                    ObjectNode person = byPeople.addObject();
                    person.put("task", r.taskId());
                    person.put("by", r.pushedBy() == null || r.pushedBy().isBlank() ? null : r.pushedBy());
                    person.put("commit", r.personCommit());
                }
            }
            if (Step.SKIPPED.name().equals(r.step())
                    || o.marked(id, Mark.SKIPPED).contains(r.taskId())) {
                skipped.add(r.taskId());
            }
            if (r.branch() != null) {
                branches.add(r.branch());
            }
            if (r.commit() != null) {
                commits.add(r.commit());
            }
        }
        // one sentence for every ended execution (the note of the transition that ended it), the same the page,
        // the progress comment and the check run show; the last event only for a database from before it was kept
        String reason = s.reason().orElseGet(() -> lastMessage(o, id));
        out.put("reason", reason);
        if (s.badge() == Badge.BLOCKED) {
            ObjectNode blocked = out.putObject("blocked");
            blocked.put("task", s.cursor().taskId());
            blocked.put("step", s.cursor().step().name());
            blocked.put("reason", reason);
        } else {
            out.putNull("blocked");
        }
        // a run that found every item done already (a rerun of a completed list) did nothing, and says so
        boolean nothingToDo = s.badge() == Badge.COMPLETED && runs.isEmpty();
        out.put("nothingToDo", nothingToDo);
        out.put("durationSeconds", Duration.between(started, clock.instant()).toMillis() / 1000.0);
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(secrets.redact(out.toString()));
        } else if (nothingToDo) {
            stdout.printf(
                    "run %d: %s — nothing to do: every item is done%n",
                    id, s.badge().spelling());
        } else {
            stdout.print(secrets.redact(String.format(
                    "run %d: %s — %d done, %d skipped%s%n",
                    id,
                    s.badge().spelling(),
                    done.size(),
                    skipped.size(),
                    s.badge() == Badge.BLOCKED
                            ? "; needs a person: " + reason
                            : reason.isEmpty() ? "" : "; " + reason)));
        }
        stdout.flush();
        return switch (s.badge()) {
            case COMPLETED, PAUSED -> ExitCodes.OK;
            case BLOCKED, STOPPED -> ExitCodes.BLOCKED;
            default -> ExitCodes.BAD_INPUT;
        };
    }

    private static String lastMessage(ExecutionStore o, long id) {
        List<ExecutionEvent> events = o.events(id);
        return events.isEmpty() ? "" : events.getLast().message();
    }

    /** One line per event; with a terminal, a progress bar with the overall percent. */
    private record Progress(PrintWriter err, boolean terminal, Instant started, InstantSource clock) {
        void event(ExecutionEvent e, ExecutionSnapshot s) {
            long elapsed = Duration.between(started, clock.instant()).toSeconds();
            String where = e.taskId() == null ? "" : e.taskId() + " " + (e.step() == null ? "" : e.step()) + " ";
            String attempt = s.cursor().attempts() > 0 ? "attempt " + s.cursor().attempts() + " " : "";
            String line = String.format("[%3ds] %s%s%s", elapsed, where, attempt, e.message());
            if (terminal) {
                int filled = s.percent() / 5;
                line = String.format(
                        "%-100.100s %s%s %3d%%", line, "█".repeat(filled), "░".repeat(20 - filled), s.percent());
            } else if (s.tasksTotal() > 0) {
                line += " (" + s.tasksDone() + "/" + s.tasksTotal() + ", " + s.percent() + "%)";
            }
            err.println(line);
            err.flush();
        }
    }
}
