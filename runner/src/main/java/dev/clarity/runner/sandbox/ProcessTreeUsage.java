package dev.clarity.runner.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * The CPU time and resident memory of a process and all its descendants (bubblewrap, the shell it starts, the build
 * that shell starts), read from the kernel: CPU time through {@link ProcessHandle.Info#totalCpuDuration()} (its
 * {@code /proc/<pid>/stat} utime and stime), memory from {@code VmRSS} in {@code /proc/<pid>/status}. A process that
 * exits between listing and reading counts as zero. Shared pages are counted once per process, so the memory may be
 * somewhat more than the step really holds.
 */
record ProcessTreeUsage(long cpuNanos, long rssBytes) {
    static ProcessTreeUsage of(ProcessHandle root) {
        long cpu = 0;
        long rss = 0;
        for (ProcessHandle p : (Iterable<ProcessHandle>) Stream.concat(Stream.of(root), root.descendants())::iterator) {
            cpu += p.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
            rss += residentBytes(p.pid());
        }
        return new ProcessTreeUsage(cpu, rss);
    }

    /** {@code VmRSS} of the process (kB in the file), or 0 when it is gone or a kernel thread. */
    static long residentBytes(long pid) {
        try (Stream<String> lines = Files.lines(Path.of("/proc", Long.toString(pid), "status"))) {
            return lines.filter(l -> l.startsWith("VmRSS:"))
                    .findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) * 1024)
                    .orElse(0L);
        } catch (IOException | java.io.UncheckedIOException | NumberFormatException e) {
            return 0;
        }
    }
}
