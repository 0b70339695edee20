package dev.clarity.bot.outbox;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.GITHUB_COMMENTS;
import static dev.clarity.migrations.jooq.Tables.GITHUB_WRITES;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.bot.github.GitHubGateway;
import dev.clarity.bot.github.ManualTime;
import dev.clarity.bot.github.RecordingSleeper;
import dev.clarity.bot.github.RepoRef;
import dev.clarity.bot.github.RetryPolicy;
import dev.clarity.bot.github.TestGateways;
import dev.clarity.bot.orchestrator.JooqExecutionStore;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.testkit.github.FakeGitHub;
import dev.clarity.testkit.github.GitHubWrite;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outbox against real PostgreSQL and the fake GitHub, through the real REST adapter allowed one attempt per call
 * (so every refusal reaches the outbox), with test time: GitHub refusing, rate limiting, and a worker restarted.
 */
class GitHubOutboxTest {
    static final String REPO = "acme/shop";
    static final RepoRef SHOP = RepoRef.parse(REPO);
    static final String EDIT = "/repos/acme/shop/issues/comments/\\d+";
    static final String CREATE = "/repos/acme/shop/issues/3/comments";

    @TempDir
    static Path dataDir;

    static Database database;

    FakeGitHub github;
    ManualTime time;
    GitHubGateway gateway;
    GitHubOutbox outbox;
    long execution;

    @BeforeAll
    static void database() {
        database = Database.open(new DatabaseLocation.Embedded(dataDir, false), 4, null);
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

    @BeforeEach
    void start() {
        database.dsl().deleteFrom(GITHUB_WRITES).execute();
        database.dsl().deleteFrom(GITHUB_COMMENTS).execute(); // comment ids of an earlier test's fake GitHub
        github = FakeGitHub.start(TestGateways.APP_ID).installation(11, REPO);
        time = new ManualTime(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        gateway = TestGateways.against(
                github.apiUrl(),
                time,
                new RecordingSleeper(time),
                new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1)));
        outbox = new GitHubOutbox(database.dsl(), gateway, time, () -> 1.0, "worker-1");
        execution = newExecution();
    }

    @AfterEach
    void stop() {
        outbox.close();
        github.close();
    }

    long newExecution() {
        var dsl = database.dsl();
        long customer = dsl.insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                .values("Acme", "acme-" + System.nanoTime())
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
        long project = dsl.insertInto(
                        PROJECTS, PROJECTS.CUSTOMER_ID, PROJECTS.NAME, PROJECTS.REPOSITORY, PROJECTS.CLONE_URL)
                .values(customer, "shop", REPO + "-" + System.nanoTime(), "https://example.invalid/shop.git")
                .returning(PROJECTS.ID)
                .fetchOne(PROJECTS.ID);
        return new JooqExecutionStore(dsl, time)
                .enqueue(new StartRequest(project, new Actor("ana", "comment"), null, null, null, null, "issue #3"));
    }

    PendingWrite.Progress progress(String text) {
        String marker = "<!-- clarity:progress:" + execution + " -->";
        return new PendingWrite.Progress(11, SHOP, 3, execution, marker, marker + "\n" + text);
    }

    PendingWrite.Reply reply(long commentId, String text) {
        String marker = "<!-- clarity:reply:" + commentId + " -->";
        return new PendingWrite.Reply(11, SHOP, 3, commentId, marker, text + "\n\n" + marker);
    }

    List<String> writes() {
        return github.repositoryWrites().stream().map(GitHubWrite::line).toList();
    }

    /** What each comment edit or creation asked GitHub to write, in order, with GitHub's answer. */
    List<String> commentBodies() {
        return github.repositoryWrites().stream()
                .filter(w -> w.path().contains("/issues/"))
                .map(w -> w.body()
                                .path("body")
                                .asText()
                                .lines()
                                .reduce((a, b) -> b)
                                .orElse("") + " " + w.status())
                .toList();
    }

    String onlyComment() {
        assertThat(github.comments(REPO, 3)).hasSize(1);
        return github.comments(REPO, 3).getFirst().path("body").asText();
    }

