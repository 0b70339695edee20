package dev.clarity.bot.metrics;

import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.GITHUB_WRITES;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.min;

import dev.clarity.vocabulary.Badge;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record3;

/**
 * The gauges {@code /metrics} reads from the shared database, so every replica shows the same figures:
 * {@code clarity_executions{badge}} (one series per badge, zero included), {@code clarity_queue_depth} (executions
 * QUEUED), {@code clarity_queue_oldest_age_seconds} (how long the oldest of them has waited, 0 with none) and
 * {@code clarity_github_writes_pending} (the outbox's rows not yet written to GitHub). Two queries at most once per
 * {@code fresh}, whatever the number of gauges and scrapes; while the database does not answer, the gauges show NaN.
 * The gauges hold this object strongly: nothing else keeps it.
 */
public final class JooqWorkGauges {
    /** One reading of the database. */
    record Figures(Map<Badge, Long> byBadge, Optional<Instant> oldestQueued, long pendingWrites) {}

    private final DSLContext dsl;
    private final InstantSource clock;
    private final CachedReading<Figures> figures;

    private JooqWorkGauges(DSLContext dsl, InstantSource clock, Duration fresh) {
        this.dsl = dsl;
        this.clock = clock;
        this.figures = new CachedReading<>("executions and outbox figures", this::read, clock, fresh);
    }

    /** Registers the gauges on {@code registry}; they read through {@code dsl} when scraped. */
    public static JooqWorkGauges register(MeterRegistry registry, DSLContext dsl, InstantSource clock, Duration fresh) {
        JooqWorkGauges gauges = new JooqWorkGauges(dsl, clock, fresh);
        for (Badge badge : Badge.values()) {
            Gauge.builder("clarity.executions", gauges, g -> g.executions(badge))
                    .description("Executions by badge, in the database all replicas share")
                    .tag("badge", badge.spelling())
                    .strongReference(true)
                    .register(registry);
        }
        Gauge.builder("clarity.queue.depth", gauges, g -> g.executions(Badge.QUEUED))
                .description("Executions waiting for a slot, a runner or their project")
                .strongReference(true)
                .register(registry);
        Gauge.builder("clarity.queue.oldest.age", gauges, JooqWorkGauges::oldestQueuedSeconds)
                .description("How long the oldest queued execution has waited (0 when none waits)")
                .baseUnit("seconds")
                .strongReference(true)
                .register(registry);
        Gauge.builder("clarity.github.writes.pending", gauges, JooqWorkGauges::pendingWrites)
                .description("GitHub writes in the outbox not yet written (progress comments, replies, reactions)")
                .strongReference(true)
                .register(registry);
        return gauges;
    }

    double executions(Badge badge) {
        return figures.get().map(f -> (double) f.byBadge().get(badge)).orElse(Double.NaN);
    }

    double oldestQueuedSeconds() {
        return figures.get()
                .map(f -> f.oldestQueued()
                        .map(t ->
                                Math.max(0, Duration.between(t, clock.instant()).toMillis()) / 1000.0)
                        .orElse(0.0))
                .orElse(Double.NaN);
    }

    double pendingWrites() {
        return figures.get().map(f -> (double) f.pendingWrites()).orElse(Double.NaN);
    }

    private Figures read() {
        Map<Badge, Long> byBadge = new EnumMap<>(Badge.class);
        for (Badge b : Badge.values()) {
            byBadge.put(b, 0L);
        }
        Optional<Instant> oldest = Optional.empty();
        // the badge index answers this without reading the rows
        for (Record3<String, Integer, OffsetDateTime> r : dsl.select(
                        EXECUTIONS.BADGE, count(), min(EXECUTIONS.CREATED_AT))
                .from(EXECUTIONS)
                .groupBy(EXECUTIONS.BADGE)
                .fetch()) {
            Optional<Badge> badge = Badge.find(r.value1());
            if (badge.isEmpty()) {
                continue; // the table's check constraint allows only known badges
            }
            byBadge.put(badge.get(), r.value2().longValue());
            if (badge.get() == Badge.QUEUED && r.value3() != null) {
                oldest = Optional.of(r.value3().toInstant());
            }
        }
        long pending = dsl.fetchCount(GITHUB_WRITES);
        return new Figures(byBadge, oldest, pending);
    }
}
