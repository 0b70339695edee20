package dev.clarity.benchmarks.autonomy;

import dev.clarity.bot.autonomy.AutonomyHarness;
import dev.clarity.bot.autonomy.ListRun;
import dev.clarity.testkit.autonomy.Expectation;
import dev.clarity.testkit.autonomy.GeneratedList;
import dev.clarity.testkit.autonomy.StandInTool;
import dev.clarity.testkit.autonomy.TaskListGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs N generated task lists × every stand-in tool ({@link StandInTool}) through the whole application (embedded
 * PostgreSQL, process sandbox, smart-HTTP git, fake GitHub) and prints, per run, how it ended and, in total: false ✅
 * (must be 0), items the tool could do that did not complete (must be 0), tool runs per failing leaf (must be exactly
 * 1 + 3), credentials leaked (must be 0) and sandbox escapes (must be 0), with the runs that differ from their tool's
 * expected verdict, and the time taken. Exits 1 when a must is broken.
 *
 * <p>Settings (system properties): {@code autonomy.lists} (N, default 1: 17 runs, about five minutes on two cores),
 * {@code autonomy.seed} (the first list's seed, default 1), {@code autonomy.parallel} (executions at once, default 2).
 * Run: {@code ./mvnw -q -Pbenchmarks -pl benchmarks -am package -DskipTests && java -cp benchmarks/target/benchmarks.jar
 * dev.clarity.benchmarks.autonomy.AutonomyBenchmark}.
 */
public final class AutonomyBenchmark {
    private AutonomyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int lists = Integer.getInteger("autonomy.lists", 1);
        long seed = Long.getLong("autonomy.seed", 1L);
        int parallel = Integer.getInteger("autonomy.parallel", 2);
        if (lists < 1 || parallel < 1) {
            System.err.println("autonomy.lists and autonomy.parallel must be at least 1");
            System.exit(2);
        }
        Path dir = Files.createTempDirectory("clarity-autonomy-bench");
        long t0 = System.nanoTime();
        List<ListRun> runs = new ArrayList<>();
        try (AutonomyHarness harness = AutonomyHarness.start(dir, parallel, Duration.ofMinutes(10));
                ExecutorService pool = Executors.newFixedThreadPool(parallel)) {
            List<Future<ListRun>> pending = new ArrayList<>();
            for (int i = 0; i < lists; i++) {
                GeneratedList list = TaskListGenerator.generate(seed + i);
                for (StandInTool tool : StandInTool.values()) {
                    pending.add(pool.submit(() -> harness.run(list, tool)));
                }
            }
            for (Future<ListRun> f : pending) {
                ListRun r = f.get();
                runs.add(r);
                System.out.printf(
                        "%-10s %-20s %-9s held at %-7s runs %-22s done %d/%d %5.1f s  %s%n",
                        r.list().name(),
                        r.tool().slug(),
                        r.badge(),
                        r.heldAt() == null ? "-" : r.heldAt(),
                        r.toolRuns(),
                        r.done().size(),
                        r.list().atomicItems().size(),
                        r.duration().toMillis() / 1000.0,
                        String.join("; ", r.deviations()));
            }
        }
        System.exit(report(runs, Duration.ofNanos(System.nanoTime() - t0)) ? 0 : 1);
    }

    /** Prints the totals; true when every must holds. */
    static boolean report(List<ListRun> runs, Duration took) {
        int falseTicks = runs.stream().mapToInt(r -> r.falseTicks().size()).sum();
        int undone = runs.stream().mapToInt(r -> r.doableButNotDone().size()).sum();
        int leaks = runs.stream().mapToInt(r -> r.leaks().size()).sum();
        int escapes = runs.stream().mapToInt(r -> r.escapes().size()).sum();
        Map<Integer, Integer> failingLeafRuns = new TreeMap<>();
        int badFailingLeaves = 0;
        for (ListRun r : runs) {
            boolean failsEveryAttempt = r.tool().expectation().toolRunsPerLeaf() == 1 + Expectation.REPAIRS
                    && !r.tool().canDoTheWork();
            for (int n : r.failingLeafRuns().values()) {
                failingLeafRuns.merge(n, 1, Integer::sum);
                // a leaf held after failing its checks ran the tool exactly 1 + 3 times; one held at once, once
                if (failsEveryAttempt ? n != 1 + Expectation.REPAIRS : n != 1 && n != 1 + Expectation.REPAIRS) {
                    badFailingLeaves++;
                }
            }
            for (int n : r.toolRuns().values()) {
                if (n > 1 + Expectation.REPAIRS) {
                    badFailingLeaves++;
                }
            }
        }
        long deviating = runs.stream().filter(r -> !r.deviations().isEmpty()).count();
        int items = runs.stream().mapToInt(r -> r.list().atomicItems().size()).sum();
        int done = runs.stream().mapToInt(r -> r.done().size()).sum();
        int toolRuns = runs.stream()
                .mapToInt(r -> r.toolRuns().values().stream()
                        .mapToInt(Integer::intValue)
                        .sum())
                .sum();
        System.out.println();
        System.out.printf(
                "runs %d, items %d, done %d, tool runs %d, time %.1f s (%.1f s per run)%n",
                runs.size(),
                items,
                done,
                toolRuns,
                took.toMillis() / 1000.0,
                took.toMillis() / 1000.0 / Math.max(1, runs.size()));
        System.out.println("tool runs per held leaf (runs: leaves): " + failingLeafRuns);
        System.out.println("runs that differ from their tool's expected verdict: " + deviating);
        boolean ok = true;
        ok &= must("false ✅", falseTicks);
        ok &= must("items the tool could do that did not complete", undone);
        ok &= must("leaves whose tool runs are not exactly 1 + 3 (or 1 when held at once)", badFailingLeaves);
        ok &= must("secrets leaked", leaks);
        ok &= must("sandbox escapes (files outside the workspace, connections)", escapes);
        return ok;
    }

    private static boolean must(String what, int count) {
        System.out.printf("%-72s %d (must be 0)%s%n", what, count, count == 0 ? "" : "  BROKEN");
        return count == 0;
    }
}
