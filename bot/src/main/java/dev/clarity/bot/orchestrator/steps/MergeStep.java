package dev.clarity.bot.orchestrator.steps;

import dev.clarity.bot.orchestrator.StepContext;
import dev.clarity.bot.orchestrator.StepHandler;
import dev.clarity.bot.orchestrator.StepOutcome;
import dev.clarity.bot.orchestrator.TaskRunRecord;
import dev.clarity.runner.api.MergeRequest;
import dev.clarity.runner.api.MergeResult;
import dev.clarity.tasks.AtomicItem;
import dev.clarity.tasks.Criterion;
import dev.clarity.tasks.Edit;
import dev.clarity.tasks.EvidenceLink;
import dev.clarity.tasks.OutcomeEntry;
import dev.clarity.tasks.TaskListWriter;
import java.util.List;

/**
 * MERGE: the item is marked done in the task list (✅ with a link to its evidence), its outcome appended to the
 * outcomes file, and everything committed on the branch Clarity writes for it: the item's branch, or its record
 * branch when a person completed it.
 */
final class MergeStep implements StepHandler {
    private final StepKit kit;

    MergeStep(StepKit kit) {
        this.kit = kit;
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        String ws = ctx.workspaceId();
        String taskId = ctx.taskId();
        AtomicItem item = kit.item(ctx);
        TaskRunRecord run = kit.run(ctx, item);
        boolean persons = run.recorded();
        byte[] list = kit.files.read(ws, ctx.repo().tasksPath()).orElseThrow();
        String artifacts = StepKit.artifacts(ctx);
        Edit marked = TaskListWriter.markDone(list, taskId, List.of(new EvidenceLink("artifacts", artifacts)));
        if (marked instanceof Edit.NotFound nf) {
            return new StepOutcome.Failed(nf.message());
        }
        kit.files.write(ws, ctx.repo().tasksPath(), marked.apply(list));
        byte[] outcomes = kit.files.read(ws, ctx.repo().outcomesPath()).orElse(new byte[0]);
        OutcomeEntry entry = new OutcomeEntry(
                taskId,
                item.title(),
                persons ? run.completedBy() : "done",
                item.branch(),
                persons ? run.personCommit() : null,
                null,
                persons ? null : run.tool(),
                ctx.cursor().attempts(),
                run.startedAt(),
                kit.clock.instant(),
                kit.memory.passed(ctx),
                kit.memory.failed(ctx),
                item.notMachineChecked().stream().map(Criterion.Prose::text).toList(),
                artifacts,
                kit.usage.described(ctx.executionId(), taskId).orElse(null));
        kit.files.write(
                ws,
                ctx.repo().outcomesPath(),
                TaskListWriter.appendOutcome(outcomes, entry).apply(outcomes));
        String message = "Task " + taskId + ": " + item.title();
        if (persons) {
            message += "\n\nThe work is " + run.completedBy() + " on " + item.branch()
                    + "; this commit records the item done.";
        }
        MergeResult r =
                kit.runner.merge(new MergeRequest(ws, taskId, run.writtenBranch(item.branch()), message, kit.key(ctx)));
        return switch (r) {
            case MergeResult.Committed committed -> {
                kit.store.merged(ctx.ref(), committed.commit());
                yield new StepOutcome.Succeeded(committed.commit());
            }
        };
    }
}
