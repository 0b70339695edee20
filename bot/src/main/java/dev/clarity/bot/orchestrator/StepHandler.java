package dev.clarity.bot.orchestrator;

/**
 * Carries out one step of an item (or SELECT) through the runner and the store, and says what came of it; the loop
 * turns that into the next position with {@link Transitions#afterStep}. A handler never moves the execution itself.
 *
 * <p>Expected outcomes (a tool that changed nothing, criteria that failed, a person's push) are {@link StepOutcome}s;
 * a runner that failed is a {@link dev.clarity.runner.api.RunnerException}, an unreadable task list a
 * {@link dev.clarity.tasks.TaskListException}, and the loop blocks or fails the execution on them. Every runner call
 * carries the step's idempotency key, so a handler run again after a crash changes nothing twice.
 */
@FunctionalInterface
public interface StepHandler {
    StepOutcome run(StepContext ctx);
}