    @Test
    void progress_edits_refused_with_502s_and_a_secondary_rate_limit_are_written_in_order_in_one_comment() {
        outbox.submit(progress("SELECT"));
        for (int i = 0; i < 3; i++) {
            github.failOnce("PATCH", EDIT, 502, Map.of(), false);
        }
        github.failOnce("PATCH", EDIT, 403, Map.of("Retry-After", "120"), false);

        outbox.submit(progress("PREP")); // refused at once (502): queued, due in 5 s
        assertThat(outbox.pending()).isEqualTo(1);
        assertThat(outbox.runDue()).isZero();
        time.advance(Duration.ofSeconds(5));
        assertThat(outbox.runDue()).isZero(); // 502 again: due in 10 s
        outbox.submit(progress("IMPLEMENT")); // queued behind the failures: replaces PREP, not tried here
        time.advance(Duration.ofSeconds(10));
        assertThat(outbox.runDue()).isZero(); // 502 again: due in 20 s
        time.advance(Duration.ofSeconds(20));
        assertThat(outbox.runDue()).isZero(); // secondary rate limit: Retry-After 120 s outlasts the 40 s backoff
        time.advance(Duration.ofSeconds(119));
        assertThat(outbox.runDue()).isZero();
        assertThat(github.requests().stream().filter(r -> r.startsWith("PATCH")))
                .hasSize(4);
        time.advance(Duration.ofSeconds(1));
        assertThat(outbox.runDue()).isEqualTo(1);

        assertThat(commentBodies())
                .containsExactly(
                        "SELECT 201", "PREP 502", "PREP 502", "IMPLEMENT 502", "IMPLEMENT 403", "IMPLEMENT 200");
        assertThat(onlyComment()).endsWith("IMPLEMENT");
        assertThat(outbox.pending()).isZero();
        assertThat(outbox.runDue()).isZero();
    }

    @Test
    void a_superseded_progress_update_is_not_written_after_a_newer_one() {
        outbox.submit(progress("PREP"));
        github.failOnce("PATCH", EDIT, 502, Map.of(), false);
        outbox.submit(progress("IMPLEMENT"));
        outbox.submit(progress("VERIFY"));
        outbox.submit(progress("PAUSED: the final update"));

        time.advance(Duration.ofSeconds(5));
        assertThat(outbox.runDue()).isEqualTo(1);
        time.advance(Duration.ofHours(1));
        assertThat(outbox.runDue()).isZero();

        assertThat(commentBodies()).containsExactly("PREP 201", "IMPLEMENT 502", "PAUSED: the final update 200");
        assertThat(onlyComment()).endsWith("PAUSED: the final update");
    }

    @Test
    void an_update_that_arrives_while_an_older_one_is_written_is_written_right_after_it() {
        outbox.submit(progress("PREP"));
        // GitHub is slow to take IMPLEMENT: VERIFY is submitted while that write is still in flight
        GitHubGateway slow = (GitHubGateway) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {GitHubGateway.class}, (proxy, method, args) -> {
                    if (method.getName().equals("editComment") && ((String) args[3]).endsWith("IMPLEMENT")) {
                        outbox.submit(progress("VERIFY"));
                    }
                    return method.invoke(gateway, args);
                });
        GitHubOutbox slowOutbox = new GitHubOutbox(database.dsl(), slow, time, () -> 1.0, "worker-2");

        slowOutbox.submit(progress("IMPLEMENT"));

