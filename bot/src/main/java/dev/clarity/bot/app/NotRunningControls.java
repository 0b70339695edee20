package dev.clarity.bot.app;

import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.ExecutionControls;
import dev.clarity.dashboard.controls.StartRequest;
import java.util.Optional;

/**
 * The controls while no orchestrator is wired into this process: every control is refused with a sentence that
 * says so, and nothing holds a project. Replaced by the orchestrator in the composition root.
 */
final class NotRunningControls implements ExecutionControls {
    private static final ControlOutcome REFUSED = new ControlOutcome.Refused("The orchestrator is not running.");

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
