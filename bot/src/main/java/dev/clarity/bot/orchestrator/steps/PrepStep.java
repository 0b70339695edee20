package dev.clarity.bot.orchestrator.steps;

import dev.clarity.bot.orchestrator.StepContext;
import dev.clarity.bot.orchestrator.StepHandler;
import dev.clarity.bot.orchestrator.StepOutcome;
import dev.clarity.runner.api.PrepRequest;
import dev.clarity.runner.api.PrepResult;
import dev.clarity.tasks.AtomicItem;

/**
 * PREP: checks out the item's branch, made from its base (the last finished item's branch under {@code stacked},
 * else the default branch), writes the repository's default criteria under a bare B line, and starts the item's
 * check run. Commits on the remote branch that Clarity did not make mean a person took the item over.
 */
final class PrepStep implements StepHandler {
    private final StepKit kit;
    private final Criteria criteria;

    PrepStep(StepKit kit, Criteria criteria) {
        this.kit = kit;
        this.criteria = criteria;
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        AtomicItem item = kit.item(ctx);
        String base = kit.base(ctx);
        PrepResult r = kit.runner.prep(new PrepRequest(
                ctx.execution().cloneUrl(),
                ctx.workspaceId(),
                ctx.taskId(),
                base,
                item.branch(),
                kit.key(ctx),
                kit.credentials(ctx)));
        String why = String.join(" ", r.logs());
        return switch (r) {
            case PrepResult.Ready ready -> prepared(ctx, item, base, ready.branch());
            // not asked for (no person's branch in the request): the branch is checked out all the same
            case PrepResult.Adopted adopted -> prepared(ctx, item, base, adopted.branch());
            case PrepResult.ForeignCommits foreign -> new StepOutcome.TakenByPerson(why);
            case PrepResult.Conflict conflict -> new StepOutcome.Failed(why);
            case PrepResult.BaseMissing missing -> new StepOutcome.Failed(why);
        };
    }

    private StepOutcome prepared(StepContext ctx, AtomicItem item, String base, String branch) {
        kit.store.prepared(ctx.ref(), base, item.branch());
        criteria.injectDefaults(ctx, item);
        kit.publisher.started(ctx.execution(), ctx.taskId(), item.title());
        return new StepOutcome.Succeeded(branch);
    }
}
