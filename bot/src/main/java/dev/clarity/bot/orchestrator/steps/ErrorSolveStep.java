package dev.clarity.bot.orchestrator.steps;

import dev.clarity.bot.orchestrator.RunnerCriteria;
import dev.clarity.bot.orchestrator.StepContext;
import dev.clarity.bot.orchestrator.StepHandler;
import dev.clarity.bot.orchestrator.StepOutcome;
import dev.clarity.runner.api.ErrorSolveRequest;
import dev.clarity.runner.api.Failure;
import dev.clarity.runner.api.ToolResult;
import dev.clarity.runner.api.VerifyResult;
import dev.clarity.tasks.AtomicItem;
import java.util.List;
import java.util.Objects;

/**
 * ERROR_SOLVE: the tool runs again, told what failed at the last VERIFY and its last diff (after a restart, the
 * stored error summary), with the item's parent lines and criteria as IMPLEMENT had them. A patch goes back to VERIFY; an attempt that changed nothing counts as failed.
 */
final class ErrorSolveStep implements StepHandler {
    private final StepKit kit;

    ErrorSolveStep(StepKit kit) {
        this.kit = kit;
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        AtomicItem item = kit.item(ctx);
        List<Failure> failures = kit.memory
                .lastVerify(ctx)
                .map(VerifyResult::failed)
                .orElseGet(() -> List.of(new Failure(
                        "previous verify",
                        Objects.requireNonNullElse(kit.run(ctx, item).errorSummary(), "criteria failed"),
                        null)));
        ToolResult r = kit.runner.errorSolve(new ErrorSolveRequest(
                ctx.workspaceId(),
                ctx.taskId(),
                item.title(),
                ctx.execution().tool(),
                ctx.cursor().attempts(),
                failures,
                kit.memory.lastDiff(ctx),
                kit.key(ctx),
                kit.protectedFiles(ctx, kit.list(ctx)),
                kit.usage.tokenLimit(ctx).orElse(0),
                ImplementStep.parentContext(item),
                RunnerCriteria.specs(item.criteria())));
        kit.used(ctx, r);
        kit.memory.diff(ctx, r.diff());
        kit.store.repairTried(ctx.ref());
        kit.logLines(ctx, r.logs());
        return switch (r) {
            case ToolResult.Changed patched -> new StepOutcome.Succeeded("patch applied");
            case ToolResult.Unchanged unchanged -> new StepOutcome.Failed("the tool changed nothing");
            case ToolResult.Failed f -> new StepOutcome.Failed("the tool changed nothing");
            case ToolResult.TimedOut timedOut -> new StepOutcome.Failed("the tool changed nothing");
            case ToolResult.Cancelled cancelled -> new StepOutcome.Failed("the tool changed nothing");
            case ToolResult.Refused refused -> new StepOutcome.Failed("the tool changed nothing");
            case ToolResult.Missing missing -> new StepOutcome.NeedsPerson(missing.reason());
            case ToolResult.Held held -> ImplementStep.hold(kit, ctx, held);
            case ToolResult.BudgetExceeded over -> new StepOutcome.NeedsPerson(over.reason());
        };
    }
}
