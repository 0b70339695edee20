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
import dev.clarity.bot.orchestrator.ItemPublisher;
import dev.clarity.bot.orchestrator.LocalWorkspaceFiles;
import dev.clarity.bot.orchestrator.Mark;
import dev.clarity.bot.orchestrator.TaskRunRecord;
import dev.clarity.bot.usage.JooqUsageLedger;
import dev.clarity.bot.usage.PriceTable;
import dev.clarity.bot.usage.UsageMeters;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.migrations.Database;
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
        LogSetup.apply(config.logFormat());
        InstantSource clock = InstantSource.system();
        Instant started = clock.instant();
        try (Database db = Database.open(config.database(), 8, null)) {
            var resolution = LocalProjects.resolve(db.dsl(), repo);
            if (resolution instanceof LocalProjects.Resolution.Invalid invalid) {
                err.println("clarity: " + invalid.message());
                return ExitCodes.BAD_INPUT;
            }
            var found = (LocalProjects.Resolution.Found) resolution;
            long project = found.projectId();
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
                            new JooqUsageLedger(
                                    db.dsl(),
                                    PriceTable.defaultsWith(config.modelPrices().orElse(null)),
                                    new UsageMeters(new SimpleMeterRegistry()),
                                    clock))) {
                Actor me = new Actor(System.getProperty("user.name", "local"), "cli");
                long id;
                var existing = orchestration.store().current(project);
                // a queued execution is this command's too (a run killed right after it queued one): wait for it
                // rather than queue a second one behind it
                if (existing.isPresent()) {
                    id = existing.get().id();
                    if (stopAfter != null) {
                        orchestration.controls().stopAfter(id, stopAfter, me);
                    }
                    if (existing.get().badge() != Badge.QUEUED
                            && !existing.get().badge().isRunning()) {
                        ControlOutcome resumed = orchestration.controls().resume(id, me);
                        err.println("clarity: run " + id + ": " + resumed.message());
                        if (resumed instanceof ControlOutcome.Refused) {
                            return summary(orchestration, id, started, clock);
                        }
                    }
                } else {
                    ControlOutcome o = orchestration
                            .controls()
                            .start(new StartRequest(project, me, stopAfter, null, tool, mergePolicy, null));
                    if (!(o instanceof ControlOutcome.Accepted a)) {
                        err.println("clarity: " + o.message());
                        return ExitCodes.BAD_INPUT;
                    }
                    id = a.executionId();
                }
                Thread hook = new Thread(
                        () -> {
                            orchestration.controls().stop(id, me);
                            awaitHeld(orchestration, id, moved, Duration.ofSeconds(5));
                        },
                        "clarity-run-interrupt");
                Runtime.getRuntime().addShutdownHook(hook);
                Progress progress = new Progress(err, System.console() != null, started, clock);
                long seq = 0;
                while (true) {
                    // the state first, then the events: a transition commits with its event, so an end seen here has
                    // its event in the list below and is printed before the loop stops
                    ExecutionSnapshot s = orchestration.store().find(id).orElseThrow();
                    for (ExecutionEvent e : orchestration.store().events(id)) {
                        if (e.seq() > seq) {
                            seq = e.seq();
                            progress.event(e, orchestration.store().find(id).orElseThrow());
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
                return summary(orchestration, id, started, clock);
            }
        }
    }

    /** Ctrl-C: waits (at most {@code max}) for the loop to record STOPPED, woken by its transition. */
    private static void awaitHeld(Orchestration o, long id, Semaphore moved, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        try {
            while (System.nanoTime() < deadline) {
                Optional<ExecutionSnapshot> s = o.store().find(id);
                if (s.isEmpty() || !s.get().badge().isRunning()) {
                    return;
                }
                moved.tryAcquire(100, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int summary(Orchestration o, long id, Instant started, InstantSource clock) {
        ExecutionSnapshot s = o.store().find(id).orElseThrow();
        List<TaskRunRecord> runs = o.store().taskRuns(id);
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
                    || o.store().marked(id, Mark.SKIPPED).contains(r.taskId())) {
                skipped.add(r.taskId());
            }
            if (r.branch() != null) {
                branches.add(r.branch());
            }
            if (r.commit() != null) {
                commits.add(r.commit());
            }
        }
        if (s.badge() == Badge.BLOCKED) {
            ObjectNode blocked = out.putObject("blocked");
            blocked.put("task", s.cursor().taskId());
            blocked.put("step", s.cursor().step().name());
            blocked.put("reason", lastMessage(o, id));
        } else {
            out.putNull("blocked");
        }
        out.put("durationSeconds", Duration.between(started, clock.instant()).toMillis() / 1000.0);
        PrintWriter stdout = spec.commandLine().getOut();
        if (json) {
            stdout.println(out.toString());
        } else {
            stdout.printf(
                    "run %d: %s — %d done, %d skipped%s%n",
                    id,
                    s.badge().spelling(),
                    done.size(),
                    skipped.size(),
                    s.badge() == Badge.BLOCKED ? "; needs a person: " + lastMessage(o, id) : "");
        }
        stdout.flush();
        return switch (s.badge()) {
            case COMPLETED, PAUSED -> ExitCodes.OK;
            case BLOCKED, STOPPED -> ExitCodes.BLOCKED;
            default -> ExitCodes.BAD_INPUT;
        };
    }

    private static String lastMessage(Orchestration o, long id) {
        List<ExecutionEvent> events = o.store().events(id);
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
