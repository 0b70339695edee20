package dev.clarity.dashboard.controls;

import java.util.Optional;

/**
 * Every control on executions and their items. Each call is checked and carried out by the orchestrator, written
 * to the audit table, and reflected in the GitHub progress comment when the project is on GitHub. Implementations
 * are thread-safe and return quickly: long work happens on the orchestrator's threads.
 */
public interface ExecutionControls {
    /** Queues a new execution; refused when the project is unknown or archived. Queues behind an active one. */
    ControlOutcome start(StartRequest request);

    /** Emergency stop: the running step is cancelled, state kept, badge STOPPED. */
    ControlOutcome stop(long executionId, Actor actor);

    /** Finish {@code taskId}, then pause. */
    ControlOutcome stopAfter(long executionId, String taskId, Actor actor);

    /** Continue a stopped, paused or blocked execution at the exact step that was interrupted. */
    ControlOutcome resume(long executionId, Actor actor);

    /** Give an item in HUMAN_REVIEW a fresh set of attempts; {@code taskId} null means the current item. */
    ControlOutcome retry(long executionId, String taskId, Actor actor);

    /** Mark the item SKIPPED and move on. */
    ControlOutcome skip(long executionId, String taskId, Actor actor);

    /** Release an item held by a gate. */
    ControlOutcome approve(long executionId, String taskId, Actor actor);

    /** A person takes ({@code take=true}) or releases an item; Clarity leaves a taken item alone. */
    ControlOutcome override(long executionId, String taskId, boolean take, Actor actor);

    /** Use {@code tool} for the rest of the execution. */
    ControlOutcome toolOverride(long executionId, String tool, Actor actor);

    /** The execution that currently holds the project (running, paused, blocked or stopped), if any. */
    Optional<Long> currentExecution(long projectId);

    /** Where the execution that holds the project stands, if there is one; empty where the caller cannot say. */
    default Optional<ExecutionStatus> status(long projectId) {
        return Optional.empty();
    }
}
