package dev.clarity.bot.orchestrator.steps;

import dev.clarity.bot.orchestrator.StepContext;
import dev.clarity.bot.orchestrator.StepHandler;
import dev.clarity.bot.orchestrator.StepOutcome;
import dev.clarity.runner.api.VerifyResult;

/** VERIFY: the item's criteria run on Clarity's work; what failed goes to ERROR_SOLVE. */
final class VerifyStep implements StepHandler {
    private final StepKit kit;
    private final Criteria criteria;

    VerifyStep(StepKit kit, Criteria criteria) {
        this.kit = kit;
        this.criteria = criteria;
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        return switch (criteria.run(ctx, kit.key(ctx), true)) {
            case VerifyResult.Passed passed ->
                new StepOutcome.Succeeded(passed.passed().size() + " passed");
            case VerifyResult.Failed failed -> new StepOutcome.Failed(Criteria.summary(failed));
        };
    }
}
