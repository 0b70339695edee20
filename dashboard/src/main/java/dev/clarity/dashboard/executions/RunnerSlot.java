package dev.clarity.dashboard.executions;

/**
 * A runner as the left panel shows it: how many step slots it has and how many are in use, whether it answered the
 * last time it was asked, the version of Clarity it runs ({@code "unknown"} when it did not say), and a detail: its
 * sandbox engine when it answered, else why it did not.
 */
public record RunnerSlot(String name, int capacity, int busy, boolean reachable, String version, String detail) {
    public RunnerSlot {
        version = version == null || version.isBlank() ? "unknown" : version;
        detail = detail == null ? "" : detail;
    }

    /** A runner without version or detail. */
    public RunnerSlot(String name, int capacity, int busy, boolean reachable) {
        this(name, capacity, busy, reachable, null, null);
    }

    public int free() {
        return Math.max(0, capacity - busy);
    }
}
