package dev.clarity.benchmarks.kit;

import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.ExecutionControls;
import dev.clarity.dashboard.controls.StartRequest;
import java.util.Optional;

/** Execution controls for load generators, which never press a control: every one is refused. */
final class Refusing implements ExecutionControls {
    private static final ControlOutcome NO = new ControlOutcome.Refused("benchmark");

    @Override
    public ControlOutcome start(StartRequest request) {
        return NO;
    }

    @Override
    public ControlOutcome stop(long executionId, Actor actor) {
        return NO;
    }

    @Override
    public ControlOutcome stopAfter(long executionId, String taskId, Actor actor) {
        return NO;
    }

    @Override
    public ControlOutcome resume(long executionId, Actor actor) {
        return NO;
    }

    @Override
    public ControlOutcome retry(long executionId, String taskId, Actor actor) {
        return NO;
    }

    @Override
    public ControlOutcome skip(long executionId, String taskId, Actor actor) {
        return NO;
    }

    @Override
    public ControlOutcome approve(long executionId, String taskId, Actor actor) {
        return NO;
    }

    @Override
    public ControlOutcome override(long executionId, String taskId, boolean take, Actor actor) {
        return NO;
    }

    @Override
    public ControlOutcome toolOverride(long executionId, String tool, Actor actor) {
        return NO;
    }

    @Override
    public Optional<Long> currentExecution(long projectId) {
        return Optional.empty();
    }
}
