package dev.clarity.runner.sandbox;

import java.time.Duration;

/**
 * How a step ended. {@code exitCode} is meaningful only for {@link Ending#EXITED}; {@code outputTruncated} says
 * lines beyond the sandbox's output limit were dropped.
 */
public record SandboxResult(Ending ending, int exitCode, Duration duration, boolean outputTruncated) {
    public enum Ending {
        /** The command ended by itself with {@code exitCode}. */
        EXITED,
        /** The wall-clock timeout passed and the step was killed. */
        TIMED_OUT,
        /** {@link Sandbox#cancel(String)} killed the step. */
        CANCELLED,
        /**
         * The step's program could not be started (not found, or not executable); an output line says why. {@code
         * exitCode} is 127.
         */
        NOT_STARTED
    }

    public boolean succeeded() {
        return ending == Ending.EXITED && exitCode == 0;
    }
}
