package dev.clarity.bot.app;

import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.ExecutionControls;
import dev.clarity.dashboard.controls.StartRequest;
import java.util.Optional;

/**
 * The controls of a process in which no orchestrator runs: every control is refused with a sentence saying so, so
 * that a comment command still gets an honest reply. The composition root replaces it with the orchestrator.
 */
final class ControlsNotWired implements ExecutionControls {
    private static final ControlOutcome REFUSED = new ControlOutcome.Refused(
            "this Clarity server runs without an orchestrator, so it cannot run executions.");

    @Override
    public ControlOutcome start(StartRequest request) {
        return REFUSED;
    }

    @Override
    public ControlOutcome stop(long executionId, Actor actor) {
        return REFUSED;
    }

    @Override
    public ControlOutcome stopAfter(long executionId, String taskId, Actor actor) {
        return REFUSED;
    }

    @Override
    public ControlOutcome resume(long executionId, Actor actor) {
        return REFUSED;
    }

    @Override
    public ControlOutcome retry(long executionId, String taskId, Actor actor) {
        return REFUSED;
    }

    @Override
    public ControlOutcome skip(long executionId, String taskId, Actor actor) {
        return REFUSED;
    }

    @Override
    public ControlOutcome approve(long executionId, String taskId, Actor actor) {
        return REFUSED;
    }

    @Override
    public ControlOutcome override(long executionId, String taskId, boolean take, Actor actor) {
        return REFUSED;
    }

    @Override
    public ControlOutcome toolOverride(long executionId, String tool, Actor actor) {
        return REFUSED;
    }

    @Override
    public Optional<Long> currentExecution(long projectId) {
        return Optional.empty();
    }
}
