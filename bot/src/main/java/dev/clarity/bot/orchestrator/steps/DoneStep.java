package dev.clarity.bot.orchestrator.steps;

import dev.clarity.bot.orchestrator.ExecutionSnapshot;
import dev.clarity.bot.orchestrator.StepContext;
import dev.clarity.bot.orchestrator.StepHandler;
import dev.clarity.bot.orchestrator.StepOutcome;
import dev.clarity.runner.api.MergedRequest;
import dev.clarity.runner.api.MergedResult;
import dev.clarity.tasks.AtomicItem;
import dev.clarity.vocabulary.MergePolicy;

/**
 * DONE: an item waits here only under merge policy {@code wait}. With GitHub, the merged pull request's webhook moves
 * it on; without, a resume lands here, and the item's branch must be in the default branch first, or the next item
 * would start without its work.
 */
final class DoneStep implements StepHandler {
    private final StepKit kit;

    DoneStep(StepKit kit) {
        this.kit = kit;
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        if (ctx.repo().mergePolicy() != MergePolicy.WAIT || kit.publisher.reportsMerges()) {
            return new StepOutcome.Succeeded("next");
        }
        ExecutionSnapshot snap = ctx.execution();
        AtomicItem item = kit.item(ctx);
        String branch = kit.run(ctx, item).writtenBranch(item.branch());
        MergedResult r = kit.runner.merged(new MergedRequest(
                ctx.workspaceId(), snap.cloneUrl(), branch, snap.defaultBranch(), kit.credentials(ctx)));
        return switch (r) {
            case MergedResult.Merged merged ->
                new StepOutcome.Succeeded(branch + " is merged into " + snap.defaultBranch());
            case MergedResult.NotMerged notYet ->
                new StepOutcome.Failed(
                        branch + " is not merged into " + snap.defaultBranch() + " yet: merge it, then resume");
        };
    }
}
