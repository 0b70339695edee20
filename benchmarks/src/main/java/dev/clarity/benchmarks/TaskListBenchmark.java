package dev.clarity.benchmarks;

import dev.clarity.tasks.Edit;
import dev.clarity.tasks.EvidenceLink;
import dev.clarity.tasks.Selection;
import dev.clarity.tasks.TaskListReader;
import dev.clarity.tasks.TaskListWriter;
import dev.clarity.tasks.TaskSelector;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Targets (issue 3): on a generated 10,000-task list of about 1 MB, parse + select ≤ 20 ms and mark ≤ 20 ms, each
 * within 15× of the floor ({@code String.lines()} over the same bytes, decoding included). The warm-up is long
 * because one operation is large (about 1 MB) and the JIT needs a few dozen of them to compile the reader.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TaskListBenchmark {
    private byte[] bytes;
    private String nextId;
    private final List<EvidenceLink> links =
            List.of(EvidenceLink.of("artifacts/x/"), EvidenceLink.of("https://github.com/o/r/pull/42"));

    @Setup
    public void setUp() {
        bytes = TaskListFixture.generate(10_000, 42);
        Selection s = TaskSelector.select(TaskListReader.parse(bytes));
        nextId = ((Selection.Next) s).item().id();
        System.out.printf(
                "%n[fixture] %d bytes, %d task lines, next item %s%n",
                bytes.length, TaskListReader.parse(bytes).tasks().size(), nextId);
    }

    @Benchmark
    public Selection parseAndSelect() {
        return TaskSelector.select(TaskListReader.parse(bytes));
    }

    @Benchmark
    public Edit mark() {
        return TaskListWriter.markDone(bytes, nextId, links);
    }

    @Benchmark
    public void floorStringLines(Blackhole bh) {
        new String(bytes, StandardCharsets.UTF_8).lines().forEach(bh::consume);
    }
}
