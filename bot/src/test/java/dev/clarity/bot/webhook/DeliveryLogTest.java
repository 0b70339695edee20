package dev.clarity.bot.webhook;

import static dev.clarity.migrations.jooq.Tables.WEBHOOK_DELIVERIES;
import static dev.clarity.migrations.jooq.Tables.WEBHOOK_PAYLOADS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The grouped writer of webhook deliveries against the real database: first wins, rounds, kept payloads, outcomes,
 * close.
 */
class DeliveryLogTest {
    @TempDir
    static Path dataDir;

    static Database database;

    @BeforeAll
    static void start() {
        database = Database.open(new DatabaseLocation.Embedded(dataDir, false), 4, null);
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    private static Delivery delivery(String id, long installation, String repository) {
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        if (installation != 0) {
            payload.putObject("installation").put("id", installation);
        }
        if (repository != null) {
            payload.putObject("repository").put("full_name", repository);
        }
        return Delivery.of(id, "issue_comment", Optional.of("created"), payload);
    }

    @Test
    void many_callers_at_once_each_id_is_first_exactly_once_and_every_row_is_stored() throws Exception {
        try (DeliveryLog log = new DeliveryLog(database.dsl(), "test", java.time.InstantSource.system());
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            int ids = 400;
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int copy = 0; copy < 3; copy++) {
                for (int i = 0; i < ids; i++) {
                    String id = "many-" + i;
                    calls.add(() -> log.recordFirst(delivery(id, 42, "acme/shop"), "accepted"));
                }
            }
            List<Future<Boolean>> answers = pool.invokeAll(calls);
            long firsts = 0;
            for (Future<Boolean> a : answers) {
                firsts += a.get() ? 1 : 0;
            }
            assertThat(firsts)
                    .as("one first per id, the copies are redeliveries")
                    .isEqualTo(ids);
            assertThat(database.dsl()
                            .fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.DELIVERY_ID.startsWith("many-")))
                    .isEqualTo(ids);
        }
    }

    @Test
    void accepted_deliveries_keep_their_payload_and_ignored_ones_in_the_same_rounds_keep_none() throws Exception {
        try (DeliveryLog log = new DeliveryLog(database.dsl(), "owner-a", java.time.InstantSource.system());
                var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Callable<Boolean>> calls = new ArrayList<>();
            for (int copy = 0; copy < 2; copy++) {
                for (int i = 0; i < 200; i++) {
                    String id = "mixed-" + i;
                    String outcome = i % 2 == 0 ? "accepted" : "ignored";
                    calls.add(() -> log.recordFirst(delivery(id, 42, "acme/shop"), outcome));
                }
            }
            for (Future<Boolean> f : pool.invokeAll(calls)) {
                f.get();
            }
            var kept = database.dsl()
                    .selectFrom(WEBHOOK_PAYLOADS)
                    .where(WEBHOOK_PAYLOADS.DELIVERY_ID.startsWith("mixed-"))
                    .fetch();
            assertThat(kept).hasSize(100);
            assertThat(kept).allSatisfy(r -> {
                assertThat(Integer.parseInt(r.getDeliveryId().substring("mixed-".length())) % 2)
                        .isZero();
                assertThat(r.getPayload())
                        .isEqualTo(delivery(r.getDeliveryId(), 42, "acme/shop").bytes());
                assertThat(r.getClaimedBy()).isEqualTo("owner-a");
            });
        }
    }

    @Test
    void the_columns_come_from_the_delivery_and_a_missing_installation_is_null() {
        try (DeliveryLog log = new DeliveryLog(database.dsl(), "test", java.time.InstantSource.system())) {
            assertThat(log.recordFirst(delivery("cols-1", 7, "acme/site"), "accepted"))
                    .isTrue();
            assertThat(log.recordFirst(delivery("cols-2", 0, null), "ignored")).isTrue();
            var first = database.dsl()
                    .selectFrom(WEBHOOK_DELIVERIES)
                    .where(WEBHOOK_DELIVERIES.DELIVERY_ID.eq("cols-1"))
                    .fetchOne();
            assertThat(first.getEvent()).isEqualTo("issue_comment");
            assertThat(first.getAction()).isEqualTo("created");
            assertThat(first.getInstallationId()).isEqualTo(7L);
            assertThat(first.getRepository()).isEqualTo("acme/site");
            assertThat(first.getOutcome()).isEqualTo("accepted");
            var second = database.dsl()
                    .selectFrom(WEBHOOK_DELIVERIES)
                    .where(WEBHOOK_DELIVERIES.DELIVERY_ID.eq("cols-2"))
                    .fetchOne();
            assertThat(second.getInstallationId()).isNull();
            assertThat(second.getRepository()).isNull();
            assertThat(second.getOutcome()).isEqualTo("ignored");
        }
    }

    @Test
    void finish_sets_the_outcome_and_cuts_a_long_detail_and_forget_lets_the_id_be_first_again() {
        try (DeliveryLog log = new DeliveryLog(database.dsl(), "test", java.time.InstantSource.system())) {
            log.recordFirst(delivery("fin-1", 1, "acme/shop"), "accepted");
            log.recordFirst(delivery("fin-2", 1, "acme/shop"), "accepted");
            log.finish("fin-1", "processed", null);
            log.finish("fin-2", "failed", "x".repeat(5000));
            var rows = database.dsl()
                    .selectFrom(WEBHOOK_DELIVERIES)
                    .where(WEBHOOK_DELIVERIES.DELIVERY_ID.in("fin-1", "fin-2"))
                    .orderBy(WEBHOOK_DELIVERIES.DELIVERY_ID)
                    .fetch();
            assertThat(rows.get(0).getOutcome()).isEqualTo("processed");
            assertThat(rows.get(1).getOutcome()).isEqualTo("failed");
            assertThat(rows.get(1).getDetail()).hasSize(2000);
            assertThat(database.dsl()
                            .select(WEBHOOK_PAYLOADS.DELIVERY_ID)
                            .from(WEBHOOK_PAYLOADS)
                            .where(WEBHOOK_PAYLOADS.DELIVERY_ID.in("fin-1", "fin-2"))
                            .fetch(WEBHOOK_PAYLOADS.DELIVERY_ID))
                    .as("a processed delivery's payload goes, a failed one's stays")
                    .containsExactly("fin-2");
            log.forget("fin-2");
            assertThat(log.recordFirst(delivery("fin-2", 1, "acme/shop"), "accepted"))
                    .isTrue();
        }
    }

    @Test
    void a_delivery_the_database_refuses_fails_alone_and_the_rest_of_its_round_is_stored() throws Exception {
        try (DeliveryLog log = new DeliveryLog(database.dsl(), "test", java.time.InstantSource.system());
                Connection blocker = database.dataSource().getConnection()) {
            // hold the table so that the writer's first round waits and everything below queues into the next one
            blocker.setAutoCommit(false);
            blocker.createStatement().execute("lock table webhook_deliveries in exclusive mode");
            Map<String, Object> answers = new ConcurrentHashMap<>();
            List<Thread> callers = new ArrayList<>();
            List<String> bad = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                Delivery d = switch (i % 100) {
                    case 7 -> delivery("round-nul-" + i, 1, "acme/sh\u0000op");
                    case 53 -> delivery(randomText(3000, i), 1, "acme/shop");
                    default -> delivery("round-" + i, 1, "acme/shop");
                };
                if (!d.id().startsWith("round-") || d.id().startsWith("round-nul-")) {
                    bad.add(d.id());
                }
                String outcome = i % 2 == 0 ? "accepted" : "ignored";
                callers.add(Thread.ofVirtual().start(() -> {
                    try {
                        answers.put(d.id(), log.recordFirst(d, outcome));
                    } catch (RuntimeException e) {
                        answers.put(d.id(), e);
                    }
                }));
            }
            await(() -> callers.stream()
                    .allMatch(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TERMINATED));
            blocker.rollback();
            for (Thread t : callers) {
                t.join(Duration.ofSeconds(30));
            }

            assertThat(answers).hasSize(300);
            answers.forEach((id, answer) -> {
                if (bad.contains(id)) {
                    assertThat(answer)
                            .as("the refused delivery %s", id.substring(0, Math.min(20, id.length())))
                            .isInstanceOf(DeliveryLog.Refused.class);
                    assertThat(((Exception) answer).getMessage()).startsWith("PostgreSQL refused to store");
                } else {
                    assertThat(answer).as("delivery %s", id).isEqualTo(true);
                }
            });
            assertThat(database.dsl()
                            .fetchCount(
                                    WEBHOOK_DELIVERIES,
                                    WEBHOOK_DELIVERIES
                                            .DELIVERY_ID
                                            .like("round-%")
                                            .and(WEBHOOK_DELIVERIES.DELIVERY_ID.notLike("round-nul-%"))))
                    .isEqualTo(300 - bad.size());
        }
    }

    @Test
    void an_outcome_whose_detail_holds_a_nul_is_stored_and_does_not_fail_its_round() {
        try (DeliveryLog log = new DeliveryLog(database.dsl(), "test", java.time.InstantSource.system())) {
            log.recordFirst(delivery("nul-detail-1", 1, "acme/shop"), "accepted");
            log.finish("nul-detail-1", "failed", "the handler said \u0000 and stopped");
            assertThat(database.dsl()
                            .select(WEBHOOK_DELIVERIES.DETAIL)
                            .from(WEBHOOK_DELIVERIES)
                            .where(WEBHOOK_DELIVERIES.DELIVERY_ID.eq("nul-detail-1"))
                            .fetchOne(WEBHOOK_DELIVERIES.DETAIL))
                    .isEqualTo("the handler said \uFFFD and stopped");
        }
    }

    private static String randomText(int length, long seed) {
        var random = new java.util.Random(seed);
        String letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            b.append(letters.charAt(random.nextInt(letters.length())));
        }
        return b.toString();
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the condition did not hold within 30 s");
            }
            Thread.onSpinWait();
        }
    }

    @Test
    void after_close_a_write_is_refused_with_a_sentence() {
        DeliveryLog log = new DeliveryLog(database.dsl(), "test", java.time.InstantSource.system());
        log.close();
        assertThatThrownBy(() -> log.recordFirst(delivery("closed-1", 1, null), "accepted"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the webhook delivery log is closed");
    }
}
