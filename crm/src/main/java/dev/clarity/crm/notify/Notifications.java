package dev.clarity.crm.notify;

import org.jooq.DSLContext;

/**
 * The port the orchestrator calls when an execution stops running (completed, paused, blocked). Implementations
 * join the caller's transaction ({@code tx}), so the transition and what it queues commit together or not at all;
 * they must not throw for anything but a database failure (which rolls the transition back with it).
 */
public interface Notifications {
    void executionStopped(DSLContext tx, ExecutionStopped event);

    /** Tells no one: mail is not configured, or a test does not care. */
    Notifications NONE = (tx, event) -> {};
}
