package dev.clarity.bot.orchestrator.steps;

import dev.clarity.bot.orchestrator.ExecutionSnapshot;
import dev.clarity.bot.orchestrator.ExecutionStore;
import dev.clarity.bot.orchestrator.Hold;
import dev.clarity.bot.orchestrator.ItemPublisher;
import dev.clarity.bot.orchestrator.NewEvent;
import dev.clarity.bot.orchestrator.StepContext;
import dev.clarity.bot.orchestrator.StepMeters;
import dev.clarity.bot.orchestrator.StepOutcome;
import dev.clarity.bot.orchestrator.StepTimer;
import dev.clarity.bot.orchestrator.TaskRunRecord;
import dev.clarity.bot.orchestrator.UsageAccount;
import dev.clarity.bot.orchestrator.WorkspaceFiles;
import dev.clarity.runner.api.GitCredentials;
import dev.clarity.runner.api.ModelUsage;
import dev.clarity.runner.api.ProtectedFiles;
import dev.clarity.runner.api.Runner;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.api.ToolResult;
import dev.clarity.tasks.AtomicItem;
import dev.clarity.tasks.Task;
import dev.clarity.tasks.TaskList;
import dev.clarity.tasks.TaskListException;
import dev.clarity.tasks.TaskListReader;
import dev.clarity.vocabulary.MergePolicy;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What every step works with: the store, the runner, the workspace's files, the publisher, the clock, and what the
 * steps of an item remember between them ({@link ItemMemory}). One per process, shared by the step handlers;
 * thread-safe as long as its parts are.
 */
public final class StepKit {
    /** Waits between attempts; tests record the durations and return at once. */
    @FunctionalInterface
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    final ExecutionStore store;
    final Runner runner;
    final WorkspaceFiles files;
    final ItemPublisher publisher;
    final Function<ExecutionSnapshot, GitCredentials> credentials;
    final InstantSource clock;
    final Pause pause;
    final UsageAccount usage;
    final Function<ToolResult, List<ModelUsage>> usageOf;
    final StepTimer timer;
    final StepMeters meters;
    final ItemMemory memory = new ItemMemory();
    /** At most this many lines of a held diff go to the event log. */
    static final int HELD_LINES = 200;

    /**
     * @param credentials git credentials for an execution's repository (null for local repositories)
     * @param pause waits between attempts at a GitHub write that did not go through
     * @param usage records what tool steps used, and answers the budgets
     * @param usageOf the model usage a tool step's result reports
     * @param timer cancels a step that runs out of wall-time budget
     * @param meters counts steps and tool runs for {@code /metrics}
     */
    public StepKit(
            ExecutionStore store,
            Runner runner,
            WorkspaceFiles files,
            ItemPublisher publisher,
            Function<ExecutionSnapshot, GitCredentials> credentials,
            InstantSource clock,
            Pause pause,
            UsageAccount usage,
            Function<ToolResult, List<ModelUsage>> usageOf,
            StepTimer timer,
            StepMeters meters) {
        this.store = store;
        this.runner = runner;
        this.files = files;
        this.publisher = publisher;
        this.credentials = credentials;
        this.clock = clock;
        this.pause = pause;
        this.usage = usage;
        this.usageOf = usageOf;
        this.timer = timer;
        this.meters = meters;
    }

    /** As the full constructor, counting nothing for {@code /metrics}. */
    public StepKit(
            ExecutionStore store,
            Runner runner,
            WorkspaceFiles files,
            ItemPublisher publisher,
            Function<ExecutionSnapshot, GitCredentials> credentials,
            InstantSource clock,
            Pause pause,
            UsageAccount usage,
            Function<ToolResult, List<ModelUsage>> usageOf,
            StepTimer timer) {
        this(store, runner, files, publisher, credentials, clock, pause, usage, usageOf, timer, StepMeters.NONE);
    }

    /** As the full constructor, accounting for no usage and enforcing no budgets. */
    public StepKit(
            ExecutionStore store,
            Runner runner,
            WorkspaceFiles files,
            ItemPublisher publisher,
            Function<ExecutionSnapshot, GitCredentials> credentials,
            InstantSource clock,
            Pause pause) {
        this(
                store,
                runner,
                files,
                publisher,
                credentials,
                clock,
                pause,
                UsageAccount.NONE,
                r -> List.of(),
                StepTimer.NONE);
    }

    /** As the other constructor, sleeping between attempts. */
    public StepKit(
            ExecutionStore store,
            Runner runner,
            WorkspaceFiles files,
            ItemPublisher publisher,
            Function<ExecutionSnapshot, GitCredentials> credentials,
            InstantSource clock) {
        this(store, runner, files, publisher, credentials, clock, Thread::sleep);
    }

    /** The task list as the workspace holds it now. */
    TaskList list(StepContext ctx) {
        String path = ctx.repo().tasksPath();
        return parse(path, bytes(ctx, path));
    }

    /**
     * As {@link #list}, and the text is kept for the execution page's tree. A list with a NUL character (which
     * PostgreSQL text cannot hold) is not kept: the page then shows the started items only.
     */
    TaskList listRecorded(StepContext ctx) {
        String path = ctx.repo().tasksPath();
        byte[] bytes = bytes(ctx, path);
        TaskList list = parse(path, bytes);
        String text = new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        if (text.indexOf('\0') < 0) {
            store.listRead(ctx.executionId(), path, text);
        }
        return list;
    }

