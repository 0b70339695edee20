package dev.clarity.dashboard.executions;

import java.util.List;

/** Everything the right-hand panel shows about one execution. */
public record ExecutionDetail(ExecutionRow execution, List<TaskRow> tasks, TaskRow current, long lastSeq) {}
