package dev.clarity.dashboard.executions;

import dev.clarity.dashboard.web.Chrome;
import java.time.Instant;
import java.util.List;

/** The model of the three-panel executions grid; {@code selected} is null when no execution is selected. */
public record GridPage(
        Chrome chrome,
        List<Overview.CustomerLine> customers,
        List<Overview.ProjectLine> projects,
        List<RunnerSlot> runners,
        List<ExecutionRow> rows,
        ExecutionDetail selected,
        Instant now) {
    /** What the execution's running step uses on its runner now, or null when no runner reported it. */
    public StepLoad load(long executionId) {
        for (RunnerSlot runner : runners) {
            for (StepLoad step : runner.steps()) {
                if (step.executionId() == executionId) {
                    return step;
                }
            }
        }
        return null;
    }
}
