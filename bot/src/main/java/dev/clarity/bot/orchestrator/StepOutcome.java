package dev.clarity.bot.orchestrator;

import dev.clarity.tasks.ItemKind;
import dev.clarity.vocabulary.Step;

/** What carrying out one step produced; the input of {@link Transitions#afterStep}. */
public sealed interface StepOutcome {
    /** SELECT found an item; {@code gated} when its title matches a gate and it is not approved yet. */
    record Selected(String taskId, ItemKind kind, boolean gated) implements StepOutcome {}

    /** SELECT found nothing to do. */
    record NothingSelectable(Reason reason, String detail) implements StepOutcome {
        public enum Reason {
            ALL_DONE,
            BLOCKED,
            NO_TASKS,
            /**
             * The selected item could never pass: no checks configured, no build found at its base, no criteria of its
             * own; {@code detail} says in one sentence what to add to {@code .clarity.yml}.
             */
            NO_CHECKS
        }
    }

    /** The step did what it should (branch made, tool changed files, criteria passed, commit made, pushed). */
    record Succeeded(String detail) implements StepOutcome {}

    /** The step's own work did not succeed (tool changed nothing, criteria failed, push refused). */
    record Failed(String summary) implements StepOutcome {}

    /**
     * The step cannot succeed until a person changes something outside the item — the tool's program cannot be
     * started (not installed, not on the runner's PATH, not in the image) — so no repair attempt is spent: the item
     * waits in human review with {@code reason}.
     */
    record NeedsPerson(String reason) implements StepOutcome {}

    /**
     * The step could not do its work because of something outside the item that a person sets right without touching
     * the item (the user's checkout the push would move has changes of its own): the execution waits BLOCKED at the
     * same step with {@code reason}, and a resume runs the step again. No attempt is spent.
     */
    record Waiting(String reason) implements StepOutcome {}

    /**
     * A person pushed to the item's branch: the item is theirs now. Clarity stops writing to that branch and checks
     * the person's commit instead ({@link Step#HUMAN_CHECK}).
     */
    record TakenByPerson(String summary) implements StepOutcome {}

    /**
     * The step held the item for a person's approval and stored the hold ({@link Hold}): a tool changed protected
     * files, or the diff trips a {@code risk:} rule. {@code reason} names the files and the rule.
     */
    record Held(String reason) implements StepOutcome {}
}
