package dev.clarity.runner.sandbox;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns cumulative CPU time into a percentage of one core: the CPU spent since the previous reading of the same
 * process or container over the wall time between the two, or since it started at its first reading, so a reading
 * never needs to wait for a second sample. Callers {@link #forget} a key when its step ends. Thread-safe.
 */
final class CpuSamples {
    private record Sample(long cpuNanos, long atMillis) {}

    private final Map<Object, Sample> last = new ConcurrentHashMap<>();

    /**
     * @param key the process or container
     * @param cpuNanos the CPU time it has spent since it started
     * @param nowMillis when {@code cpuNanos} was read, on the same clock as {@code startedMillis}
     * @param startedMillis when it started
     */
    double percent(Object key, long cpuNanos, long nowMillis, long startedMillis) {
        Sample previous = last.put(key, new Sample(cpuNanos, nowMillis));
        Sample from = previous != null && previous.atMillis() < nowMillis ? previous : new Sample(0, startedMillis);
        long wallMillis = nowMillis - from.atMillis();
        if (wallMillis <= 0) {
            return 0;
        }
        // a descendant that exited takes its CPU time with it: the total may go down, which is no negative load
        long spent = Math.max(0, cpuNanos - from.cpuNanos());
        return spent / 1e6 * 100.0 / wallMillis;
    }

    void forget(Object key) {
        last.remove(key);
    }
}
