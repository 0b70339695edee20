package dev.clarity.bot.orchestrator;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action once a step has taken too long: the loop cancels a step whose item or execution runs out of wall-time
 * budget while it runs. Closing the handle before then means the action never runs.
 */
@FunctionalInterface
public interface StepTimer {
    /** A scheduled action; closing it cancels it (nothing happens when it already ran). */
    interface Handle extends AutoCloseable {
        @Override
        void close();
    }

    Handle after(Duration delay, Runnable action);

    /** Never runs anything: no wall-time budget is enforced during a step (it is still checked after it). */
    StepTimer NONE = (delay, action) -> () -> {};

    /** On {@code scheduler}, which must keep running while executions do (the orchestrator's timer). */
    static StepTimer on(ScheduledExecutorService scheduler) {
        return (delay, action) -> {
            var future = scheduler.schedule(action, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
            return () -> future.cancel(false);
        };
    }
}
