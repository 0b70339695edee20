package dev.clarity.bot.orchestrator.steps;

import dev.clarity.bot.orchestrator.ExecutionSnapshot;
import dev.clarity.bot.orchestrator.Mark;
import dev.clarity.bot.orchestrator.NewEvent;
import dev.clarity.bot.orchestrator.StepContext;
import dev.clarity.bot.orchestrator.StepHandler;
import dev.clarity.bot.orchestrator.StepOutcome;
import dev.clarity.bot.orchestrator.StepOutcome.NothingSelectable.Reason;
import dev.clarity.bot.orchestrator.TaskRuns;
import dev.clarity.runner.api.StandardCheck;
import dev.clarity.tasks.AtomicItem;
import dev.clarity.tasks.ItemKind;
import dev.clarity.tasks.Task;
import dev.clarity.tasks.TaskList;
import dev.clarity.tasks.TaskSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * SELECT: reads the task list, counts what is done, and takes the first atomic item that is not done, skipped or
 * taken over and whose dependencies are met (or only the item the execution was asked for). A gated item that is not
 * approved yet is selected as gated; the transition then holds it for a person. A task leaf or A line that no check
 * could ever pass (no {@code checks}, no build at the base, no criteria) ends the execution here, before any tool
 * runs, with the sentence saying what to add; a detected build is named in the progress log.
 */
final class SelectStep implements StepHandler {
    private final StepKit kit;

    SelectStep(StepKit kit) {
        this.kit = kit;
    }

    @Override
    public StepOutcome run(StepContext ctx) {
        ExecutionSnapshot snap = ctx.execution();
        TaskList list = kit.listRecorded(ctx);
        int total = list.atomicItems().size();
        int done = (int) list.atomicItems().stream().filter(Task::done).count();
        kit.store.counted(snap.id(), done, total);
        if (list.isEmpty()) {
            return new StepOutcome.NothingSelectable(Reason.NO_TASKS, "");
        }
        if (snap.onlyTask() != null) {
            return selectOnly(ctx, list);
        }
        Set<String> skipped = kit.store.marked(snap.id(), Mark.SKIPPED);
        Set<String> taken = kit.store.marked(snap.id(), Mark.TAKEN);
        Task firstNotDone = null;
        for (Task t : list.tasks()) {
            if (!t.atomic() || t.done() || skipped.contains(t.id()) || taken.contains(t.id())) {
                continue;
            }
            if (firstNotDone == null) {
                firstNotDone = t;
            }
            if (TaskSelector.unmet(list, t).isEmpty()) {
                return selected(ctx, list.describe(t));
            }
        }
        if (firstNotDone == null) {
            return new StepOutcome.NothingSelectable(Reason.ALL_DONE, "");
        }
        return new StepOutcome.NothingSelectable(
                Reason.BLOCKED,
                firstNotDone.id() + " waits for " + String.join(", ", TaskSelector.unmet(list, firstNotDone)));
    }

    private StepOutcome selectOnly(StepContext ctx, TaskList list) {
        String only = ctx.execution().onlyTask();
        var item = list.item(only);
        if (item.isEmpty() || item.get().task().done()) {
            return new StepOutcome.NothingSelectable(Reason.ALL_DONE, "");
        }
        List<String> unmet = TaskSelector.unmet(list, item.get().task());
        if (!unmet.isEmpty()) {
            return new StepOutcome.NothingSelectable(Reason.BLOCKED, only + " waits for " + String.join(", ", unmet));
        }
        return selected(ctx, item.get());
    }

    private StepOutcome selected(StepContext ctx, AtomicItem item) {
        long id = ctx.executionId();
        List<String> criteria = new ArrayList<>();
        item.criteria()
                .forEach(c -> criteria.add(c.key() + " (" + c.kind() + "/" + c.check() + ")"
                        + (c.target() == null ? "" : " " + c.target())));
        item.notMachineChecked().forEach(p -> criteria.add("not machine-checked: " + p.text()));
        kit.store.selected(
                id,
                new TaskRuns.SelectedItem(
                        item.id(),
                        item.title(),
                        String.join(
                                "\n",
                                item.dependencies().stream().map(d -> d.label()).toList()),
                        String.join("\n", criteria)));
        // a person pushed to the item's branch before the execution got here: the item is theirs from the start
        kit.store
                .markedBy(id, item.id(), Mark.PUSHED)
                .ifPresent(login -> kit.store.pushedByPerson(id, item.id(), login));
        if (item.kind() == ItemKind.TASK || item.kind() == ItemKind.CHECK_A) {
            switch (kit.runner.standardCheck(ctx.workspaceId())) {
                case StandardCheck.NotFound none
                when item.criteria().isEmpty() -> {
                    // no check could ever pass the item: stop before any tool runs, saying what to add
                    return new StepOutcome.NothingSelectable(Reason.NO_CHECKS, none.advice());
                }
                case StandardCheck.Detected detected ->
                    kit.store.log(id, NewEvent.at(ctx.cursor(), "step", detected.describe()));
                default -> {}
            }
        }
        boolean gated = item.kind() == ItemKind.TASK
                && ctx.repo().gated(item.title())
                && !kit.store.marked(id, Mark.APPROVED).contains(item.id());
        return new StepOutcome.Selected(item.id(), item.kind(), gated);
    }
}
