package dev.clarity.bot.orchestrator;

import dev.clarity.runner.api.Runner;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.api.RunnerHealth;
import dev.clarity.runner.api.RunnerUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote runners work is placed on ({@code CLARITY_RUNNER_URLS}), each under a stable id (its URL) that
 * {@code executions.runner_id} records. {@link #survey()} asks every runner's {@code /healthz} once, before a claim;
 * the claim then places a new execution on the runner with the most free slots, counting both what the runner
 * reports and the executions already running on it. Thread-safe: the map is fixed at construction.
 */
public final class RunnerPool {
    private static final Logger log = LoggerFactory.getLogger(RunnerPool.class);

    private final Map<String, Runner> runners;
    private final Executor executor;

    /**
     * @param runners by id, in the order of preference when free slots are equal
     * @param executor asks the runners at the same time, so one that hangs delays a survey by its health timeout
     *     only, not by that times the number of runners
     */
    public RunnerPool(Map<String, Runner> runners, Executor executor) {
        if (runners.isEmpty()) {
            throw new IllegalArgumentException("a runner pool needs at least one runner");
        }
        this.runners = new LinkedHashMap<>(runners);
        this.executor = executor;
    }

    /** The runner with that id; a runner no longer configured is the runner's failure, not a bug. */
    public Runner runner(String runnerId) {
        Runner runner = runners.get(runnerId);
        if (runner == null) {
            throw new RunnerException("the workspace is on runner " + runnerId
                    + ", which is not among the configured runners (CLARITY_RUNNER_URLS) any more");
        }
        return runner;
    }

    public Map<String, Runner> runners() {
        return java.util.Collections.unmodifiableMap(runners);
    }

    /** Asks every runner how many slots it has free now; a runner that does not answer is left out. */
    public Survey survey() {
        List<CompletableFuture<Seen>> asked = new ArrayList<>();
        runners.forEach((id, runner) -> asked.add(CompletableFuture.supplyAsync(() -> ask(id, runner), executor)));
        return new Survey(asked.stream().map(CompletableFuture::join).toList());
    }

    /**
     * Asks every runner, side by side, for the CPU and memory of its running steps; a runner that does not answer is
     * left out (the survey of {@code /healthz} says why).
     */
    public Map<String, RunnerUsage> usages() {
        Map<String, CompletableFuture<RunnerUsage>> asked = new LinkedHashMap<>();
        runners.forEach((id, runner) -> asked.put(id, CompletableFuture.supplyAsync(runner::usage, executor)));
        Map<String, RunnerUsage> answered = new LinkedHashMap<>();
        asked.forEach((id, answer) -> {
            try {
                answered.put(id, answer.join());
            } catch (java.util.concurrent.CompletionException e) {
                log.debug(
                        "Runner {} did not answer /usage: {}", id, e.getCause().getMessage());
            }
        });
        return answered;
    }

    private static Seen ask(String id, Runner runner) {
        try {
            return new Seen(id, runner.health(), null);
        } catch (RuntimeException e) {
            log.debug("Runner {} did not answer /healthz: {}", id, e.getMessage());
            return new Seen(id, null, e.getMessage());
        }
    }

    /** One runner as the survey found it: its health, or why it did not answer. */
    public record Seen(String runnerId, RunnerHealth health, String problem) {
        /** Free slots for one more execution, given how many running executions are placed here already. */
        int free(int running) {
            if (health == null || !"ok".equals(health.status())) {
                return 0;
            }
            return Math.max(0, Math.min(health.free(), health.capacity() - running));
        }

        String describe(int running) {
            if (health == null) {
                return runnerId + " does not answer (" + problem + ")";
            }
            if (!"ok".equals(health.status())) {
                return runnerId + " reports " + health.status();
            }
            return runnerId + " has " + free(running) + " of " + health.capacity() + " slots free";
        }
    }

    /** The runners as seen just now; as a {@link Placement}, it picks the one with the most free slots. */
    public record Survey(List<Seen> seen) implements Placement {
        @Override
        public Decision choose(Map<String, Integer> runningByRunner) {
            Seen best = null;
            int bestFree = 0;
            for (Seen s : seen) {
                int free = s.free(runningByRunner.getOrDefault(s.runnerId(), 0));
                if (free > bestFree) {
                    best = s;
                    bestFree = free;
                }
            }
            if (best != null) {
                return new Decision.On(best.runnerId());
            }
            List<String> states = seen.stream()
                    .map(s -> s.describe(runningByRunner.getOrDefault(s.runnerId(), 0)))
                    .toList();
            return new Decision.Nowhere(Claims.RUNNER_WAIT + " with a free slot: " + String.join("; ", states)
                    + ". The run starts when one frees up.");
        }
    }
}
