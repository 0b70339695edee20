package dev.clarity.bot.orchestrator.ports;

import dev.clarity.dashboard.controls.ExecutionControls;
import java.util.function.Function;

/**
 * A port of the orchestrator: {@link ExecutionControls} whose effect can be tied to the request that asked for it,
 * so that the same request handled twice (a webhook delivery handled again after a crash, one comment delivered
 * twice) has its effect once.
 */
public interface IdempotentControls extends ExecutionControls {
    /**
     * Carries out {@code work} on the controls at most once per {@code requestKey} and returns its answer. The first
     * call keeps the answer in the same transaction as the effect; a later call with the same key changes nothing
     * and returns that answer. Calls with the same key at the same time wait for each other.
     *
     * @param requestKey what asked for it: {@code comment/<comment id>}, {@code delivery/<id>}
     * @param work the control (or controls) to carry out; must return a non-null answer
     */
    String once(String requestKey, Function<ExecutionControls, String> work);

    /**
     * Thrown by {@link #once} when the controls take nothing now (Clarity is shutting down): nothing was kept for the
     * key, so the same request handled later has its effect then.
     */
    final class NotNow extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotNow(String message) {
            super(message);
        }
    }
}
