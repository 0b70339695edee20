package dev.clarity.bot.scenario;

import static dev.clarity.migrations.jooq.Tables.AUDIT;
import static dev.clarity.migrations.jooq.Tables.COMMAND_EFFECTS;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.GITHUB_COMMENTS;
import static dev.clarity.migrations.jooq.Tables.GITHUB_WRITES;
import static dev.clarity.migrations.jooq.Tables.WEBHOOK_DELIVERIES;
import static dev.clarity.migrations.jooq.Tables.WEBHOOK_PAYLOADS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarity.bot.app.GitHubAppFeature;
import dev.clarity.bot.app.Json;
import dev.clarity.bot.config.GitHubSettings;
import dev.clarity.bot.github.ManualTime;
import dev.clarity.bot.github.RecordingSleeper;
import dev.clarity.bot.github.RestGitHubGateway;
import dev.clarity.bot.github.TestGateways;
import dev.clarity.bot.github.TestKeys;
import dev.clarity.bot.orchestrator.Cursor;
import dev.clarity.bot.orchestrator.JooqExecutionStore;
import dev.clarity.bot.orchestrator.Orchestrator;
import dev.clarity.bot.orchestrator.OrchestratorControls;
import dev.clarity.bot.orchestrator.Transition;
import dev.clarity.bot.outbox.GitHubOutbox;
import dev.clarity.bot.server.HealthSource;
import dev.clarity.bot.server.HttpServer;
import dev.clarity.bot.webhook.WebhookSignature;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.tasks.ItemKind;
import dev.clarity.testkit.github.FakeGitHub;
import dev.clarity.testkit.github.Fixtures;
import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.Step;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
import java.util.UUID;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A process that dies after answering a webhook, or after a command's effect and before the delivery is marked
 * processed: the next start handles the kept delivery again through the real handlers and the real
 * {@link OrchestratorControls} (over real PostgreSQL, against the fake GitHub), and the command has its effect once.
 * The orchestrator here never claims work, so an execution stays exactly as the commands left it.
 */
class DeliveryReplayScenarioTest {
    static final String SECRET = "It's a Secret to Everybody";
    static final String REPO = "Codertocat/Hello-World";
    static final ObjectMapper JSON = Json.mapper();

    @TempDir
    static Path dataDir;

    static Database database;

