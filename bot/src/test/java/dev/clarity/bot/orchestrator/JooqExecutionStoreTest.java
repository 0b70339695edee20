package dev.clarity.bot.orchestrator;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.runner.api.RunnerHealth;
import dev.clarity.tasks.ItemKind;
import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JooqExecutionStoreTest {
    @TempDir
    static Path dataDir;

    static Database db;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    JooqExecutionStore store;

    @BeforeAll
    static void start() {
        db = Database.open(new DatabaseLocation.Embedded(dataDir, false), 12, null);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @BeforeEach
    void clean() {
        db.dsl().execute("alter table execution_events disable trigger execution_events_append_only");
        db.dsl()
                .execute("truncate execution_events, execution_marks, task_runs, audit, executions, projects, people,"
                        + " customers restart identity cascade");
        db.dsl().execute("alter table execution_events enable trigger execution_events_append_only");
        store = new JooqExecutionStore(db.dsl(), clock);
    }

    static final class MutableClock implements InstantSource {
        private final AtomicReference<Instant> now;

        MutableClock(Instant start) {
            now = new AtomicReference<>(start);
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration d) {
            now.updateAndGet(t -> t.plus(d));
        }
    }

    long customer(String slug) {
        return db.dsl()
                .insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                .values(slug, slug)
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
    }

    long project(long customer, String repo) {
        return db.dsl()
                .insertInto(PROJECTS, PROJECTS.CUSTOMER_ID, PROJECTS.NAME, PROJECTS.REPOSITORY, PROJECTS.CLONE_URL)
                .values(customer, repo, repo, "file:///tmp/" + repo)
                .returning(PROJECTS.ID)
                .fetchOne(PROJECTS.ID);
    }

    long enqueue(long project) {
        return store.enqueue(new StartRequest(project, new Actor("ana", "cli"), null, null, null, null, null));
    }

    @Test
    void an_event_message_never_stores_a_secret_the_process_holds_or_a_credential_shape() {
        var secrets = new dev.clarity.runner.redaction.KnownSecrets(List.of("webhook-secret-0123456789"));
        JooqExecutionStore redacting = new JooqExecutionStore(db.dsl(), clock, secrets);
        long e = enqueue(project(customer("acme"), "acme/shop"));
        secrets.add("ghs_minted0installation0token0abcdef12");

        redacting.log(
                e,
                NewEvent.control("tool said webhook-secret-0123456789 and AKIAIOSFODNN7EXAMPLE and"
                        + " ghs_minted0installation0token0abcdef12"));

        var events = dev.clarity.migrations.jooq.Tables.EXECUTION_EVENTS;
        List<String> stored = db.dsl()
                .select(events.MESSAGE)
                .from(events)
                .where(events.EXECUTION_ID.eq(e))
                .fetch(events.MESSAGE);
        assertThat(stored)
                .isNotEmpty()
                .allSatisfy(m -> assertThat(m)
                        .doesNotContain("webhook-secret-0123456789")
                        .doesNotContain("AKIAIOSFODNN7EXAMPLE")
                        .doesNotContain("ghs_minted0installation0token0abcdef12"));
        assertThat(stored).anyMatch(m -> m.startsWith("tool said "));
    }

    @Test
    void a_queued_execution_is_claimed_once_with_a_lease_and_starts_initializing() {
        long e = enqueue(project(customer("acme"), "acme/shop"));
        var claim = store.claimNext("replica-1", Duration.ofSeconds(30), 5);
        assertThat(claim).contains(new JooqExecutionStore.Claim(e, false));
        assertThat(store.claimNext("replica-2", Duration.ofSeconds(30), 5)).isEmpty();
        ExecutionSnapshot s = store.find(e).orElseThrow();
        assertThat(s.badge()).isEqualTo(Badge.INITIALIZING);
        assertThat(s.leaseOwner()).isEqualTo("replica-1");
        assertThat(s.cursor()).isEqualTo(Cursor.START);
    }

    @Test
    void a_second_request_on_the_same_repository_waits_until_the_first_is_done() {
        long p = project(customer("acme"), "acme/shop");
        long first = enqueue(p);
        long second = enqueue(p);
        assertThat(store.claimNext("r", Duration.ofSeconds(30), 5))
                .map(JooqExecutionStore.Claim::executionId)
                .contains(first);
        assertThat(store.claimNext("r", Duration.ofSeconds(30), 5)).isEmpty();
        store.moved(first, "r", new Transition(Cursor.START, Badge.COMPLETED, "done"), "badge");
        assertThat(store.claimNext("r", Duration.ofSeconds(30), 5))
                .map(JooqExecutionStore.Claim::executionId)
                .contains(second);
    }

    static RunnerPool.Survey runners(RunnerPool.Seen... seen) {
        return new RunnerPool.Survey(List.of(seen));
    }

    static RunnerPool.Seen healthy(String id, int capacity, int free) {
        return new RunnerPool.Seen(id, new RunnerHealth("ok", "bubblewrap", "none", capacity, free), null);
    }

    @Test
    void new_executions_go_to_the_runner_with_free_slots_and_a_full_runner_gets_no_more() {
        long c = customer("acme");
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(enqueue(project(c, "acme/r" + i)));
        }
        var survey = runners(healthy("http://r1", 1, 1), healthy("http://r2", 2, 2));
        Duration lease = Duration.ofSeconds(30);

        assertThat(store.claimNext("x", lease, 10, survey)).isPresent();
        assertThat(store.claimNext("x", lease, 10, survey)).isPresent();
        assertThat(store.claimNext("x", lease, 10, survey)).isPresent();
        assertThat(store.claimNext("x", lease, 10, survey))
                .as("both runners are full")
                .isEmpty();

        assertThat(ids.subList(0, 3).stream().map(id -> store.runnerOf(id).orElseThrow()))
                .containsExactly("http://r2", "http://r1", "http://r2");
        long waiting = ids.get(3);
        assertThat(store.find(waiting).orElseThrow().badge()).isEqualTo(Badge.QUEUED);
        assertThat(store.runnerOf(waiting)).isEmpty();
        assertThat(queueReason(waiting))
                .isEqualTo(
                        "Waiting for a runner with a free slot: http://r1 has 0 of 1 slots free; http://r2 has 0 of 2"
                                + " slots free. The run starts when one frees up.");

        store.moved(ids.get(1), "x", new Transition(Cursor.START, Badge.COMPLETED, "done"), "badge");
        assertThat(store.claimNext("x", lease, 10, survey))
                .map(JooqExecutionStore.Claim::executionId)
                .contains(waiting);
        assertThat(store.runnerOf(waiting)).contains("http://r1");
        assertThat(queueReason(waiting)).isNull();
    }

    @Test
    void a_runner_that_reports_no_free_slot_or_does_not_answer_gets_nothing_and_the_reason_says_why() {
        long e = enqueue(project(customer("acme"), "acme/shop"));
        var survey = runners(healthy("http://r1", 2, 0), new RunnerPool.Seen("http://r2", null, "connection refused"));

        assertThat(store.claimNext("x", Duration.ofSeconds(30), 10, survey)).isEmpty();

        assertThat(queueReason(e))
                .isEqualTo("Waiting for a runner with a free slot: http://r1 has 0 of 2 slots free; http://r2 does not"
                        + " answer (connection refused). The run starts when one frees up.");
    }

    @Test
    void an_execution_taken_over_keeps_its_runner_even_when_that_runner_is_full() {
        long e = enqueue(project(customer("acme"), "acme/shop"));
        store.claimNext("replica-1", Duration.ofSeconds(30), 10, runners(healthy("http://r1", 1, 1)));
        clock.advance(Duration.ofSeconds(31));

        var full = runners(healthy("http://r2", 5, 5), healthy("http://r1", 1, 0));
        assertThat(store.claimNext("replica-2", Duration.ofSeconds(30), 10, full))
                .contains(new JooqExecutionStore.Claim(e, true));

        assertThat(store.runnerOf(e)).contains("http://r1");
        assertThat(store.find(e).orElseThrow().leaseOwner()).isEqualTo("replica-2");
    }

    String queueReason(long id) {
        return db.dsl()
                .select(EXECUTIONS.QUEUE_REASON)
                .from(EXECUTIONS)
                .where(EXECUTIONS.ID.eq(id))
                .fetchSingle(EXECUTIONS.QUEUE_REASON);
    }

    @Test
    void at_most_max_parallel_executions_are_claimed() {
        long c = customer("acme");
        for (int i = 0; i < 4; i++) {
            enqueue(project(c, "acme/r" + i));
        }
        assertThat(store.claimNext("r", Duration.ofSeconds(30), 2)).isPresent();
        assertThat(store.claimNext("r", Duration.ofSeconds(30), 2)).isPresent();
        assertThat(store.claimNext("r", Duration.ofSeconds(30), 2)).isEmpty();
    }

    @Test
    void the_queue_is_fifo_within_a_customer_and_round_robin_across_customers() {
        long a = customer("a");
        long b = customer("b");
        long a1 = enqueue(project(a, "a/1"));
        long a2 = enqueue(project(a, "a/2"));
        long a3 = enqueue(project(a, "a/3"));
        long b1 = enqueue(project(b, "b/1"));
        long b2 = enqueue(project(b, "b/2"));
        List<Long> order = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            order.add(store.claimNext("r", Duration.ofSeconds(30), 10)
                    .orElseThrow()
                    .executionId());
        }
        assertThat(order).containsExactly(a1, b1, a2, b2, a3);
    }

    @Test
    void concurrent_replicas_never_claim_the_same_execution() throws Exception {
        long c = customer("acme");
        Set<Long> queued = ConcurrentHashMap.newKeySet();
        for (int i = 0; i < 30; i++) {
            queued.add(enqueue(project(c, "acme/r" + i)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int r = 0; r < 6; r++) {
            String owner = "replica-" + r;
            results.add(pool.submit(() -> {
                go.await();
                List<Long> mine = new ArrayList<>();
                for (var claim = store.claimNext(owner, Duration.ofSeconds(30), 100);
                        claim.isPresent();
                        claim = store.claimNext(owner, Duration.ofSeconds(30), 100)) {
                    mine.add(claim.get().executionId());
                }
                return mine;
            }));
        }
        go.countDown();
        List<Long> all = new ArrayList<>();
        for (var f : results) {
            all.addAll(f.get());
        }
        pool.shutdown();
        assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(queued);
    }

    @Test
    void an_expired_lease_is_taken_over_and_the_old_owner_is_fenced_out() {
        long e = enqueue(project(customer("acme"), "acme/shop"));
        store.claimNext("dead", Duration.ofSeconds(30), 5);
        Cursor verifying = new Cursor("1.2", ItemKind.TASK, Step.VERIFY, 1);
        assertThat(store.moved(e, "dead", new Transition(verifying, Badge.ERROR_SOLVING, "verify"), "step"))
                .isTrue();
        clock.advance(Duration.ofSeconds(31));
        var claim = store.claimNext("alive", Duration.ofSeconds(30), 5);
        assertThat(claim).contains(new JooqExecutionStore.Claim(e, true));
        assertThat(store.find(e).orElseThrow().cursor()).isEqualTo(verifying);
        assertThat(store.moved(e, "dead", new Transition(Cursor.START, Badge.AUTONOMOUS, "late"), "step"))
                .isFalse();
        assertThat(store.moved(e, "alive", new Transition(Cursor.START, Badge.AUTONOMOUS, "on"), "step"))
                .isTrue();
    }

    @Test
    void claimable_says_whether_a_claim_could_find_a_queued_or_orphaned_execution() {
        assertThat(store.claimable()).isFalse();
        long e = enqueue(project(customer("claimable"), "claimable/shop"));
        assertThat(store.claimable()).isTrue();
        store.claimNext("r1", Duration.ofSeconds(30), 5);
        assertThat(store.claimable()).as("held under a live lease").isFalse();
        clock.advance(Duration.ofSeconds(31));
        assertThat(store.claimable()).as("its lease expired").isTrue();
        assertThat(store.claimNext("r2", Duration.ofSeconds(30), 5)).contains(new JooqExecutionStore.Claim(e, true));
        assertThat(store.claimable()).isFalse();
    }

    @Test
    void a_heartbeat_keeps_the_lease_alive() {
        long e = enqueue(project(customer("acme"), "acme/shop"));
        store.claimNext("r1", Duration.ofSeconds(30), 5);
        clock.advance(Duration.ofSeconds(20));
        assertThat(store.renewLeases("r1", Duration.ofSeconds(30), java.util.Set.of(e)))
                .isEqualTo(1);
        clock.advance(Duration.ofSeconds(20));
        assertThat(store.claimNext("r2", Duration.ofSeconds(30), 5)).isEmpty();
        assertThat(store.find(e).orElseThrow().leaseOwner()).isEqualTo("r1");
    }

    @Test
    void a_lease_on_an_execution_its_owner_no_longer_drives_is_not_renewed_and_is_taken_over() {
        long acme = customer("acme");
        long driven = enqueue(project(acme, "acme/shop"));
        long dropped = enqueue(project(acme, "acme/web"));
        store.claimNext("r1", Duration.ofSeconds(30), 5);
        store.claimNext("r1", Duration.ofSeconds(30), 5);
        clock.advance(Duration.ofSeconds(20));
        // r1's driver of the second execution ended on an error it could not record
        assertThat(store.renewLeases("r1", Duration.ofSeconds(30), java.util.Set.of(driven)))
                .isEqualTo(1);
        assertThat(store.renewLeases("r1", Duration.ofSeconds(30), java.util.Set.of()))
                .isZero();
        clock.advance(Duration.ofSeconds(20));
        assertThat(store.claimNext("r2", Duration.ofSeconds(30), 5))
                .contains(new JooqExecutionStore.Claim(dropped, true));
        assertThat(store.find(driven).orElseThrow().leaseOwner()).isEqualTo("r1");
    }

    @Test
    void the_event_chain_verifies_and_an_edited_or_missing_row_is_detected() {
        long e = enqueue(project(customer("acme"), "acme/shop"));
        for (int i = 0; i < 5; i++) {
            store.log(e, new NewEvent("log", "1.1", "IMPLEMENT", "info", "line " + i));
        }
        assertThat(store.verify(e)).isEqualTo(new EventChain.Verdict.Intact(6));
        db.dsl().execute("alter table execution_events disable trigger execution_events_append_only");
        try {
            db.dsl().execute("update execution_events set message = 'forged' where execution_id = ? and seq = 3", e);
            assertThat(store.verify(e))
                    .isInstanceOfSatisfying(
                            EventChain.Verdict.Broken.class,
                            b -> assertThat(b.seq()).isEqualTo(3));
            db.dsl().execute("delete from execution_events where execution_id = ? and seq >= 3 and seq <= 4", e);
            assertThat(store.verify(e)).isInstanceOfSatisfying(EventChain.Verdict.Broken.class, b -> {
                assertThat(b.seq()).isEqualTo(3);
                assertThat(b.problem()).contains("missing");
            });
        } finally {
            db.dsl().execute("alter table execution_events enable trigger execution_events_append_only");
        }
    }

    @Test
    void concurrent_appends_to_one_execution_keep_a_gapless_chain() throws Exception {
        long e = enqueue(project(customer("acme"), "acme/shop"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> fs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int n = i;
            fs.add(pool.submit(() -> store.log(e, new NewEvent("log", null, null, "info", "line " + n))));
        }
        for (var f : fs) {
            f.get();
        }
        pool.shutdown();
        assertThat(store.verify(e)).isEqualTo(new EventChain.Verdict.Intact(201));
        assertThat(db.dsl().fetchCount(EXECUTIONS)).isEqualTo(1);
    }
}
