package dev.clarity.bot.app;

import dev.clarity.bot.metrics.JooqWorkGauges;
import dev.clarity.bot.metrics.RunnerSlotGauges;
import dev.clarity.bot.orchestrator.RunnerPool;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import org.jooq.DSLContext;

/** The metrics registry with the JVM and process meters bound, and the gauges of Clarity's work. */
final class Observability {
    /**
     * How old a database or runner reading may be when a scrape asks for it: scrapes every 15 s (Prometheus's default)
     * from two scrapers cost one reading each, and a figure is never older than this.
     */
    static final Duration FRESH = Duration.ofSeconds(5);

    private Observability() {}

    static PrometheusMeterRegistry prometheus() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    /** Executions by badge, the queue and the outbox backlog, read from the database every replica shares. */
    static void work(MeterRegistry registry, DSLContext dsl, InstantSource clock) {
        JooqWorkGauges.register(registry, dsl, clock, FRESH);
    }

    /** The slots of each runner: the one inside this process ({@code local}), or each of the remote ones. */
    static void runners(MeterRegistry registry, RunnerSide runners, InstantSource clock) {
        RunnerPool pool = switch (runners) {
            case RunnerSide.InProcess local -> new RunnerPool(Map.of("local", local.runner()), Runnable::run);
            case RunnerSide.Remote remote -> remote.pool();
        };
        RunnerSlotGauges.register(registry, pool, clock, FRESH);
    }
}
