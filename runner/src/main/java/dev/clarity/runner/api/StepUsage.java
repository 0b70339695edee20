package dev.clarity.runner.api;

import java.util.Objects;

/**
 * What the step running now in one workspace uses: CPU as a percentage of one core (200 is two cores busy) since the
 * previous reading of this step (since the step started, at the first reading), the CPU time it has spent so far,
 * and the memory it holds now (resident memory of its processes, or the container's memory less its page cache).
 */
public record StepUsage(String workspaceId, double cpuPercent, double cpuSeconds, long memoryBytes) {
    public StepUsage {
        Objects.requireNonNull(workspaceId, "workspaceId");
        cpuPercent = Double.isFinite(cpuPercent) ? Math.max(0, cpuPercent) : 0;
        cpuSeconds = Double.isFinite(cpuSeconds) ? Math.max(0, cpuSeconds) : 0;
        memoryBytes = Math.max(0, memoryBytes);
    }

    /** Two readings of the same workspace (two steps at once, as a check beside a tool) as one. */
    public StepUsage plus(StepUsage other) {
        return new StepUsage(
                workspaceId,
                cpuPercent + other.cpuPercent,
                cpuSeconds + other.cpuSeconds,
                memoryBytes + other.memoryBytes);
    }
}
