package dev.clarity.bot.metrics;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.GITHUB_WRITES;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.vocabulary.Badge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database gauges against a real PostgreSQL: what they count, how long the queue has waited by the injected clock,
 * and that a scrape within the freshness interval reads nothing again. Executions are added by one test only, the
 * outbox rows by the other, so the two share the database without seeing each other's rows.
 */
class JooqWorkGaugesTest {
    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    static Path dbDir;

    static Database db;

    @BeforeAll
    static void start() {
        db = Database.open(new DatabaseLocation.Embedded(dbDir, false), 4, null);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
    private final InstantSource clock = now::get;
    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void executions_are_counted_by_badge_and_the_queue_reports_its_depth_and_how_long_its_oldest_has_waited() {
        long project = project();
        execution(project, Badge.QUEUED, NOW.minusSeconds(90));
        execution(project, Badge.QUEUED, NOW.minusSeconds(30));
        execution(project, Badge.TASK_EXECUTING, NOW.minusSeconds(300));
        execution(project, Badge.COMPLETED, NOW.minusSeconds(3600));
        JooqWorkGauges.register(registry, db.dsl(), clock, Duration.ofSeconds(5));

        assertThat(gauge("clarity.executions", "QUEUED")).isEqualTo(2.0);
        assertThat(gauge("clarity.executions", "TASK-EXECUTING")).isEqualTo(1.0);
        assertThat(gauge("clarity.executions", "COMPLETED")).isEqualTo(1.0);
        assertThat(gauge("clarity.executions", "FAILED"))
                .as("every badge has a series")
                .isZero();
        assertThat(registry.get("clarity.queue.depth").gauge().value()).isEqualTo(2.0);
        assertThat(registry.get("clarity.queue.oldest.age").gauge().value()).isEqualTo(90.0);

        now.set(NOW.plusSeconds(2)); // within the same reading: the age still grows with the clock
        assertThat(registry.get("clarity.queue.oldest.age").gauge().value()).isEqualTo(92.0);
    }

    @Test
    void the_outbox_backlog_is_read_again_only_once_the_last_reading_is_older_than_the_freshness_interval() {
        JooqWorkGauges.register(registry, db.dsl(), clock, Duration.ofSeconds(5));
        double before = registry.get("clarity.github.writes.pending").gauge().value();

        pendingWrite();
        pendingWrite();
        now.set(NOW.plusSeconds(4));
        assertThat(registry.get("clarity.github.writes.pending").gauge().value())
                .as("the reading of 4 s ago is still fresh")
                .isEqualTo(before);

        now.set(NOW.plusSeconds(5));
        assertThat(registry.get("clarity.github.writes.pending").gauge().value())
                .isEqualTo(before + 2);
    }

    private double gauge(String name, String badge) {
        return registry.get(name).tag("badge", badge).gauge().value();
    }

    private static long project() {
        String slug = "c-" + UUID.randomUUID();
        long customer = db.dsl()
                .insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                .values(slug, slug)
                .returning(CUSTOMERS.ID)
                .fetchSingle(CUSTOMERS.ID);
        return db.dsl()
                .insertInto(PROJECTS, PROJECTS.CUSTOMER_ID, PROJECTS.NAME, PROJECTS.REPOSITORY, PROJECTS.CLONE_URL)
                .values(customer, slug, slug, "file:///" + slug)
                .returning(PROJECTS.ID)
                .fetchSingle(PROJECTS.ID);
    }

    private static void execution(long project, Badge badge, Instant created) {
        db.dsl()
                .insertInto(EXECUTIONS)
                .set(EXECUTIONS.PROJECT_ID, project)
                .set(EXECUTIONS.TRIGGER, "cli")
                .set(EXECUTIONS.BADGE, badge.spelling())
                .set(EXECUTIONS.CREATED_AT, created.atOffset(ZoneOffset.UTC))
                .execute();
    }

    private static void pendingWrite() {
        var at = NOW.atOffset(ZoneOffset.UTC);
        db.dsl()
                .insertInto(GITHUB_WRITES)
                .set(GITHUB_WRITES.WRITE_KEY, "reply:" + UUID.randomUUID())
                .set(GITHUB_WRITES.KIND, "reply")
                .set(GITHUB_WRITES.INSTALLATION_ID, 7L)
                .set(GITHUB_WRITES.REPOSITORY, "acme/shop")
                .set(GITHUB_WRITES.ISSUE_NUMBER, 1)
                .set(GITHUB_WRITES.BODY, "on it")
                .set(GITHUB_WRITES.NEXT_ATTEMPT_AT, at)
                .set(GITHUB_WRITES.CREATED_AT, at)
                .set(GITHUB_WRITES.UPDATED_AT, at)
                .execute();
    }
}
