package dev.clarity.bot.orchestrator;

/**
 * The orchestrator's store, split by concern: {@link Executions} (executions and their events), {@link Claims}
 * (claims, leases and placement) and {@link TaskRuns} (the items of an execution). One instance per process; a
 * class that needs only one concern takes that interface.
 */
public interface ExecutionStore extends Executions, Claims, TaskRuns, Holds {}
