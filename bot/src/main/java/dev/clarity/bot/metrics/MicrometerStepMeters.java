package dev.clarity.bot.metrics;

import dev.clarity.bot.orchestrator.StepMeters;
import dev.clarity.runner.api.ToolResult;
import dev.clarity.vocabulary.Step;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Steps and tool runs as {@code /metrics} shows them: {@code clarity_step_duration_seconds{step, outcome}} (a
 * histogram whose buckets span a quick SELECT to a long tool step) and {@code clarity_tool_runs_total{tool, outcome}}.
 * Every label comes from a closed set ({@link StepMeters}). Thread-safe: the registry finds or creates each meter.
 */
public final class MicrometerStepMeters implements StepMeters {
    /** Bucket bounds: most steps take seconds, tool steps minutes; past an hour only the count matters. */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(100),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(15),
        Duration.ofSeconds(30),
        Duration.ofMinutes(1),
        Duration.ofMinutes(2),
        Duration.ofMinutes(5),
        Duration.ofMinutes(10),
        Duration.ofMinutes(30),
        Duration.ofHours(1)
    };

    private final MeterRegistry registry;

    public MicrometerStepMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void stepTook(Step step, String outcome, Duration wall) {
        Timer.builder("clarity.step.duration")
                .description("Wall time of each step an execution carried out, by step and outcome")
                .tags("step", step.name(), "outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry)
                .record(wall.isNegative() ? Duration.ZERO : wall);
    }

    @Override
    public void toolRan(ToolResult result) {
        Counter.builder("clarity.tool.runs")
                .description("Tool runs of IMPLEMENT and ERROR_SOLVE steps, by tool and what the run came to")
                .tags("tool", StepMeters.tool(result), "outcome", StepMeters.outcome(result))
                .register(registry)
                .increment();
    }
}
