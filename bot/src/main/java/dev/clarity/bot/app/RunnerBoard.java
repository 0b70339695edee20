package dev.clarity.bot.app;

import dev.clarity.bot.orchestrator.ExecutionLoop;
import dev.clarity.bot.orchestrator.RunnerPool;
import dev.clarity.dashboard.executions.RunnerSlot;
import dev.clarity.dashboard.executions.StepLoad;
import dev.clarity.runner.api.RunnerHealth;
import dev.clarity.runner.api.RunnerUsage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dashboard's runner panel: every runner this server places steps on (the in-process one, or each of
 * {@code CLARITY_RUNNER_URLS}), asked for its {@code /healthz} and then for the CPU and memory of its running steps
 * ({@code /usage}) by {@link #refresh()} on a background timer. The
 * dashboard reads {@link #get()} on every live poll, so it answers at once with what the last survey found; a runner
 * that hangs delays only the survey, never a page. Thread-safe.
 */
final class RunnerBoard implements Supplier<List<RunnerSlot>> {
    private static final Logger log = LoggerFactory.getLogger(RunnerBoard.class);

    private final RunnerPool runners;
    private volatile List<RunnerSlot> last;

    RunnerBoard(RunnerPool runners) {
        this.runners = runners;
        this.last = runners.runners().keySet().stream()
                .map(id -> new RunnerSlot(id, 0, 0, false, null, "not asked yet"))
                .toList();
    }

    /** The in-process runner or the remote ones, as the runner side of {@code serve} has them. */
    static RunnerBoard of(RunnerSide side) {
        return switch (side) {
            case RunnerSide.InProcess local ->
                // asked on the survey's own thread: the in-process runner answers from memory
                new RunnerBoard(new RunnerPool(java.util.Map.of("in-process", local.runner()), Runnable::run));
            case RunnerSide.Remote remote -> new RunnerBoard(remote.pool());
        };
    }

    /** Surveys now and every {@code every} after that on {@code timer}, until the timer is shut down. */
    RunnerBoard watch(ScheduledExecutorService timer, Duration every) {
        timer.scheduleWithFixedDelay(this::refresh, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Asks every runner once (side by side) and keeps what they said. */
    void refresh() {
        try {
            List<RunnerPool.Seen> seen = runners.survey().seen();
            Map<String, RunnerUsage> usage = runners.usages();
            last = seen.stream()
                    .map(s -> slot(s, usage.getOrDefault(s.runnerId(), RunnerUsage.idle())))
                    .toList();
        } catch (RuntimeException e) {
            // the timer would stop repeating on an exception: the panel keeps the previous survey
            log.warn("Surveying the runners for the dashboard: {}", e.toString());
        }
    }

    @Override
    public List<RunnerSlot> get() {
        return last;
    }

    private static RunnerSlot slot(RunnerPool.Seen seen, RunnerUsage usage) {
        RunnerHealth h = seen.health();
        if (h == null) {
            return new RunnerSlot(seen.runnerId(), 0, 0, false, null, "does not answer: " + seen.problem());
        }
        boolean ok = "ok".equals(h.status());
        return new RunnerSlot(
                seen.runnerId(),
                h.capacity(),
                Math.max(0, h.capacity() - h.free()),
                ok,
                h.version(),
                ok ? h.engine() + " sandbox" : "reports " + h.status(),
                loads(usage));
    }

    /** The steps of executions (workspace {@code execution-<id>}); any other workspace is not an execution's. */
    static List<StepLoad> loads(RunnerUsage usage) {
        return usage.steps().stream()
                .flatMap(step -> ExecutionLoop.executionOf(step.workspaceId()).stream()
                        .map(id -> new StepLoad(id, step.cpuPercent(), step.memoryBytes())))
                .toList();
    }
}
