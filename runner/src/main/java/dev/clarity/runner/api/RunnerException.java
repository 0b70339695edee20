package dev.clarity.runner.api;

/** The runner could not do what was asked for a reason outside the task (disk, network, engine, bug). */
public class RunnerException extends RuntimeException {
    public RunnerException(String message) {
        super(message);
    }

    public RunnerException(String message, Throwable cause) {
        super(message, cause);
    }
}
