package dev.clarity.dashboard.executions;

import java.util.List;

/**
 * A runner as the left panel shows it: how many step slots it has and how many are in use, whether it answered the
 * last time it was asked, the version of Clarity it runs ({@code "unknown"} when it did not say), a detail: its
 * sandbox engine when it answered, else why it did not, and what each execution's running step uses there.
 */
public record RunnerSlot(
        String name, int capacity, int busy, boolean reachable, String version, String detail, List<StepLoad> steps) {
    public RunnerSlot {
        version = version == null || version.isBlank() ? "unknown" : version;
        detail = detail == null ? "" : detail;
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** A runner whose steps' figures are not known. */
    public RunnerSlot(String name, int capacity, int busy, boolean reachable, String version, String detail) {
        this(name, capacity, busy, reachable, version, detail, List.of());
    }

    /** A runner without version or detail. */
    public RunnerSlot(String name, int capacity, int busy, boolean reachable) {
        this(name, capacity, busy, reachable, null, null);
    }

    public int free() {
        return Math.max(0, capacity - busy);
    }

    /** The CPU of all its running steps, as the panel prints it ("137% CPU"). */
    public String cpu() {
        return StepLoad.cpu(steps.stream().mapToDouble(StepLoad::cpuPercent).sum());
    }

    /** The memory of all its running steps, as the panel prints it. */
    public String memory() {
        return StepLoad.memory(steps.stream().mapToLong(StepLoad::memoryBytes).sum());
    }
}
