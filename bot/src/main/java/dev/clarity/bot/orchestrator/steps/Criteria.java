package dev.clarity.bot.orchestrator.steps;

import dev.clarity.bot.orchestrator.Evidence;
import dev.clarity.bot.orchestrator.NewEvent;
import dev.clarity.bot.orchestrator.RunnerCriteria;
import dev.clarity.bot.orchestrator.StepContext;
import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.api.VerifyRequest;
import dev.clarity.runner.api.VerifyResult;
import dev.clarity.tasks.AtomicItem;
import dev.clarity.tasks.Edit;
import dev.clarity.tasks.ItemKind;
import dev.clarity.tasks.TaskList;
import dev.clarity.tasks.TaskListWriter;
import java.util.List;

/**
 * An item's criteria, as VERIFY and HUMAN_CHECK run them (the same way, on Clarity's work or on a person's), and the
 * repository's default criteria that PREP and HUMAN_CHECK write under a bare B line.
 */
final class Criteria {
    private final StepKit kit;

    Criteria(StepKit kit) {
        this.kit = kit;
    }

    /**
     * Runs the item's criteria (and, for a leaf or an A line, the standard checks) in the workspace as it is, and
     * records what they found. With {@code requireWork}, a task leaf whose net change is empty (protected files aside)
     * fails, and a passing leaf's diff is read for risks.
     */
    VerifyResult run(StepContext ctx, String key, boolean requireWork) {
        TaskList list = kit.list(ctx);
        AtomicItem item = kit.item(ctx, list);
        ItemKind kind = ctx.cursor().kind();
        List<CriterionSpec> criteria = kind == ItemKind.CHECK_A ? List.of() : RunnerCriteria.specs(item.criteria());
        boolean standard = kind == ItemKind.TASK || kind == ItemKind.CHECK_A;
        // a task leaf must change something besides Clarity's own files (spec tasks-list §3); a person's commit
        // (HUMAN_CHECK) and check lines are judged by their criteria alone
        boolean workRequired = requireWork && kind == ItemKind.TASK;
        VerifyResult r = kit.runner.verify(new VerifyRequest(
                ctx.workspaceId(),
                ctx.taskId(),
                criteria,
                standard,
                key,
                workRequired,
                List.of(ctx.repo().tasksPath(), ctx.repo().outcomesPath()),
                kit.protectedFiles(ctx, list),
                // Clarity's own work is read for risks before it is committed; a person's commit is theirs
                workRequired));
        kit.memory.verified(ctx, r);
        String summary = summary(r);
        boolean passed = r instanceof VerifyResult.Passed;
        kit.store.verified(
                ctx.ref(),
                new Evidence(
                        r.passed().size(),
                        r.failed().size(),
                        item.notMachineChecked().size(),
                        StepKit.artifacts(ctx),
                        summary,
                        r.reports().stream().filter(report -> !report.passed()).toList()));
        kit.store.log(
                ctx.executionId(),
                NewEvent.at(
                                ctx.cursor(),
                                "check",
                                passed ? "passed: " + String.join(", ", r.passed()) : "failed: " + summary)
                        .warnIf(!passed));
        return r;
    }

    /** The failed criteria in one line: {@code key: summary; key: summary}. */
    static String summary(VerifyResult r) {
        return r.failed().stream()
                .map(f -> f.criterionKey() + ": " + f.summary())
                .reduce((a, b) -> a + "; " + b)
                .orElse("");
    }

    /** Missing criteria of a B line get the repository's defaults, in the file, once (spec tasks-list §3). */
    void injectDefaults(StepContext ctx, AtomicItem item) {
        var defaults = ctx.repo().defaults();
        if (!item.missingCriteria() || defaults.isEmpty()) {
            return;
        }
        String ws = ctx.workspaceId();
        String path = ctx.repo().tasksPath();
        byte[] bytes = kit.files.read(ws, path).orElseThrow();
        Edit edit = TaskListWriter.injectDefaultCriteria(bytes, ctx.taskId(), RunnerCriteria.attributes(defaults));
        if (edit instanceof Edit.Changed changed) {
            kit.files.write(ws, path, changed.bytes());
            kit.store.log(
                    ctx.executionId(),
                    NewEvent.at(
                            ctx.cursor(),
                            "step",
                            "injected " + defaults.size() + " default criteria under " + ctx.taskId()));
        }
    }
}
