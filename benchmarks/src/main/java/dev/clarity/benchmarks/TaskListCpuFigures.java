package dev.clarity.benchmarks;

import dev.clarity.tasks.EvidenceLink;
import dev.clarity.tasks.Selection;
import dev.clarity.tasks.TaskListReader;
import dev.clarity.tasks.TaskListWriter;
import dev.clarity.tasks.TaskSelector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * The same three operations as {@link TaskListBenchmark}, measured in CPU time of the calling thread rather than
 * wall-clock time, so that the figures mean something on a machine shared with other work. Prints the median
 * and best of 100 runs after 100 warm-up runs. Run: {@code java -cp benchmarks/target/benchmarks.jar
 * dev.clarity.benchmarks.TaskListCpuFigures}.
 */
public final class TaskListCpuFigures {
    private TaskListCpuFigures() {}

    public static void main(String[] args) {
        byte[] bytes = TaskListFixture.generate(10_000, 42);
        String next = ((Selection.Next) TaskSelector.select(TaskListReader.parse(bytes)))
                .item()
                .id();
        List<EvidenceLink> links =
                List.of(EvidenceLink.of("artifacts/x/"), EvidenceLink.of("https://github.com/o/r/pull/42"));
        System.out.printf("fixture: %d bytes, 10000 task lines%n", bytes.length);
        report(
                "floor (String.lines)",
                () -> new String(bytes, StandardCharsets.UTF_8).lines().count());
        report("parse + select", () -> TaskSelector.select(TaskListReader.parse(bytes)));
        report("mark", () -> TaskListWriter.markDone(bytes, next, links));
    }

    private static void report(String name, Supplier<Object> op) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Object sink = null;
        for (int i = 0; i < 100; i++) {
            sink = op.get();
        }
        long[] cpu = new long[100];
        for (int i = 0; i < cpu.length; i++) {
            long start = mx.getCurrentThreadCpuTime();
            sink = op.get();
            cpu[i] = mx.getCurrentThreadCpuTime() - start;
        }
        Arrays.sort(cpu);
        System.out.printf(
                "%-22s cpu median %6.2f ms, best %6.2f ms%s%n",
                name, cpu[50] / 1e6, cpu[0] / 1e6, sink == null ? "?" : "");
    }
}
