package dev.clarity.bot.orchestrator.steps;

import dev.clarity.bot.orchestrator.Hold;
import dev.clarity.bot.orchestrator.RunnerCriteria;
import dev.clarity.bot.orchestrator.StepContext;
import dev.clarity.bot.orchestrator.StepHandler;
import dev.clarity.bot.orchestrator.StepOutcome;
import dev.clarity.runner.api.ImplementRequest;
import dev.clarity.runner.api.ToolResult;
import dev.clarity.tasks.AtomicItem;
import dev.clarity.tasks.TaskList;
import java.util.ArrayList;
import java.util.List;

/**
 * IMPLEMENT: the item's tool works on the workspace once, told the item, its parents and its criteria (prose criteria
 * as hints). The tool's output goes to the event log; its diff is kept for the repair prompt. A tool that cannot
 * start needs a person (no repair is tried: retrying does not install it).
 */
final class ImplementStep implements StepHandler {
    private final StepKit kit;

    ImplementStep(StepKit kit) {
        this.kit = kit;
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        TaskList list = kit.list(ctx);
        AtomicItem item = kit.item(ctx, list);
        ToolResult r = kit.runner.implement(new ImplementRequest(
                ctx.workspaceId(),
                ctx.taskId(),
                item.title(),
                parentContext(item),
                ctx.execution().tool(),
                RunnerCriteria.specs(item.criteria()),
                hints(item),
                kit.key(ctx),
                kit.protectedFiles(ctx, list),
                kit.usage.tokenLimit(ctx).orElse(0)));
        kit.used(ctx, r);
        kit.memory.diff(ctx, r.diff());
        kit.store.implemented(ctx.ref(), r.tool());
        kit.logLines(ctx, r.logs());
        String failed = r.diff().isBlank() ? "the tool changed nothing" : "the tool failed";
        return switch (r) {
            case ToolResult.Changed changed -> new StepOutcome.Succeeded(changed.tool() + " changed the workspace");
            case ToolResult.Unchanged unchanged -> new StepOutcome.Failed("the tool changed nothing");
            case ToolResult.Failed f -> new StepOutcome.Failed(failed);
            case ToolResult.TimedOut timedOut -> new StepOutcome.Failed(failed);
            case ToolResult.Cancelled cancelled -> new StepOutcome.Failed(failed);
            case ToolResult.Refused refused -> new StepOutcome.Failed(failed);
            case ToolResult.Missing missing -> new StepOutcome.NeedsPerson(missing.reason());
            case ToolResult.Held held -> hold(kit, ctx, held);
            case ToolResult.BudgetExceeded over -> new StepOutcome.NeedsPerson(over.reason());
        };
    }

    /** The tool changed protected files: the runner took the change out and kept it; a person decides. */
    static StepOutcome hold(StepKit kit, StepContext ctx, ToolResult.Held held) {
        return kit.hold(
                ctx,
                Hold.Kind.PROTECTED,
                held.files(),
                "the tool changed protected files (" + String.join(", ", held.files())
                        + "); the change was taken out of the workspace",
                held.heldDiff(),
                null);
    }

    private static List<String> hints(AtomicItem item) {
        List<String> hints = new ArrayList<>();
        item.notMachineChecked().forEach(p -> hints.add("criterion (not machine-checked): " + p.text()));
        return hints;
    }

    static String parentContext(AtomicItem item) {
        return String.join(
                "\n",
                item.ancestors().stream().map(t -> t.id() + " " + t.title()).toList());
    }
}
