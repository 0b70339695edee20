package dev.clarity.bot.orchestrator.steps;

import dev.clarity.bot.orchestrator.ExecutionSnapshot;
import dev.clarity.bot.orchestrator.ItemPublisher;
import dev.clarity.bot.orchestrator.NewEvent;
import dev.clarity.bot.orchestrator.StepContext;
import dev.clarity.bot.orchestrator.StepHandler;
import dev.clarity.bot.orchestrator.StepOutcome;
import dev.clarity.bot.orchestrator.TaskRunRecord;
import dev.clarity.runner.api.PushRequest;
import dev.clarity.runner.api.PushResult;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.api.VerifyResult;
import dev.clarity.tasks.AtomicItem;
import dev.clarity.tasks.Criterion;
import dev.clarity.tasks.Task;
import dev.clarity.tasks.TaskList;
import dev.clarity.vocabulary.MergePolicy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * PUSH: the branch Clarity writes for the item is pushed (never forced), its pull request opened or updated, and,
 * under merge policy {@code auto}, the branch merged into the default branch. Commits of someone else on the item's
 * branch mean a person took it over. The item is done from here on.
 */
final class PushStep implements StepHandler {
    private static final Duration FIRST_GITHUB_WAIT = Duration.ofSeconds(5);
    private static final Duration LONGEST_GITHUB_WAIT = Duration.ofMinutes(10);

    private final StepKit kit;

    PushStep(StepKit kit) {
        this.kit = kit;
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        ExecutionSnapshot snap = ctx.execution();
        AtomicItem item = kit.item(ctx);
        TaskRunRecord run = kit.run(ctx, item);
        String branch = run.writtenBranch(item.branch());
        PushResult r = kit.runner.push(
                new PushRequest(ctx.workspaceId(), snap.cloneUrl(), branch, kit.key(ctx), kit.credentials(ctx)));
        String why = String.join(" ", r.logs());
        return switch (r) {
            case PushResult.Pushed pushed -> published(ctx, item, run, branch);
            case PushResult.Merged merged -> published(ctx, item, run, branch);
            // a rejected record branch is refused like any push: the person's item is not taken over twice
            case PushResult.RejectedByOthers rejected ->
                run.recorded() ? new StepOutcome.Failed(why) : new StepOutcome.TakenByPerson(why);
            case PushResult.Refused refused -> new StepOutcome.Failed(why);
            case PushResult.Held held -> new StepOutcome.Waiting(held.reason());
        };
    }

    /** The branch is on the remote: its pull request, the merge under {@code auto}, and the item is done. */
    private StepOutcome published(StepContext ctx, AtomicItem item, TaskRunRecord run, String branch) {
        ExecutionSnapshot snap = ctx.execution();
        String pr = untilGitHubTakesIt(ctx, () -> kit.publisher.pushed(snap, pushedItem(ctx, item, run, branch)));
        String merged = "";
        if (ctx.repo().mergePolicy() == MergePolicy.AUTO) {
            // after the pull request exists: GitHub marks it merged when the default branch takes its commit
            PushResult m = kit.runner.push(new PushRequest(
                    ctx.workspaceId(),
                    snap.cloneUrl(),
                    branch,
                    kit.key(ctx) + "/merge",
                    kit.credentials(ctx),
                    snap.defaultBranch()));
            if (m instanceof PushResult.Held held) {
                return new StepOutcome.Waiting(held.reason());
            }
            if (m instanceof PushResult.RejectedByOthers || m instanceof PushResult.Refused) {
                return new StepOutcome.Failed(String.join(" ", m.logs()));
            }
            merged = "; " + String.join(" ", m.logs());
            kit.store.log(snap.id(), NewEvent.at(ctx.cursor(), "step", String.join(" ", m.logs())));
        }
        // a person's item finishes on its record branch: the next stacked item starts from there; it is recorded at
        // the commit that passed, even if a push of theirs cleared it while this step ran
        if (run.recorded()) {
            kit.store.personsCommitPassed(ctx.ref(), run.personCommit());
            kit.store.recordPushed(ctx.ref(), branch, Optional.ofNullable(pr));
        } else {
            kit.store.pushed(ctx.ref(), Optional.ofNullable(pr));
        }
        // the counts include this item from now on, not only from the next SELECT (a stop point may come first)
        TaskList marked = kit.listRecorded(ctx);
        kit.store.counted(
                snap.id(),
                (int) marked.atomicItems().stream().filter(Task::done).count(),
                marked.atomicItems().size());
        kit.memory.forget(ctx);
        return new StepOutcome.Succeeded(
                (pr != null ? pr : "pushed " + branch) + merged + (run.recorded() ? "; " + run.completedBy() : ""));
    }

    private ItemPublisher.PushedItem pushedItem(StepContext ctx, AtomicItem item, TaskRunRecord run, String branch) {
        return new ItemPublisher.PushedItem(
                ctx.taskId(),
                item.title(),
                branch,
                run.baseBranch(),
                run.commit(),
                kit.memory.passed(ctx),
                kit.memory.failed(ctx),
                item.notMachineChecked().stream().map(Criterion.Prose::text).toList(),
                ctx.cursor().attempts(),
                run.recorded() ? null : run.tool(),
                StepKit.artifacts(ctx),
                kit.memory.lastVerify(ctx).map(VerifyResult::reports).orElse(List.of()));
    }

    /**
     * A GitHub write (pull request, check run) is never dropped: when GitHub does not take it even after the
     * gateway's own retries, it is tried again after 5 s, doubling up to 10 min (or when GitHub's announced rate limit
     * ends, if that is later), until it goes through or a person stops the execution. The step stays PUSH meanwhile,
     * committed, so after a restart the write is made again (it is found before it is created): the execution's
     * position is the durable queue of its pending writes.
     */
    private String untilGitHubTakesIt(StepContext ctx, Supplier<String> write) {
        Duration wait = FIRST_GITHUB_WAIT;
        while (true) {
            try {
                return write.get();
            } catch (ItemPublisher.NotTaken e) {
                if (kit.store
                        .find(ctx.executionId())
                        .map(ExecutionSnapshot::stopRequested)
                        .orElse(true)) {
                    throw new RunnerException("stopped while GitHub did not take the write: " + e.getMessage());
                }
                // GitHub said when its rate limit ends: no attempt before that
                Duration limited = e.retryAt()
                        .map(at -> Duration.between(kit.clock.instant(), at))
                        .orElse(Duration.ZERO);
                Duration pause = limited.compareTo(wait) > 0 ? limited : wait;
                kit.store.log(
                        ctx.executionId(),
                        NewEvent.at(
                                        ctx.cursor(),
                                        "github",
                                        "GitHub did not take the write (" + e.getMessage() + "); trying again in "
                                                + pause.toSeconds() + " s")
                                .warn());
                try {
                    kit.pause.sleep(pause);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new RunnerException("interrupted while waiting to write to GitHub");
                }
                Duration doubled = wait.multipliedBy(2);
                wait = doubled.compareTo(LONGEST_GITHUB_WAIT) > 0 ? LONGEST_GITHUB_WAIT : doubled;
            }
        }
    }
}
