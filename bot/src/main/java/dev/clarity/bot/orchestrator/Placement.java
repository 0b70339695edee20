package dev.clarity.bot.orchestrator;

import java.util.Map;

/**
 * Where a claimed execution's workspace goes. Asked inside the claim's transaction with the number of running
 * executions already on each runner, so two replicas cannot both fill a runner's last slot.
 */
@FunctionalInterface
public interface Placement {
    /** One runner does everything (the in-process runner): executions carry no runner id. */
    Placement NONE = active -> new Decision.Anywhere();

    Decision choose(Map<String, Integer> runningByRunner);

    /** The answer for one claim. */
    sealed interface Decision {
        /** No choice to make: the only runner takes it. */
        record Anywhere() implements Decision {}

        /** The execution goes to this runner and stays there. */
        record On(String runnerId) implements Decision {}

        /** No runner has a free slot now; {@code reason} is the sentence a person sees on the queued execution. */
        record Nowhere(String reason) implements Decision {}
    }
}
