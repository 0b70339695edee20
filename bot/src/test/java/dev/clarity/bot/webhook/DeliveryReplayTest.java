package dev.clarity.bot.webhook;

import static dev.clarity.migrations.jooq.Tables.WEBHOOK_DELIVERIES;
import static dev.clarity.migrations.jooq.Tables.WEBHOOK_PAYLOADS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.bot.app.Json;
import dev.clarity.bot.github.ManualTime;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.testkit.github.Fixtures;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deliveries answered 202 whose handling never finished (the process died) are kept with their payload and handled
 * again by {@link DeliveryReplay}: over the real endpoint and a real PostgreSQL, with "processes" that share the
 * database, each with its own delivery log, claims and executor.
 */
class DeliveryReplayTest {
    static final String SECRET = "It's a Secret to Everybody";

    @TempDir
    static Path dataDir;

    static Database database;
    static final HttpClient client = HttpClient.newHttpClient();
    final ManualTime time = new ManualTime(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final List<String> handled = new CopyOnWriteArrayList<>();
    final List<Process> processes = new ArrayList<>();

    @BeforeAll
    static void database() {
        database = Database.open(new DatabaseLocation.Embedded(dataDir, false), 6, null);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void empty() {
        database.dsl().deleteFrom(WEBHOOK_DELIVERIES).execute();
    }

    @AfterEach
    void stopProcesses() {
        processes.forEach(Process::close);
    }

    /** One process on the shared database: its endpoint over HTTP, its log and replay, its executor. */
    final class Process implements AutoCloseable {
        final String owner;
        final DeliveryLog log;
        final WebhookEndpoint endpoint;
        final DeliveryReplay replay;
        final Javalin http;
        final ConcurrentLinkedQueue<Runnable> queued = new ConcurrentLinkedQueue<>();

        /** @param executor where hand-offs go; {@code null}: a queue the test drains */
        Process(String owner, Executor executor) {
            this.owner = owner;
            EventHandler recording = new EventHandler() {
                @Override
                public void handle(Delivery d) {
                    handled.add(d.id() + " " + d.key() + " " + d.commentBody().orElse(""));
                }

                @Override
                public boolean wants(Delivery d) {
                    return d.commentBody().map(b -> b.startsWith("/clarity")).orElse(true);
                }
            };
            EventRoutes routes = new EventRoutes(
                    Map.of("issue_comment.created", recording, "push", recording, "check_run.rerequested", d -> {
                        throw new IllegalStateException("re-running check run " + d.id());
                    }));
            this.log = new DeliveryLog(database.dsl(), owner, time);
            this.endpoint = new WebhookEndpoint(
                    new WebhookSignature(SECRET),
                    log,
                    routes,
                    executor == null ? queued::add : executor,
                    Json.mapper());
            this.replay = new DeliveryReplay(database.dsl(), endpoint, Json.mapper(), time, owner);
            this.http = Javalin.create(c -> {
                        c.jetty.host = "127.0.0.1";
                        c.jetty.port = 0;
                        c.startup.showJavalinBanner = false;
                        c.routes.post(WebhookEndpoint.PATH, endpoint);
                    })
                    .start();
            processes.add(this);
        }

        HttpResponse<String> post(String event, String delivery, byte[] body) throws Exception {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http.port() + WebhookEndpoint.PATH))
                            .header("X-GitHub-Event", event)
                            .header("X-GitHub-Delivery", delivery)
                            .header("X-Hub-Signature-256", new WebhookSignature(SECRET).sign(body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        void drain() {
            Runnable r;
            while ((r = queued.poll()) != null) {
                r.run();
            }
        }

        @Override
        public void close() {
            replay.close();
            http.stop();
            log.close();
        }
    }

    /** A process that answers and then dies before any hand-off runs. */
    Process dying(String owner) {
        return new Process(owner, work -> {});
    }

    static byte[] command(String body) throws Exception {
        var payload = (com.fasterxml.jackson.databind.node.ObjectNode)
                Json.mapper().readTree(Fixtures.webhook("issue_comment.created.with-installation.json"));
        ((com.fasterxml.jackson.databind.node.ObjectNode) payload.get("comment")).put("body", body);
        return Json.mapper().writeValueAsBytes(payload);
    }

    /** A delivery id of the shape GitHub sends (a GUID), the same for the same name. */
    static String id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    static String outcome(String delivery) {
        return database.dsl()
                .select(WEBHOOK_DELIVERIES.OUTCOME)
                .from(WEBHOOK_DELIVERIES)
                .where(WEBHOOK_DELIVERIES.DELIVERY_ID.eq(delivery))
                .fetchOne(WEBHOOK_DELIVERIES.OUTCOME);
    }

    static byte[] kept(String delivery) {
        return database.dsl()
                .select(WEBHOOK_PAYLOADS.PAYLOAD)
                .from(WEBHOOK_PAYLOADS)
                .where(WEBHOOK_PAYLOADS.DELIVERY_ID.eq(delivery))
                .fetchOne(WEBHOOK_PAYLOADS.PAYLOAD);
    }

    static int keptPayloads() {
        return database.dsl().fetchCount(WEBHOOK_PAYLOADS);
    }

    @Test
    void records_older_than_thirty_days_are_removed_and_newer_ones_kept() throws Exception {
        Process p = new Process("pruner", null);
        var dsl = database.dsl();
        java.time.OffsetDateTime now = time.instant().atOffset(java.time.ZoneOffset.UTC);
        for (String id : List.of("old-1", "old-2", "recent-1")) {
            dsl.insertInto(WEBHOOK_DELIVERIES)
                    .set(WEBHOOK_DELIVERIES.DELIVERY_ID, id)
                    .set(WEBHOOK_DELIVERIES.EVENT, "issue_comment")
                    .set(WEBHOOK_DELIVERIES.OUTCOME, "failed")
                    .set(WEBHOOK_DELIVERIES.RECEIVED_AT, id.startsWith("old") ? now.minusDays(31) : now.minusDays(29))
                    .execute();
            dsl.insertInto(WEBHOOK_PAYLOADS)
                    .set(WEBHOOK_PAYLOADS.DELIVERY_ID, id)
                    .set(WEBHOOK_PAYLOADS.PAYLOAD, "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .set(WEBHOOK_PAYLOADS.CLAIMED_BY, "pruner")
                    .set(WEBHOOK_PAYLOADS.CLAIMED_UNTIL, now)
                    .execute();
        }
        var effects = dev.clarity.migrations.jooq.Tables.COMMAND_EFFECTS;
        dsl.insertInto(effects)
                .set(effects.REQUEST_KEY, "comment/old")
                .set(effects.ANSWER, "done")
                .set(effects.CREATED_AT, now.minusDays(40))
                .execute();
        dsl.insertInto(effects)
                .set(effects.REQUEST_KEY, "comment/recent")
                .set(effects.ANSWER, "done")
                .set(effects.CREATED_AT, now.minusDays(1))
                .execute();

        assertThat(p.replay.prune()).isEqualTo(3);

        assertThat(outcome("old-1")).isNull();
        assertThat(outcome("old-2")).isNull();
        assertThat(outcome("recent-1")).isEqualTo("failed");
        assertThat(kept("old-1")).isNull();
        assertThat(kept("recent-1")).isNotNull();
        assertThat(dsl.fetchCount(effects, effects.REQUEST_KEY.eq("comment/recent")))
                .isEqualTo(1);
        assertThat(dsl.fetchCount(effects, effects.REQUEST_KEY.eq("comment/old")))
                .isZero();
        assertThat(p.replay.prune()).isZero();
    }

    @Test
    void ignored_deliveries_keep_no_payload_and_processed_ones_no_longer_hold_theirs() throws Exception {
        Process p = new Process("one", null);
        byte[] run = command("/clarity run");
        byte[] chatter = command("Looks good to me");
        byte[] failing = Fixtures.webhook("check_run.rerequested.json");

        p.post("issue_comment", id("run-1"), run);
        p.post("issue_comment", id("chatter-1"), chatter);
        p.post("star", id("star-1"), Fixtures.webhook("push.json"));
        p.post("check_run", id("rerun-1"), failing);

        assertThat(outcome(id("chatter-1"))).isEqualTo("ignored");
        assertThat(outcome(id("star-1"))).isEqualTo("ignored");
        assertThat(kept(id("run-1"))).isEqualTo(run);
        assertThat(kept(id("rerun-1"))).isEqualTo(failing);
        assertThat(keptPayloads()).isEqualTo(2);

        p.drain();

        assertThat(outcome(id("run-1"))).isEqualTo("processed");
        assertThat(kept(id("run-1"))).isNull();
        assertThat(outcome(id("rerun-1"))).isEqualTo("failed");
        assertThat(kept(id("rerun-1"))).as("kept to re-run by hand").isEqualTo(failing);
        assertThat(p.replay.replayStale())
                .as("failed deliveries are not replayed")
                .isZero();
    }

    @Test
    void a_delivery_answered_by_a_process_that_died_is_handled_once_by_the_next_start() throws Exception {
        Process died = dying("died");
        assertThat(died.post("issue_comment", id("lost-1"), command("/clarity run"))
                        .statusCode())
                .isEqualTo(202);
        assertThat(died.post("push", id("lost-2"), Fixtures.webhook("push.with-new-branch.json"))
                        .statusCode())
                .isEqualTo(202);
        died.close();
        assertThat(handled).isEmpty();

        Process next = new Process("next", null);
        assertThat(next.replay.replayStale())
                .as("the dead process's claim has not run out yet")
                .isZero();
        assertThat(next.replay.releaseOthers()).isEqualTo(2); // serve on the embedded database: the only process
        assertThat(next.replay.replayStale()).isEqualTo(2);
        assertThat(next.replay.replayStale()).as("claimed by this process now").isZero();
        next.drain();

        assertThat(handled)
                .containsExactly(id("lost-1") + " issue_comment.created /clarity run", id("lost-2") + " push ");
        assertThat(outcome(id("lost-1"))).isEqualTo("processed");
        assertThat(outcome(id("lost-2"))).isEqualTo("processed");
        assertThat(keptPayloads()).isZero();
    }

    @Test
    void a_delivery_whose_claim_ran_out_is_taken_by_another_process_but_a_live_one_is_left_alone() throws Exception {
        Process died = dying("died");
        Process alive = new Process("alive", null);
        died.post("issue_comment", id("stale-1"), command("/clarity stop"));
        time.advance(Duration.ofMinutes(5));
        alive.post("issue_comment", id("live-1"), command("/clarity resume"));
        time.advance(DeliveryLog.CLAIM.minusMinutes(4));

        Process other = new Process("other", null);
        assertThat(other.replay.replayStale()).isEqualTo(1);
        other.drain();
        alive.drain();

        assertThat(handled)
                .containsExactlyInAnyOrder(
                        id("stale-1") + " issue_comment.created /clarity stop",
                        id("live-1") + " issue_comment.created /clarity resume");
    }

    @Test
    void two_processes_replaying_at_once_hand_each_delivery_to_one_of_them() throws Exception {
        Process died = dying("died");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String id = UUID.randomUUID().toString();
            ids.add(id);
            died.post("push", id, Fixtures.webhook("push.with-new-branch.json"));
        }
        time.advance(DeliveryLog.CLAIM.plusSeconds(1));
        Process a = new Process("a", Runnable::run);
        Process b = new Process("b", Runnable::run);
        CyclicBarrier together = new CyclicBarrier(2);
        int total;
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            var first = CompletableFuture.supplyAsync(() -> replayAfter(together, a), threads);
            var second = CompletableFuture.supplyAsync(() -> replayAfter(together, b), threads);
            total = first.get(60, TimeUnit.SECONDS) + second.get(60, TimeUnit.SECONDS);
        }

        assertThat(total).isEqualTo(ids.size());
        assertThat(handled).hasSize(ids.size()).doesNotHaveDuplicates();
        assertThat(handled.stream().map(h -> h.substring(0, h.indexOf(' ')))).containsExactlyInAnyOrderElementsOf(ids);
        for (String id : ids) {
            assertThat(outcome(id)).isEqualTo("processed");
        }
        assertThat(keptPayloads()).isZero();
    }

    private static int replayAfter(CyclicBarrier together, Process p) {
        try {
            together.await(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return p.replay.replayStale();
    }

    @Test
    void stale_deliveries_are_handed_off_oldest_first() throws Exception {
        Process died = dying("died");
        for (int i = 1; i <= 3; i++) {
            died.post("issue_comment", id("order-" + i), command("/clarity skip 1." + i));
            time.advance(Duration.ofSeconds(1));
        }
        // received_at is the database's time; make the order unambiguous
        for (int i = 1; i <= 3; i++) {
            database.dsl()
                    .update(WEBHOOK_DELIVERIES)
                    .set(
                            WEBHOOK_DELIVERIES.RECEIVED_AT,
                            Instant.parse("2026-01-01T00:00:00Z")
                                    .plusSeconds(10 - i)
                                    .atOffset(java.time.ZoneOffset.UTC))
                    .where(WEBHOOK_DELIVERIES.DELIVERY_ID.eq(id("order-" + i)))
                    .execute();
        }
        Process next = new Process("next", Runnable::run);
        next.replay.releaseOthers();
        next.replay.replayStale();

        assertThat(handled)
                .containsExactly(
                        id("order-3") + " issue_comment.created /clarity skip 1.3",
                        id("order-2") + " issue_comment.created /clarity skip 1.2",
                        id("order-1") + " issue_comment.created /clarity skip 1.1");
    }
}
