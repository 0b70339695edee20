package dev.clarity.dashboard.executions;

import java.util.Locale;

/**
 * What the step an execution runs now uses on its runner: CPU in percent of one core (200 is two cores busy) and
 * memory in bytes, as the runner measured them at the last survey.
 */
public record StepLoad(long executionId, double cpuPercent, long memoryBytes) {
    public StepLoad {
        cpuPercent = Double.isFinite(cpuPercent) ? Math.max(0, cpuPercent) : 0;
        memoryBytes = Math.max(0, memoryBytes);
    }

    /** "37% CPU"; one decimal under 10% so a light step does not read as idle. */
    public String cpu() {
        return cpu(cpuPercent);
    }

    /** "412 MB" (binary units, as the engines report limits). */
    public String memory() {
        return memory(memoryBytes);
    }

    static String cpu(double percent) {
        return (percent < 10
                        ? String.format(Locale.ROOT, "%.1f", percent)
                        : String.format(Locale.ROOT, "%.0f", percent))
                + "% CPU";
    }

    static String memory(long bytes) {
        if (bytes < 1L << 20) {
            return (bytes >> 10) + " KB";
        }
        if (bytes < 1L << 30) {
            return (bytes >> 20) + " MB";
        }
        return String.format(Locale.ROOT, "%.1f GB", bytes / (double) (1L << 30));
    }
}
