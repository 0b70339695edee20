package dev.clarity.migrations;

/**
 * The database could not be made ready. The message is one sentence meant for the person who started
 * Clarity: what was being done and what to do about it.
 */
public final class DatabaseStartException extends RuntimeException {
    public DatabaseStartException(String message) {
        super(message);
    }

    public DatabaseStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
