package dev.clarity.runner.api;

import java.util.List;

/**
 * What {@code GET /usage} of a runner reports: the CPU and memory of every step running there now, one entry per
 * workspace. Nothing running is an empty list, never null.
 */
public record RunnerUsage(List<StepUsage> steps) {
    public RunnerUsage {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    public static RunnerUsage idle() {
        return new RunnerUsage(List.of());
    }

    /** The runner's CPU over all its running steps, in percent of one core. */
    public double totalCpuPercent() {
        return steps.stream().mapToDouble(StepUsage::cpuPercent).sum();
    }

    /** The runner's memory over all its running steps. */
    public long totalMemoryBytes() {
        return steps.stream().mapToLong(StepUsage::memoryBytes).sum();
    }
}
