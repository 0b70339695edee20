package dev.clarity.bot.orchestrator.steps;

import dev.clarity.bot.orchestrator.RunnerCriteria;
import dev.clarity.bot.orchestrator.StepContext;
import dev.clarity.bot.orchestrator.StepHandler;
import dev.clarity.bot.orchestrator.StepOutcome;
import dev.clarity.runner.api.ImplementRequest;
import dev.clarity.runner.api.ImplementResult;
import dev.clarity.tasks.AtomicItem;
import java.util.ArrayList;
import java.util.List;

/**
 * IMPLEMENT: the item's tool works on the workspace once, told the item, its parents and its criteria (prose criteria
 * as hints). The tool's output goes to the event log; its diff is kept for the repair prompt.
 */
final class ImplementStep implements StepHandler {
    private final StepKit kit;

    ImplementStep(StepKit kit) {
        this.kit = kit;
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        AtomicItem item = kit.item(ctx);
        ImplementResult r = kit.runner.implement(new ImplementRequest(
                ctx.workspaceId(),
                ctx.taskId(),
                item.title(),
                parentContext(item),
                ctx.execution().tool(),
                RunnerCriteria.specs(item.criteria()),
                hints(item),
                kit.key(ctx)));
        kit.memory.diff(ctx, r.diff() == null ? "" : r.diff());
        kit.store.implemented(ctx.ref(), r.tool());
        kit.logLines(ctx, r.logs());
        return r.ok()
                ? new StepOutcome.Succeeded(r.tool() + " changed the workspace")
                : new StepOutcome.Failed(
                        r.diff() == null || r.diff().isBlank() ? "the tool changed nothing" : "the tool failed");
    }

    private static List<String> hints(AtomicItem item) {
        List<String> hints = new ArrayList<>();
        item.notMachineChecked().forEach(p -> hints.add("criterion (not machine-checked): " + p.text()));
        return hints;
    }

    private static String parentContext(AtomicItem item) {
        return String.join(
                "\n",
                item.ancestors().stream().map(t -> t.id() + " " + t.title()).toList());
    }
}
