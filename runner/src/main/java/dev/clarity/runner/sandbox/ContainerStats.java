package dev.clarity.runner.sandbox;

import com.github.dockerjava.api.model.CpuStatsConfig;
import com.github.dockerjava.api.model.MemoryStatsConfig;
import com.github.dockerjava.api.model.Statistics;
import java.util.Optional;

/**
 * Reads the figures of one {@code GET /containers/{id}/stats?stream=false} answer. Docker fills {@code precpu_stats}
 * with a sample a second earlier, and the CPU percentage is its usual formula (container CPU delta over system CPU
 * delta, times the online CPUs); Podman leaves {@code precpu_stats} empty, and then the percentage comes from
 * {@link CpuSamples} (this reading against the previous one of the same container). Memory is the usage less the
 * inactive page cache, as {@code docker stats} shows it.
 */
record ContainerStats(long cpuNanos, Optional<Double> enginePercent, long memoryBytes) {
    static ContainerStats of(Statistics s) {
        CpuStatsConfig now = s.getCpuStats();
        long cpu = now == null || now.getCpuUsage() == null
                ? 0
                : orZero(now.getCpuUsage().getTotalUsage());
        return new ContainerStats(cpu, enginePercent(now, s.getPreCpuStats()), memory(s.getMemoryStats()));
    }

    private static Optional<Double> enginePercent(CpuStatsConfig now, CpuStatsConfig before) {
        if (now == null || before == null || now.getCpuUsage() == null || before.getCpuUsage() == null) {
            return Optional.empty();
        }
        long system = orZero(now.getSystemCpuUsage()) - orZero(before.getSystemCpuUsage());
        long container = orZero(now.getCpuUsage().getTotalUsage())
                - orZero(before.getCpuUsage().getTotalUsage());
        if (orZero(before.getSystemCpuUsage()) == 0 || system <= 0 || container < 0) {
            return Optional.empty();
        }
        long cpus = orZero(now.getOnlineCpus());
        if (cpus == 0 && now.getCpuUsage().getPercpuUsage() != null) {
            cpus = now.getCpuUsage().getPercpuUsage().size();
        }
        return Optional.of((double) container / system * Math.max(1, cpus) * 100.0);
    }

    private static long memory(MemoryStatsConfig m) {
        if (m == null) {
            return 0;
        }
        long usage = orZero(m.getUsage());
        long cache = 0;
        if (m.getStats() != null) {
            // cgroup v2 names it inactive_file, v1 total_inactive_file
            cache = m.getStats().getInactiveFile() != null
                    ? m.getStats().getInactiveFile()
                    : orZero(m.getStats().getTotalInactiveFile());
        }
        return cache > 0 && cache < usage ? usage - cache : usage;
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
