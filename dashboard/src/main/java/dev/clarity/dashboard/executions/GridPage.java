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
        Instant now) {}