        assertThat(commentBodies()).containsExactly("PREP 201", "IMPLEMENT 200", "VERIFY 200");
        assertThat(outbox.pending()).isZero();
    }

    @Test
    void a_reply_github_did_not_take_is_written_once_by_the_worker_after_a_restart() throws Exception {
        // GitHub made the comment but the answer was lost, and the process died while it waited to try again
        github.failOnce("POST", CREATE, 502, Map.of(), true);
        outbox.submit(reply(5001, "@ana Run 1 queued for acme/shop."));
        github.failOnce("POST", CREATE, 502, Map.of(), false);
        outbox.submit(reply(5002, "@ana Run 1 will pause after 2.1."));
        new JooqWriteQueue(database.dsl())
                .claimDue(
                        "dead-process",
                        time.instant().plusSeconds(5),
                        time.instant().plus(Duration.ofHours(1)),
                        10);
        assertThat(outbox.pending()).isEqualTo(2);
        outbox.close();

        time.advance(Duration.ofSeconds(5));
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try (GitHubOutbox restarted =
                new GitHubOutbox(database.dsl(), gateway, time, () -> 1.0, "worker-after-restart")) {
            restarted.start(timer, Duration.ofHours(1), true);
            await(() -> restarted.pending() == 0);
            assertThat(restarted.runDue()).isZero();
        } finally {
            timer.shutdownNow();
        }

        assertThat(github.comments(REPO, 3))
                .extracting(c -> c.path("body").asText().lines().findFirst().orElse(""))
                .containsExactly("@ana Run 1 queued for acme/shop.", "@ana Run 1 will pause after 2.1.");
        assertThat(writes())
                .containsExactly(
                        "POST /repos/acme/shop/issues/3/comments 502",
                        "POST /repos/acme/shop/issues/3/comments 502",
                        "POST /repos/acme/shop/issues/3/comments 201");
    }

    @Test
    void a_comment_by_someone_else_holding_the_marker_is_never_edited() {
        String marker = "<!-- clarity:progress:" + execution + " -->";
        String planted = "I wrote this first\n" + marker;
        long person = github.personComment(REPO, 3, "mallory", planted);
        long otherBot = github.comment(REPO, 3, "other-app[bot]", "Bot", 999, planted);

        outbox.submit(progress("PREP"));
        outbox.submit(progress("IMPLEMENT"));

        assertThat(github.comments(REPO, 3))
                .extracting(c -> c.path("id").asLong(), c -> c.path("body").asText())
                .startsWith(
                        org.assertj.core.groups.Tuple.tuple(person, planted),
                        org.assertj.core.groups.Tuple.tuple(otherBot, planted))
                .hasSize(3);
        long own = github.comments(REPO, 3).getLast().path("id").asLong();
        assertThat(github.comments(REPO, 3).getLast().path("body").asText()).endsWith("IMPLEMENT");
        assertThat(writes())
                .containsExactly(
                        "POST /repos/acme/shop/issues/3/comments 201",
                        "PATCH /repos/acme/shop/issues/comments/" + own + " 200");
    }

    @Test
    void after_a_restart_the_comment_is_edited_by_its_stored_id_even_without_its_marker() {
        outbox.submit(progress("PREP"));
        long own = github.comments(REPO, 3).getFirst().path("id").asLong();
        outbox.close();
        // an admin edits Clarity's comment and drops the marker: only the stored id still leads to it
        github.rewriteComment(own, "PREP, edited by a person");
        int before = github.requests().size();

        try (GitHubOutbox restarted = new GitHubOutbox(database.dsl(), gateway, time, () -> 1.0, "after-restart")) {
            restarted.submit(progress("IMPLEMENT"));
        }

        assertThat(onlyComment()).endsWith("IMPLEMENT");
        assertThat(writes())
                .containsExactly(
                        "POST /repos/acme/shop/issues/3/comments 201",
                        "PATCH /repos/acme/shop/issues/comments/" + own + " 200");
        assertThat(github.requests().subList(before, github.requests().size()))
                .as("no comment is looked for")
                .containsExactly("PATCH /repos/acme/shop/issues/comments/" + own);
    }

    @Test
    void a_comment_made_before_a_crash_is_found_again_by_its_marker_among_the_apps_own_comments_only() {
        String marker = "<!-- clarity:progress:" + execution + " -->";
        long person = github.personComment(REPO, 3, "mallory", marker);
        // GitHub makes the comment but the answer is lost: no id is stored
        github.failOnce("POST", CREATE, 502, Map.of(), true);
        outbox.submit(progress("PREP"));
        assertThat(outbox.pending()).isEqualTo(1);

        time.advance(Duration.ofSeconds(5));
        assertThat(outbox.runDue()).isEqualTo(1);
        outbox.submit(progress("IMPLEMENT"));

        long own = github.comments(REPO, 3).getLast().path("id").asLong();
        assertThat(github.comments(REPO, 3))
                .extracting(c -> c.path("id").asLong(), c -> c.path("body").asText())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(person, marker),
                        org.assertj.core.groups.Tuple.tuple(own, marker + "\nIMPLEMENT"));
        assertThat(writes())
                .containsExactly(
                        "POST /repos/acme/shop/issues/3/comments 502",
                        "PATCH /repos/acme/shop/issues/comments/" + own + " 200");
    }

    @Test
    void a_comment_a_person_deleted_is_made_again() {
        outbox.submit(progress("PREP"));
        long first = github.comments(REPO, 3).getFirst().path("id").asLong();
        github.deleteComment(first);

        outbox.submit(progress("IMPLEMENT"));
        outbox.submit(progress("VERIFY"));

        long second = github.comments(REPO, 3).getFirst().path("id").asLong();
        assertThat(onlyComment()).endsWith("VERIFY");
        assertThat(writes())
                .containsExactly(
                        "POST /repos/acme/shop/issues/3/comments 201",
                        "PATCH /repos/acme/shop/issues/comments/" + first + " 404",
                        "POST /repos/acme/shop/issues/3/comments 201",
                        "PATCH /repos/acme/shop/issues/comments/" + second + " 200");
    }

    @Test
    void a_reaction_refused_for_a_rate_limit_waits_until_the_limit_ends() {
        github.failOnce(
                "POST", "/repos/acme/shop/issues/comments/5003/reactions", 429, Map.of("Retry-After", "600"), false);
        outbox.submit(new PendingWrite.Reaction(11, SHOP, 5003, "eyes"));

        assertThat(outbox.nextAttempt()).contains(time.instant().plusSeconds(600));
        time.advance(Duration.ofSeconds(599));
        assertThat(outbox.runDue()).isZero();
        time.advance(Duration.ofSeconds(1));
        assertThat(outbox.runDue()).isEqualTo(1);
        assertThat(github.reactions(5003)).containsExactly("eyes");
    }

    @Test
    void a_progress_update_whose_issue_is_gone_is_tried_while_its_execution_lives_and_dropped_once_it_ended() {
        for (int i = 0; i < 3; i++) {
            github.failOnce("POST", CREATE, 404, Map.of(), false);
        }
        outbox.submit(progress("PREP"));
        time.advance(Duration.ofSeconds(5));
        assertThat(outbox.runDue()).isZero();
        assertThat(outbox.pending())
                .as("the execution still runs: someone may restore access")
                .isEqualTo(1);

        database.dsl()
                .update(dev.clarity.migrations.jooq.Tables.EXECUTIONS)
                .set(dev.clarity.migrations.jooq.Tables.EXECUTIONS.BADGE, "COMPLETED")
                .where(dev.clarity.migrations.jooq.Tables.EXECUTIONS.ID.eq(execution))
                .execute();
        time.advance(Duration.ofSeconds(10));
        assertThat(outbox.runDue()).isZero();
        assertThat(outbox.pending()).isZero();
        assertThat(writes())
                .containsExactly(
                        "POST /repos/acme/shop/issues/3/comments 404",
                        "POST /repos/acme/shop/issues/3/comments 404",
                        "POST /repos/acme/shop/issues/3/comments 404");
    }

    @Test
    void a_reaction_to_a_comment_that_is_gone_is_tried_for_a_day_then_dropped_and_a_502_never_is() {
        String reactions = "/repos/acme/shop/issues/comments/5004/reactions";
        for (int i = 0; i < 40; i++) {
            github.failOnce("POST", reactions, 404, Map.of(), false);
        }
        outbox.submit(new PendingWrite.Reaction(11, SHOP, 5004, "eyes"));
        time.advance(Duration.ofHours(23));
        assertThat(outbox.runDue()).isZero();
        assertThat(outbox.pending()).isEqualTo(1);
        time.advance(Duration.ofHours(2));
        assertThat(outbox.runDue()).isZero();
        assertThat(outbox.pending()).isZero();

        String other = "/repos/acme/shop/issues/comments/5005/reactions";
        for (int i = 0; i < 3; i++) {
            github.failOnce("POST", other, 502, Map.of(), false);
        }
        outbox.submit(new PendingWrite.Reaction(11, SHOP, 5005, "eyes"));
        time.advance(Duration.ofHours(25));
        assertThat(outbox.runDue()).isZero();
        assertThat(outbox.pending())
                .as("a server error may pass: tried again without end")
                .isEqualTo(1);
    }

    @Test
    void the_backoff_starts_at_five_seconds_doubles_and_stops_at_ten_minutes_jittered_to_half() {
        assertThat(outbox.backoff(1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(outbox.backoff(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(outbox.backoff(8)).isEqualTo(Duration.ofMinutes(10));
        assertThat(outbox.backoff(40)).isEqualTo(Duration.ofMinutes(10));
        GitHubOutbox lowJitter = new GitHubOutbox(database.dsl(), gateway, time, () -> 0.0, "w");
        assertThat(lowJitter.backoff(1)).isEqualTo(Duration.ofMillis(2500));
    }

    /** Waits for the worker thread with a deadline; the condition is read from the database and the fake. */
    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the worker did not finish within 20 s");
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }
}
