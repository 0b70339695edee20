package dev.clarity.dashboard.executions;

/** A runner as the left panel shows it: how many executions it can take and how many it runs now. */
public record RunnerSlot(String name, int capacity, int busy, boolean reachable) {
    public int free() {
        return Math.max(0, capacity - busy);
    }
}
