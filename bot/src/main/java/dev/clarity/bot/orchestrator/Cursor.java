package dev.clarity.bot.orchestrator;

import dev.clarity.tasks.ItemKind;
import dev.clarity.vocabulary.Step;

/**
 * Where an execution stands: the item ({@code null} while selecting), its kind, the step and the ERROR_SOLVE
 * attempts used so far. Persisted with every transition so that a restart resumes at exactly this step.
 */
public record Cursor(String taskId, ItemKind kind, Step step, int attempts) {
    /** How many ERROR_SOLVE attempts an item gets before human review ({@code task_runs.attempts} allows 0 to 3). */
    public static final int MAX_ATTEMPTS = 3;

    public static final Cursor START = new Cursor(null, null, Step.SELECT, 0);

    public Cursor {
        if (attempts < 0 || attempts > MAX_ATTEMPTS) {
            throw new IllegalArgumentException("attempts must be 0.." + MAX_ATTEMPTS + ": " + attempts);
        }
        if (step != Step.SELECT && taskId == null) {
            throw new IllegalArgumentException("step " + step + " needs an item");
        }
    }

    Cursor at(Step next) {
        return new Cursor(taskId, kind, next, attempts);
    }
}
