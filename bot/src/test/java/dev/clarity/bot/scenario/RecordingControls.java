package dev.clarity.bot.scenario;

import dev.clarity.bot.orchestrator.ports.IdempotentControls;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.ExecutionControls;
import dev.clarity.dashboard.controls.StartRequest;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * ExecutionControls that record each call as a line and accept it; {@link #current} sets the active execution.
 * {@link #once} keeps answers by request key in memory, as the real controls keep them in PostgreSQL.
 */
final class RecordingControls implements IdempotentControls {
    final List<String> calls = new CopyOnWriteArrayList<>();
    private final java.util.Map<String, String> answers = new java.util.HashMap<>();

    @Override
    public synchronized String once(String requestKey, java.util.function.Function<ExecutionControls, String> work) {
        return answers.computeIfAbsent(requestKey, k -> work.apply(this));
    }

    volatile Optional<Long> current = Optional.empty();

    private ControlOutcome accept(String call, long executionId, String message) {
        calls.add(call);
        return new ControlOutcome.Accepted(executionId, message);
    }

    @Override
    public ControlOutcome start(StartRequest r) {
        return accept(
                "start project=" + r.projectId() + " by=" + r.actor().login() + " via="
                        + r.actor().via() + " stopAfter=" + r.stopAfter() + " task=" + r.onlyTask() + " tool="
                        + r.tool(),
                41,
                "Execution #41 is queued" + (r.stopAfter() == null ? "" : "; it will pause after " + r.stopAfter())
                        + ".");
    }

    @Override
    public ControlOutcome stop(long id, Actor a) {
        return accept("stop " + id + " by=" + a.login(), id, "Execution #" + id + " is stopping.");
    }

    @Override
    public ControlOutcome stopAfter(long id, String taskId, Actor a) {
        return accept("stopAfter " + id + " " + taskId, id, "Execution #" + id + " will pause after " + taskId + ".");
    }

    @Override
    public ControlOutcome resume(long id, Actor a) {
        return accept("resume " + id, id, "Execution #" + id + " resumes.");
    }

    @Override
    public ControlOutcome retry(long id, String taskId, Actor a) {
        return accept("retry " + id + " " + taskId + " via=" + a.via(), id, "Item " + taskId + " gets fresh attempts.");
    }

    @Override
    public ControlOutcome skip(long id, String taskId, Actor a) {
        return accept("skip " + id + " " + taskId, id, "Item " + taskId + " is skipped.");
    }

    @Override
    public ControlOutcome approve(long id, String taskId, Actor a) {
        return accept("approve " + id + " " + taskId, id, "Item " + taskId + " is released.");
    }

    @Override
    public ControlOutcome override(long id, String taskId, boolean take, Actor a) {
        return accept("override " + id + " " + taskId + " " + take, id, "ok");
    }

    @Override
    public ControlOutcome toolOverride(long id, String tool, Actor a) {
        return accept("tool " + id + " " + tool, id, "ok");
    }

    @Override
    public Optional<Long> currentExecution(long projectId) {
        return current;
    }

    /** What {@link #status} answers; empty by default (then the handler falls back to the execution's number). */
    volatile Optional<dev.clarity.dashboard.controls.ExecutionStatus> status = Optional.empty();

    @Override
    public Optional<dev.clarity.dashboard.controls.ExecutionStatus> status(long projectId) {
        return status;
    }
}