    FakeGitHub github;
    ManualTime time;
    RestGitHubGateway gateway;
    GitHubOutbox outbox;
    JooqExecutionStore store;
    OrchestratorControls controls;
    ScheduledExecutorService stoppedTimer;
    final List<Process> processes = new ArrayList<>();
    final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void database() {
        database = Database.open(new DatabaseLocation.Embedded(dataDir, false), 6, null);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void start() {
        github = FakeGitHub.start(TestGateways.APP_ID).installation(1, REPO).permission(REPO, "Codertocat", "write");
        time = new ManualTime(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        gateway = TestGateways.against(github.apiUrl(), time, new RecordingSleeper(time));
        database.dsl().deleteFrom(GITHUB_WRITES).execute();
        database.dsl().deleteFrom(GITHUB_COMMENTS).execute();
        database.dsl().deleteFrom(WEBHOOK_DELIVERIES).execute();
        outbox = new GitHubOutbox(database.dsl(), gateway, time, () -> 1.0, "scenario");
        store = new JooqExecutionStore(database.dsl(), time);
        // an orchestrator that never claims: its timer is stopped, so a wake-up is dropped (as after close)
        stoppedTimer = Executors.newSingleThreadScheduledExecutor();
        stoppedTimer.shutdown();
        Orchestrator orchestrator =
                new Orchestrator(store, null, null, "scenario", 1, Duration.ofSeconds(30), stoppedTimer, null);
        controls = new OrchestratorControls(database.dsl(), store, orchestrator, time);
    }

    @AfterEach
    void stop() {
        processes.forEach(Process::close);
        github.close();
        // the next test's run finds the repository free
        database.dsl().update(EXECUTIONS).set(EXECUTIONS.BADGE, "COMPLETED").execute();
    }

    /** One {@code serve} process: the GitHub App feature behind a real HTTP server, its hand-offs held in a queue. */
    final class Process implements AutoCloseable {
        final HandOffs handOffs = new HandOffs();
        final GitHubAppFeature feature;
        final HttpServer server;

        Process(String owner) {
            this(owner, controls);
        }

        Process(String owner, OrchestratorControls controls) {
            var settings = new GitHubSettings.Complete(github.apiUrl(), TestGateways.APP_ID, TestKeys.pkcs1(), SECRET);
            feature = GitHubAppFeature.create(
                    settings,
                    database.dsl(),
                    gateway,
                    outbox,
                    controls,
                    new RecordingSignals(),
                    JSON,
                    time,
                    time,
                    handOffs,
                    owner);
            HealthSource health = new HealthSource() {
                @Override
                public boolean databaseReachable() {
                    return true;
                }

                @Override
                public String schemaVersion() {
                    return "test";
                }
            };
            server = new HttpServer(
                            "127.0.0.1",
                            0,
                            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                            health,
                            time,
                            List.of(feature),
                            JSON)
                    .start();
            processes.add(this);
        }

        /** Starts as serve starts on its own database: what the previous process left is handled again. */
        void startReplay() throws InterruptedException {
            feature.replay().releaseOthers();
            feature.replay().replayStale();
            handOffs.runAll();
        }

        HttpResponse<String> send(String event, String delivery, byte[] body) throws Exception {
            return client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/webhooks/github"))
                            .header("Content-Type", "application/json")
                            .header("X-GitHub-Event", event)
                            .header("X-GitHub-Delivery", delivery)
                            .header("X-Hub-Signature-256", new WebhookSignature(SECRET).sign(body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() {
            server.close();
            feature.close();
        }
    }

    /** The webhook executor of a process: hand-offs wait here until the test runs them (or never, if it died). */
    static final class HandOffs extends AbstractExecutorService {
        final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();
        volatile boolean shut;

        @Override
        public void execute(Runnable command) {
            queue.add(command);
        }

        void runAll() {
            Runnable r;
            while ((r = queue.poll()) != null) {
                r.run();
            }
        }

        @Override
        public void shutdown() {
            shut = true;
        }

        @Override
        public List<Runnable> shutdownNow() {
            shut = true;
            return List.copyOf(queue);
        }

        @Override
        public boolean isShutdown() {
            return shut;
        }

        @Override
        public boolean isTerminated() {
            return shut;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    /** The real issue_comment.created delivery, by Codertocat, with the comment's body and id replaced. */
    static byte[] comment(String body, long commentId) throws Exception {
        ObjectNode payload =
                (ObjectNode) JSON.readTree(Fixtures.webhook("issue_comment.created.with-installation.json"));
        ObjectNode comment = (ObjectNode) payload.get("comment");
        comment.put("body", body);
        comment.put("id", commentId);
        ((ObjectNode) comment.get("user")).put("login", "Codertocat").put("type", "User");
        ((ObjectNode) payload.get("sender")).put("login", "Codertocat").put("type", "User");
        return JSON.writeValueAsBytes(payload);
    }

    /**
     * What the database holds when a process died after the handler's effect and before the delivery's outcome was
     * written (that write does not wait for the disk): the delivery accepted, its payload kept, claimed by the dead
     * process.
     */
    static void crashedBeforeProcessed(String delivery, byte[] body) {
        database.dsl()
                .update(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.OUTCOME, "accepted")
                .where(WEBHOOK_DELIVERIES.DELIVERY_ID.eq(delivery))
                .execute();
        database.dsl()
                .insertInto(WEBHOOK_PAYLOADS)
                .set(WEBHOOK_PAYLOADS.DELIVERY_ID, delivery)
                .set(WEBHOOK_PAYLOADS.PAYLOAD, body)
                .set(WEBHOOK_PAYLOADS.CLAIMED_BY, "dead")
                .set(
                        WEBHOOK_PAYLOADS.CLAIMED_UNTIL,
                        Instant.now().plusSeconds(600).atOffset(java.time.ZoneOffset.UTC))
                .execute();
    }

    static List<Long> executions() {
        return database.dsl()
                .select(EXECUTIONS.ID)
                .from(EXECUTIONS)
                .orderBy(EXECUTIONS.ID)
                .fetch(EXECUTIONS.ID);
    }

    static String outcome(String delivery) {
        return database.dsl()
                .select(WEBHOOK_DELIVERIES.OUTCOME)
                .from(WEBHOOK_DELIVERIES)
                .where(WEBHOOK_DELIVERIES.DELIVERY_ID.eq(delivery))
                .fetchOne(WEBHOOK_DELIVERIES.OUTCOME);
    }

    List<String> replies() {
        return github.comments(REPO, 1).stream()
                .map(c -> c.path("body").asText())
                .toList();
    }

    static int audited(String action, long execution) {
        return database.dsl()
                .fetchCount(AUDIT, AUDIT.ACTION.eq(action + " via comment").and(AUDIT.EXECUTION_ID.eq(execution)));
    }

    @Test
    void a_run_command_answered_by_a_process_that_died_is_carried_out_once_by_the_next_start() throws Exception {
        List<Long> before = executions();
        Process died = new Process("died");
        String delivery = UUID.randomUUID().toString();
        assertThat(died.send("issue_comment", delivery, comment("/clarity run --stop-after 2.3", 6001))
                        .statusCode())
                .isEqualTo(202);
        died.close(); // its hand-off never ran
        assertThat(github.repositoryWrites()).isEmpty();
        assertThat(outcome(delivery)).isEqualTo("accepted");

        Process next = new Process("next");
        next.startReplay();

        List<Long> started = new ArrayList<>(executions());
        started.removeAll(before);
        assertThat(started).hasSize(1);
        long run = started.getFirst();
        assertThat(store.find(run).orElseThrow().stopAfter()).isEqualTo("2.3");
        assertThat(github.reactions(6001)).containsExactly("eyes");
        assertThat(replies())
                .containsExactly("@Codertocat Run " + run + " queued for " + REPO + ".\n\n<!-- clarity:reply:6001 -->");
        assertThat(outcome(delivery)).isEqualTo("processed");
        assertThat(next.handOffs.queue).isEmpty();
        next.startReplay();
        assertThat(executions()).hasSize(before.size() + 1);
    }

    @Test
    void a_run_command_handled_while_clarity_shuts_down_waits_for_the_next_start_instead_of_a_try_again_reply()
            throws Exception {
        List<Long> before = executions();
        java.util.concurrent.ExecutorService workers = Executors.newSingleThreadExecutor();
        Orchestrator closing =
                new Orchestrator(store, null, null, "closing", 1, Duration.ofSeconds(30), stoppedTimer, workers);
        closing.close();
        Process leaving = new Process("leaving", new OrchestratorControls(database.dsl(), store, closing, time));
        String delivery = UUID.randomUUID().toString();
        assertThat(leaving.send("issue_comment", delivery, comment("/clarity run", 6104))
                        .statusCode())
                .isEqualTo(202);
        leaving.handOffs.runAll();

        assertThat(executions()).isEqualTo(before);
        assertThat(outcome(delivery)).as("neither processed nor failed").isEqualTo("accepted");
        assertThat(replies()).isEmpty();
        leaving.close();

        Process next = new Process("next");
        next.startReplay();
        List<Long> started = new ArrayList<>(executions());
        started.removeAll(before);
        assertThat(started).hasSize(1);
        assertThat(replies())
                .containsExactly("@Codertocat Run " + started.getFirst() + " queued for " + REPO
                        + ".\n\n<!-- clarity:reply:6104 -->");
        assertThat(outcome(delivery)).isEqualTo("processed");
        assertThat(github.reactions(6104)).containsExactly("eyes");
    }

    @Test
    void a_run_command_handled_again_after_its_effect_starts_no_second_execution_and_answers_the_same()
            throws Exception {
        List<Long> before = executions();
        Process first = new Process("first");
        String delivery = UUID.randomUUID().toString();
        byte[] body = comment("/clarity run", 6002);
        first.send("issue_comment", delivery, body);
        first.handOffs.runAll();
        List<String> repliesAfterFirst = replies();
        int writesAfterFirst = github.repositoryWrites().size();
        first.close();
        crashedBeforeProcessed(delivery, body);

        Process next = new Process("next");
        next.startReplay();
        // and GitHub delivering the same comment once more, under another delivery id
        next.send("issue_comment", UUID.randomUUID().toString(), body);
        next.handOffs.runAll();

        assertThat(executions()).hasSize(before.size() + 1);
        long run = executions().getLast();
        assertThat(repliesAfterFirst).hasSize(1);
        assertThat(replies()).isEqualTo(repliesAfterFirst);
        assertThat(github.reactions(6002)).containsExactly("eyes");
        assertThat(github.repositoryWrites()
                        .subList(writesAfterFirst, github.repositoryWrites().size()))
                .as("only the 👀 again, which GitHub answers 200 for an existing reaction")
                .allMatch(w -> w.line().endsWith("/reactions 200"));
        assertThat(outcome(delivery)).isEqualTo("processed");
        assertThat(audited("start", run)).isEqualTo(1);
        assertThat(database.dsl()
                        .select(COMMAND_EFFECTS.STARTED_EXECUTION_ID)
                        .from(COMMAND_EFFECTS)
                        .where(COMMAND_EFFECTS.REQUEST_KEY.eq("comment/6002"))
                        .fetchOne(COMMAND_EFFECTS.STARTED_EXECUTION_ID))
                .isEqualTo(run);
    }

    @Test
    void a_retry_handled_twice_gives_one_fresh_set_of_attempts() throws Exception {
        Process first = new Process("first");
        first.send("issue_comment", UUID.randomUUID().toString(), comment("/clarity run", 6003));
        first.handOffs.runAll();
        long run = executions().getLast();
        store.taskRun(run, "1.2", "Add the login form");
        Transition review = new Transition(
                new Cursor("1.2", ItemKind.TASK, Step.HUMAN_REVIEW, 3), Badge.BLOCKED, "repairs used up");
        store.controlled(run, review);

        String delivery = UUID.randomUUID().toString();
        byte[] retry = comment("/clarity retry", 6004);
        first.send("issue_comment", delivery, retry);
        first.handOffs.runAll();
        assertThat(store.generation(run, "1.2")).isEqualTo(1);
        assertThat(store.find(run).orElseThrow().cursor().step()).isNotEqualTo(Step.HUMAN_REVIEW);
        String answer = github.comments(REPO, 1).getLast().path("body").asText();
        // the fresh attempts were used up too, before the process died without marking the retry processed
        store.controlled(run, review);
        first.close();
        crashedBeforeProcessed(delivery, retry);

        Process next = new Process("next");
        next.startReplay();

        assertThat(store.generation(run, "1.2")).as("one fresh set of attempts").isEqualTo(1);
        assertThat(store.find(run).orElseThrow().cursor())
                .as("still waiting for a person")
                .isEqualTo(review.cursor());
        assertThat(audited("retry", run)).isEqualTo(1);
        assertThat(github.comments(REPO, 1).getLast().path("body").asText()).isEqualTo(answer);
        assertThat(outcome(delivery)).isEqualTo("processed");
    }
}
