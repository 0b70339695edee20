package dev.clarity.bot.orchestrator.steps;

import dev.clarity.bot.orchestrator.Hold;
import dev.clarity.bot.orchestrator.NewEvent;
import dev.clarity.bot.orchestrator.StepContext;
import dev.clarity.bot.orchestrator.StepHandler;
import dev.clarity.bot.orchestrator.StepOutcome;
import dev.clarity.runner.api.ReleaseRequest;
import dev.clarity.runner.api.ReleaseResult;
import dev.clarity.runner.api.Risk;
import dev.clarity.runner.api.VerifyResult;
import java.util.List;
import java.util.Objects;

/**
 * VERIFY: the item's criteria run on Clarity's work; what failed goes to ERROR_SOLVE. A change to protected files that
 * a person approved is put back first; a passing diff that trips a {@code risk:} rule is held for approval (unless
 * this very diff was approved already).
 */
final class VerifyStep implements StepHandler {
    private final StepKit kit;
    private final Criteria criteria;

    VerifyStep(StepKit kit, Criteria criteria) {
        this.kit = kit;
        this.criteria = criteria;
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        releaseApproved(ctx);
        return switch (criteria.run(ctx, kit.key(ctx), true)) {
            case VerifyResult.Passed passed
            when !passed.risks().isEmpty() && !approved(ctx, passed) -> holdRisky(ctx, passed);
            case VerifyResult.Passed passed ->
                new StepOutcome.Succeeded(passed.passed().size() + " passed");
            case VerifyResult.Failed failed -> new StepOutcome.Failed(Criteria.summary(failed));
        };
    }

    /** Approved changes to protected files go back into the workspace, once each (the runner call is idempotent). */
    private void releaseApproved(StepContext ctx) {
        for (Hold h : kit.store.approvedHolds(ctx.executionId(), ctx.taskId())) {
            if (h.kind() != Hold.Kind.PROTECTED || h.released()) {
                continue;
            }
            ReleaseResult r = kit.runner.release(
                    new ReleaseRequest(ctx.workspaceId(), ctx.taskId(), kit.key(ctx) + "/release-" + h.id()));
            kit.store.holdReleased(h.id());
            kit.store.log(
                    ctx.executionId(),
                    NewEvent.at(
                            ctx.cursor(),
                            "step",
                            "the change to " + String.join(", ", r.files()) + " approved by @" + h.approvedBy()
                                    + " is back in the workspace"));
        }
    }

    private boolean approved(StepContext ctx, VerifyResult.Passed passed) {
        return passed.diffDigest() != null
                && kit.store.approvedHolds(ctx.executionId(), ctx.taskId()).stream()
                        .anyMatch(h -> h.kind() == Hold.Kind.RISK && Objects.equals(h.digest(), passed.diffDigest()));
    }

    private StepOutcome holdRisky(StepContext ctx, VerifyResult.Passed passed) {
        List<String> files = passed.risks().stream().map(Risk::file).distinct().toList();
        String reason = "its diff needs approval before it is committed: "
                + String.join("; ", passed.risks().stream().map(Risk::describe).toList());
        return kit.hold(
                ctx,
                Hold.Kind.RISK,
                files,
                reason,
                String.join("\n", passed.risks().stream().map(Risk::describe).toList()),
                passed.diffDigest());
    }
}