    private byte[] bytes(StepContext ctx, String path) {
        return files.read(ctx.workspaceId(), path).orElseThrow(() -> missing(ctx, path));
    }

    private static TaskList parse(String path, byte[] bytes) {
        try {
            return TaskListReader.parse(bytes);
        } catch (TaskListException e) {
            throw e.in(path);
        }
    }

    /**
     * Why the task list is not in the workspace. Only a list the repository lacks is the repository's problem; a
     * workspace Clarity prepared that lacks a list its base commit holds (or that is no longer prepared at all) is
     * the runner's, and says so: the execution blocks for a resume, which prepares the workspace again, instead of
     * failing as if the person's task list were broken.
     */
    private RuntimeException missing(StepContext ctx, String path) {
        String ws = ctx.workspaceId();
        if (!files.exists(ws)) {
            return new RunnerException("workspace " + ws + " is not prepared on the runner (it lost it, or was stopped"
                    + " while preparing it), so the task list " + path + " cannot be read there");
        }
        if (files.readAtBase(ws, path).isPresent()) {
            return new RunnerException("the task list " + path + " is missing from workspace " + ws
                    + " although its base commit holds it");
        }
        return new TaskListException("the task list " + path + " does not exist", 0);
    }

    /** The step's item as the task list describes it now. */
    AtomicItem item(StepContext ctx) {
        return item(ctx, list(ctx));
    }

    /** The step's item as {@code list} describes it. */
    AtomicItem item(StepContext ctx, TaskList list) {
        return list.item(ctx.taskId())
                .orElseThrow(() -> new TaskListException("item " + ctx.taskId() + " is no longer in the task list", 0));
    }

    /** The item's stored row. */
    TaskRunRecord run(StepContext ctx, AtomicItem item) {
        return store.taskRun(ctx.executionId(), ctx.taskId(), item.title());
    }

    /** The idempotency key of the step's runner call, in the item's current generation. */
    String key(StepContext ctx) {
        return ctx.key(store.generation(ctx.executionId(), ctx.taskId()));
    }

    GitCredentials credentials(StepContext ctx) {
        return credentials.apply(ctx.execution());
    }

    /** Where an item starts: the last finished item's branch ({@code stacked}), else the default branch. */
    String base(StepContext ctx) {
        ExecutionSnapshot snap = ctx.execution();
        return ctx.repo().mergePolicy() == MergePolicy.STACKED
                ? store.lastFinishedBranch(snap.id()).orElse(snap.defaultBranch())
                : snap.defaultBranch();
    }

    /**
     * What the runner protects for the item besides its own rules: Clarity's files, every word of every criterion of
     * the task list (the runner keeps those that name a file of the base commit), and the files whose change a person
     * approved for this item.
     */
    ProtectedFiles protectedFiles(StepContext ctx, TaskList list) {
        List<String> named = new ArrayList<>();
        for (Task t : list.atomicItems()) {
            list.describe(t).criteria().forEach(c -> named.addAll(c.args()));
        }
        List<String> approved = new ArrayList<>();
        store.approvedHolds(ctx.executionId(), ctx.taskId()).stream()
                .filter(h -> h.kind() == Hold.Kind.PROTECTED)
                .forEach(h -> approved.addAll(h.files()));
        return new ProtectedFiles(List.of(ctx.repo().tasksPath(), ctx.repo().outcomesPath()), named, approved);
    }

    /**
     * Stores a hold of the step's item and logs what is held (the diff, at most {@value #HELD_LINES} lines, as the
     * runner redacted it); the outcome that takes the item to human review.
     */
    StepOutcome hold(StepContext ctx, Hold.Kind kind, List<String> files, String reason, String diff, String digest) {
        store.hold(
                ctx.executionId(),
                ctx.taskId(),
                new Hold.Request(kind, ctx.cursor().attempts(), files, reason, diff, digest));
        List<String> lines = diff.isBlank() ? List.of() : List.of(diff.split("\n", -1));
        for (int i = 0; i < Math.min(lines.size(), HELD_LINES); i++) {
            store.log(
                    ctx.executionId(),
                    NewEvent.at(ctx.cursor(), "check", lines.get(i)).warn());
        }
        if (lines.size() > HELD_LINES) {
            store.log(
                    ctx.executionId(),
                    NewEvent.at(ctx.cursor(), "check", "… " + (lines.size() - HELD_LINES) + " more lines of the diff")
                            .warn());
        }
        return new StepOutcome.Held(reason);
    }

    /** Counts the tool run and records what its model requests used, under the step's idempotency key. */
    void used(StepContext ctx, ToolResult result) {
        meters.toolRan(result);
        usage.used(ctx, key(ctx), result.tool(), usageOf.apply(result));
    }

    /** A tool's output, one event per line. */
    void logLines(StepContext ctx, List<String> lines) {
        for (String line : lines) {
            store.log(ctx.executionId(), NewEvent.at(ctx.cursor(), "tool", line));
        }
    }

    /** Where the item's evidence lives in the workspace. */
    static String artifacts(StepContext ctx) {
        return "artifacts/" + ctx.taskId() + "/";
    }
}
