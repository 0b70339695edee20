package dev.clarity.bot.metrics;

import dev.clarity.bot.orchestrator.RunnerPool;
import dev.clarity.runner.api.RunnerHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;

/**
 * Each runner's slots as {@code /metrics} shows them, labelled with the runner's id ({@code local} for the runner
 * inside {@code serve}, else its URL from {@code CLARITY_RUNNER_URLS}): {@code clarity_runner_slots_capacity},
 * {@code clarity_runner_slots_used} and {@code clarity_runner_up} (1 when its {@code /healthz} answers {@code ok}).
 * One survey of the runners at most once per {@code fresh}; a runner that does not answer shows NaN slots and up 0.
 * The gauges hold this object strongly: nothing else keeps it.
 */
public final class RunnerSlotGauges {
    private final CachedReading<RunnerPool.Survey> survey;

    private RunnerSlotGauges(RunnerPool pool, InstantSource clock, Duration fresh) {
        this.survey = new CachedReading<>("the runners' slots", pool::survey, clock, fresh);
    }

    /** Registers three gauges per runner of {@code pool} on {@code registry}. */
    public static RunnerSlotGauges register(
            MeterRegistry registry, RunnerPool pool, InstantSource clock, Duration fresh) {
        RunnerSlotGauges gauges = new RunnerSlotGauges(pool, clock, fresh);
        for (String runner : pool.runners().keySet()) {
            Gauge.builder("clarity.runner.slots.capacity", gauges, g -> g.slots(runner, RunnerHealth::capacity))
                    .description("Slots the runner has for steps, as its /healthz reports")
                    .tag("runner", runner)
                    .strongReference(true)
                    .register(registry);
            Gauge.builder("clarity.runner.slots.used", gauges, g -> g.slots(runner, h -> h.capacity() - h.free()))
                    .description("Slots of the runner busy with a step now")
                    .tag("runner", runner)
                    .strongReference(true)
                    .register(registry);
            Gauge.builder("clarity.runner.up", gauges, g -> g.up(runner))
                    .description("1 when the runner's /healthz answers ok, else 0")
                    .tag("runner", runner)
                    .strongReference(true)
                    .register(registry);
        }
        return gauges;
    }

    private double slots(String runner, java.util.function.ToIntFunction<RunnerHealth> figure) {
        return health(runner).map(h -> (double) figure.applyAsInt(h)).orElse(Double.NaN);
    }

    private double up(String runner) {
        return health(runner).isPresent() ? 1 : 0;
    }

    private Optional<RunnerHealth> health(String runner) {
        return survey.get()
                .flatMap(s -> s.seen().stream()
                        .filter(seen -> seen.runnerId().equals(runner))
                        .findFirst()
                        .map(RunnerPool.Seen::health)
                        .filter(h -> "ok".equals(h.status())));
    }
}
