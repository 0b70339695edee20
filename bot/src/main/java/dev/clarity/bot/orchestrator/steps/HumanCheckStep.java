package dev.clarity.bot.orchestrator.steps;

import dev.clarity.bot.orchestrator.NewEvent;
import dev.clarity.bot.orchestrator.StepContext;
import dev.clarity.bot.orchestrator.StepHandler;
import dev.clarity.bot.orchestrator.StepOutcome;
import dev.clarity.bot.orchestrator.TaskRunRecord;
import dev.clarity.runner.api.PrepRequest;
import dev.clarity.runner.api.PrepResult;
import dev.clarity.runner.api.VerifyResult;
import dev.clarity.tasks.AtomicItem;

/**
 * HUMAN_CHECK: a person pushed to the item's branch. Their head is fetched onto the item's record branch (never
 * writing to theirs), and the item's criteria run on it, exactly as VERIFY runs them, but never repaired by the tool.
 * Passing, the commit is stored as the person's; MERGE and PUSH then record the item on the record branch.
 */
final class HumanCheckStep implements StepHandler {
    private final StepKit kit;
    private final Criteria criteria;

    HumanCheckStep(StepKit kit, Criteria criteria) {
        this.kit = kit;
        this.criteria = criteria;
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        long id = ctx.executionId();
        int generation = kit.store.generation(id, ctx.taskId());
        AtomicItem item = kit.item(ctx);
        String base = kit.base(ctx);
        PrepResult prepared = kit.runner.prep(new PrepRequest(
                ctx.execution().cloneUrl(),
                ctx.workspaceId(),
                ctx.taskId(),
                base,
                TaskRunRecord.recordBranch(item.branch()),
                kit.key(ctx) + "/branch",
                kit.credentials(ctx),
                item.branch()));
        if (!(prepared instanceof PrepResult.Adopted adopted)) {
            return new StepOutcome.Failed("their branch cannot be checked: " + String.join(" ", prepared.logs()));
        }
        // the base is the pull request's base (an item taken before PREP has none yet)
        kit.store.adopted(ctx.ref(), base, item.branch());
        // the person's task list may lack criteria PREP injected into Clarity's own branch: the same ones run here
        criteria.injectDefaults(ctx, kit.item(ctx));
        String commit = adopted.personHead();
        VerifyResult r = criteria.run(ctx, kit.key(ctx), false);
        if (r instanceof VerifyResult.Failed failed) {
            return new StepOutcome.Failed(
                    "commit " + commit + " of " + item.branch() + ": " + Criteria.summary(failed));
        }
        kit.store.personsCommitPassed(ctx.ref(), commit);
        if (kit.store.generation(id, ctx.taskId()) != generation) {
            // they pushed again while this commit was checked (a push bumps the generation): check the newer one. A
            // push after this point clears the passed commit, and MERGE sends the item back here.
            return new StepOutcome.TakenByPerson("they pushed again while commit " + commit + " was checked");
        }
        TaskRunRecord run = kit.run(ctx, item);
        kit.store.log(id, NewEvent.at(ctx.cursor(), "step", run.completedBy()));
        return new StepOutcome.Succeeded(r.passed().size() + " passed; " + run.completedBy());
    }
}
