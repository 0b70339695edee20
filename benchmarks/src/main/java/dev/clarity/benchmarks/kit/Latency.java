package dev.clarity.benchmarks.kit;

/** Percentiles of one endpoint's timed requests, in milliseconds. */
public record Latency(double p50, double p95, double p99) {
    /** From samples sorted ascending (nearest-rank percentiles). */
    static Latency of(double[] sorted) {
        return new Latency(rank(sorted, 50), rank(sorted, 95), rank(sorted, 99));
    }

    private static double rank(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }
}
