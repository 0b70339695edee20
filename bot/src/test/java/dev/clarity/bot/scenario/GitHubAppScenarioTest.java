package dev.clarity.bot.scenario;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.GITHUB_COMMENTS;
import static dev.clarity.migrations.jooq.Tables.GITHUB_WRITES;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.WEBHOOK_DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarity.bot.app.GitHubAppFeature;
import dev.clarity.bot.app.Json;
import dev.clarity.bot.config.GitHubSettings;
import dev.clarity.bot.events.CommentCommandHandler;
import dev.clarity.bot.github.ManualTime;
import dev.clarity.bot.github.RecordingSleeper;
import dev.clarity.bot.github.RepoRef;
import dev.clarity.bot.github.RestGitHubGateway;
import dev.clarity.bot.github.TestGateways;
import dev.clarity.bot.github.TestKeys;
import dev.clarity.bot.markdown.GitHubFlavor;
import dev.clarity.bot.orchestrator.JooqExecutionStore;
import dev.clarity.bot.outbox.GitHubOutbox;
import dev.clarity.bot.publish.GitHubPublisher;
import dev.clarity.bot.render.CriterionResult;
import dev.clarity.bot.render.Golden;
import dev.clarity.bot.render.Hostile;
import dev.clarity.bot.render.ProgressComment;
import dev.clarity.bot.render.ProgressReport;
import dev.clarity.bot.render.RenderersFixtures;
import dev.clarity.bot.render.TaskLine;
import dev.clarity.bot.render.TaskReport;
import dev.clarity.bot.render.TaskStatus;
import dev.clarity.bot.render.Verdict;
import dev.clarity.bot.server.HealthSource;
import dev.clarity.bot.server.HttpServer;
import dev.clarity.bot.webhook.WebhookSignature;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.testkit.github.FakeGitHub;
import dev.clarity.testkit.github.Fixtures;
import dev.clarity.testkit.github.GitHubWrite;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GitHub App wired as {@code serve} wires it (real HTTP server, real PostgreSQL, the real REST adapter) against
 * the fake GitHub: signed webhooks in, ordered GitHub writes and golden comment bodies out. The orchestrator is
 * replaced by recording fakes of {@code ExecutionControls} and {@code OrchestratorSignals}; runs to completion and
 * stop points need the orchestrator and are covered by {@code GitHubRunScenarioIT}.
 */
class GitHubAppScenarioTest {
    static final String SECRET = "It's a Secret to Everybody";
    static final String REPO = "Codertocat/Hello-World";
    static final ObjectMapper JSON = Json.mapper();

    @TempDir
    static Path dataDir;

    static Database database;

    FakeGitHub github;
    ManualTime time;
    RecordingSleeper sleeper;
    RecordingControls controls;
    RecordingSignals signals;
    QueueExecutor executor;
    HttpServer server;
    GitHubAppFeature feature;
    GitHubOutbox outbox;
    final HttpClient client = HttpClient.newHttpClient();

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
        github = FakeGitHub.start(TestGateways.APP_ID)
                .installation(1, REPO)
                .installation(957387, REPO, "Codertocat/Space")
                .permission(REPO, "Codertocat", "write")
                .permission(REPO, "hubot", "read");
        time = new ManualTime(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        sleeper = new RecordingSleeper(time);
        controls = new RecordingControls();
        signals = new RecordingSignals();
        executor = new QueueExecutor();
        RestGitHubGateway gateway = TestGateways.against(github.apiUrl(), time, sleeper);
        var settings = new GitHubSettings.Complete(github.apiUrl(), TestGateways.APP_ID, TestKeys.pkcs1(), SECRET);
        database.dsl().deleteFrom(GITHUB_WRITES).execute(); // each test starts with an empty outbox
        database.dsl().deleteFrom(GITHUB_COMMENTS).execute(); // and knows no comment of an earlier test's GitHub
        outbox = new GitHubOutbox(database.dsl(), gateway, time, () -> 1.0, "scenario");
        feature = GitHubAppFeature.create(
                settings, database.dsl(), gateway, outbox, controls, signals, JSON, time, time, executor, "scenario");
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
    }

    @AfterEach
    void stop() {
        server.close();
        feature.close();
        github.close();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    record Sent(String delivery, HttpResponse<String> response) {}

    Sent send(String event, byte[] body, String signature, String delivery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + "/webhooks/github"))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        return new Sent(delivery, client.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    Sent signed(String event, byte[] body) throws Exception {
        return send(
                event,
                body,
                new WebhookSignature(SECRET).sign(body),
                UUID.randomUUID().toString());
    }

    /** The real issue_comment.created delivery, with the comment's body, author and id replaced. */
    static byte[] comment(String body, String login, long commentId, String senderType) throws Exception {
        ObjectNode payload =
                (ObjectNode) JSON.readTree(Fixtures.webhook("issue_comment.created.with-installation.json"));
        ObjectNode comment = (ObjectNode) payload.get("comment");
        comment.put("body", body);
        comment.put("id", commentId);
        ((ObjectNode) comment.get("user")).put("login", login).put("type", senderType);
        ((ObjectNode) payload.get("sender")).put("login", login).put("type", senderType);
        return JSON.writeValueAsBytes(payload);
    }

    List<String> writes() {
        return github.repositoryWrites().stream().map(GitHubWrite::line).toList();
    }

    String onlyCommentBody() {
        assertThat(github.comments(REPO, 1)).hasSize(1);
        return github.comments(REPO, 1).getFirst().path("body").asText();
    }

    String outcome(String delivery) {
        return database.dsl()
                .select(WEBHOOK_DELIVERIES.OUTCOME)
                .from(WEBHOOK_DELIVERIES)
                .where(WEBHOOK_DELIVERIES.DELIVERY_ID.eq(delivery))
                .fetchOne(WEBHOOK_DELIVERIES.OUTCOME);
    }

    // ---- scenarios -----------------------------------------------------------------------------------------

    @Test
    void a_run_command_from_a_writer_is_acknowledged_started_and_answered() throws Exception {
        Sent sent = signed("issue_comment", comment("/clarity run --stop-after 2.3.1.4", "Codertocat", 5001, "User"));

        assertThat(sent.response().statusCode()).isEqualTo(202);
        assertThat(writes()).isEmpty();
        executor.drain();

        assertThat(controls.calls)
                .singleElement()
                .asString()
                .startsWith("start project=")
                .endsWith("by=Codertocat via=comment stopAfter=2.3.1.4 task=null tool=null");
        assertThat(writes())
                .containsExactly(
                        "POST /repos/Codertocat/Hello-World/issues/comments/5001/reactions 201",
                        "POST /repos/Codertocat/Hello-World/issues/1/comments 201");
        assertThat(github.reactions(5001)).containsExactly("eyes");
        Golden.assertMatches("reply-run-accepted.md", onlyCommentBody());
        assertThat(outcome(sent.delivery())).isEqualTo("processed");
    }

    @Test
    void a_comment_that_is_not_a_command_is_recorded_ignored_and_costs_github_nothing() throws Exception {
        Sent sent =
                signed("issue_comment", comment("Looks good to me, /clarity run later", "Codertocat", 5009, "User"));
        executor.drain();

        assertThat(sent.response().statusCode()).isEqualTo(202);
        assertThat(sent.response().body()).contains("has nothing for Clarity to do");
        assertThat(controls.calls).isEmpty();
        assertThat(github.requests()).isEmpty();
        assertThat(outcome(sent.delivery())).isEqualTo("ignored");
    }

    @Test
    void an_unauthorized_commenter_gets_one_polite_refusal_and_nothing_runs() throws Exception {
        signed("issue_comment", comment("/clarity run", "hubot", 5002, "User"));
        executor.drain();

        assertThat(controls.calls).isEmpty();
        assertThat(github.reactions(5002)).isEmpty();
        assertThat(writes()).containsExactly("POST /repos/Codertocat/Hello-World/issues/1/comments 201");
        Golden.assertMatches("reply-refused.md", onlyCommentBody());
    }

    @Test
    void a_duplicate_delivery_has_no_second_effect() throws Exception {
        byte[] body = comment("/clarity run", "Codertocat", 5003, "User");
        String signature = new WebhookSignature(SECRET).sign(body);
        Sent first = send("issue_comment", body, signature, UUID.randomUUID().toString());
        executor.drain();
        Sent again = send("issue_comment", body, signature, first.delivery());
        executor.drain();

        assertThat(first.response().statusCode()).isEqualTo(202);
        assertThat(again.response().statusCode()).isEqualTo(200);
        assertThat(controls.calls).hasSize(1);
        assertThat(writes()).hasSize(2);
    }

    @Test
    void a_bad_signature_is_refused_and_leaves_no_trace() throws Exception {
        byte[] body = comment("/clarity run", "Codertocat", 5004, "User");
        String delivery = UUID.randomUUID().toString();
        Sent sent = send("issue_comment", body, new WebhookSignature("not the secret").sign(body), delivery);
        executor.drain();

        assertThat(sent.response().statusCode()).isEqualTo(401);
        assertThat(executor.submitted).isZero();
        assertThat(database.dsl().fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.DELIVERY_ID.eq(delivery)))
                .isZero();
        assertThat(github.requests()).isEmpty();
        assertThat(controls.calls).isEmpty();
    }

    @Test
    void a_rate_limited_api_is_waited_out_as_retry_after_says_and_no_write_is_lost() throws Exception {
        github.failOnce(
                "POST",
                "/repos/Codertocat/Hello-World/issues/comments/5005/reactions",
                429,
                Map.of("Retry-After", "3"),
                false);

        signed("issue_comment", comment("/clarity stop", "Codertocat", 5005, "User"));
        controls.current = Optional.of(41L);
        executor.drain();

        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(3));
        assertThat(writes())
                .containsExactly(
                        "POST /repos/Codertocat/Hello-World/issues/comments/5005/reactions 429",
                        "POST /repos/Codertocat/Hello-World/issues/comments/5005/reactions 201",
                        "POST /repos/Codertocat/Hello-World/issues/1/comments 201");
        assertThat(controls.calls).containsExactly("stop 41 by=Codertocat");
        Golden.assertMatches("reply-stop.md", onlyCommentBody());
    }

    @Test
    void a_reply_github_does_not_take_is_written_later_by_the_outbox_once_and_the_command_still_runs()
            throws Exception {
        for (int i = 0; i < 5; i++) { // every attempt the gateway makes within the call
            github.failOnce("POST", "/repos/Codertocat/Hello-World/issues/1/comments", 502, Map.of(), false);
        }

        Sent sent = signed("issue_comment", comment("/clarity run --stop-after 2.3.1.4", "Codertocat", 5001, "User"));
        executor.drain();

        assertThat(controls.calls).hasSize(1);
        assertThat(github.reactions(5001)).containsExactly("eyes");
        assertThat(github.comments(REPO, 1)).isEmpty();
        assertThat(outbox.pending()).isEqualTo(1);
        assertThat(outcome(sent.delivery())).isEqualTo("processed");

        time.advance(Duration.ofSeconds(5));
        assertThat(outbox.runDue()).isEqualTo(1);
        time.advance(Duration.ofHours(1));
        assertThat(outbox.runDue()).isZero();

        Golden.assertMatches("reply-run-accepted.md", onlyCommentBody());
        assertThat(writes())
                .endsWith(
                        "POST /repos/Codertocat/Hello-World/issues/1/comments 502",
                        "POST /repos/Codertocat/Hello-World/issues/1/comments 201");
    }

    @Test
    void a_502_on_pull_request_creation_succeeds_on_retry_without_a_duplicate() {
        github.failOnce("POST", "/repos/Codertocat/Hello-World/pulls", 502, Map.of(), true);
        GitHubPublisher publisher = new GitHubPublisher(TestGateways.against(github.apiUrl(), time, sleeper));
        String sha = "89a9ae301e35e667756034fdc933b1fc94f63fc1";

        publisher.taskStarted(1, RepoRef.parse(REPO), RenderersFixtures.LOGIN, sha, null);
        var published = publisher.taskPushed(
                1, RepoRef.parse(REPO), RenderersFixtures.LOGIN, "task/2.2-password-hashing", sha, null);

        assertThat(github.pulls(REPO)).hasSize(1);
        assertThat(published.pullRequest().number()).isEqualTo(1);
        assertThat(github.checkRuns(REPO))
                .singleElement()
                .satisfies(run -> assertThat(run.path("conclusion").asText()).isEqualTo("failure"));
        assertThat(writes())
                .containsExactly(
                        "POST /repos/Codertocat/Hello-World/check-runs 201",
                        "POST /repos/Codertocat/Hello-World/pulls 502",
                        "PATCH /repos/Codertocat/Hello-World/check-runs/"
                                + published.checkRun().id() + " 200");
        Golden.assertMatches(
                "pull-request-body.md",
                github.pulls(REPO).getFirst().path("body").asText());
    }

    @Test
    void the_pull_request_and_check_run_show_each_criterion_with_its_output_and_every_failure_as_an_annotation() {
        GitHubPublisher publisher = new GitHubPublisher(TestGateways.against(github.apiUrl(), time, sleeper));
        String sha = "89a9ae301e35e667756034fdc933b1fc94f63fc1";
        List<CriterionResult.Spot> spots = new java.util.ArrayList<>();
        for (int i = 1; i <= 120; i++) {
            spots.add(new CriterionResult.Spot("src/test/java/shop/CartTest.java", i, "test " + i + " failed"));
        }
        TaskReport task = new TaskReport(
                7,
                "2.3",
                "Sum the cart",
                "Sum the cart",
                List.of(
                        new CriterionResult(
                                "test.unit",
                                "test.unit",
                                Verdict.FAILED,
                                "mvn test exited with code 1",
                                null,
                                0,
                                "Tests run: 121, Failures: 120\n```\n</details> <img src=x onerror=alert(1)> @mallory",
                                spots),
                        new CriterionResult(
                                "docs.readme",
                                "docs.readme",
                                Verdict.PASSED,
                                "README.md present",
                                null,
                                0,
                                "ok",
                                null)),
                1,
                "aider",
                "task/2.3-sum-the-cart",
                null);

        publisher.taskPushed(1, RepoRef.parse(REPO), task, "main", sha, null);

        String body = github.pulls(REPO).getFirst().path("body").asText();
        JsonNode run = github.checkRuns(REPO).getFirst();
        String summary = run.path("output").path("summary").asText();
        for (String text : List.of(body, summary)) {
            assertThat(text).contains("`test.unit`").contains("`docs.readme`").contains("mvn test exited with code 1");
            assertThat(GitHubFlavor.html(text))
                    .contains("Tests run: 121, Failures: 120")
                    .doesNotContain("<img")
                    .doesNotContain("@mallory</a>");
            assertThat(text).contains("<details><summary>`test.unit` ");
        }
        JsonNode annotations = run.path("output").path("annotations");
        assertThat(annotations).hasSize(120);
        assertThat(run.path("output").path("annotations_count").asInt()).isEqualTo(120);
        assertThat(annotations.get(11).path("path").asText()).isEqualTo("src/test/java/shop/CartTest.java");
        assertThat(annotations.get(11).path("start_line").asInt()).isEqualTo(12);
        assertThat(annotations.get(11).path("annotation_level").asText()).isEqualTo("failure");
        assertThat(annotations.get(11).path("message").asText()).isEqualTo("test 12 failed");
        assertThat(writes())
                .filteredOn(w -> w.contains("/check-runs"))
                .as("50 annotations per call: one create and two more batches")
                .hasSize(3);
    }

    @Test
    void no_secret_reaches_a_pull_request_a_check_run_or_a_comment_whatever_a_tool_printed() {
        var secrets = new dev.clarity.runner.redaction.KnownSecrets(List.of("smtp-password-0123456789"));
        var gateway = new dev.clarity.bot.github.RedactingGitHubGateway(
                TestGateways.against(github.apiUrl(), time, sleeper), secrets);
        String token = gateway.installationToken(1).token();
        String leak = "leaked smtp-password-0123456789 AKIAIOSFODNN7EXAMPLE " + token;
        GitHubPublisher publisher = new GitHubPublisher(gateway);
        String sha = "89a9ae301e35e667756034fdc933b1fc94f63fc1";
        TaskReport task = new TaskReport(
                7,
                "2.3",
                "Sum the cart",
                "Sum the cart",
                List.of(new CriterionResult(
                        "test.unit",
                        "test.unit",
                        Verdict.FAILED,
                        leak,
                        null,
                        0,
                        leak,
                        List.of(new CriterionResult.Spot("a.txt", 1, leak)))),
                1,
                "aider",
                "task/2.3-sum-the-cart",
                null);

        publisher.taskPushed(1, RepoRef.parse(REPO), task, "main", sha, null);
        gateway.createComment(1, RepoRef.parse(REPO), 1, "<!-- m -->", "<!-- m -->\n" + leak);

        List<String> received = new java.util.ArrayList<>();
        received.add(github.pulls(REPO).getFirst().toString());
        received.add(github.checkRuns(REPO).getFirst().toString());
        received.add(github.comments(REPO, 1).getFirst().toString());
        assertThat(received)
                .allSatisfy(text -> assertThat(text)
                        .doesNotContain("smtp-password-0123456789")
                        .doesNotContain("AKIAIOSFODNN7EXAMPLE")
                        .doesNotContain(token)
                        .contains("leaked"));
    }

    @Test
    void github_refuses_an_annotation_without_its_required_fields_as_the_fake_does() {
        var gateway = TestGateways.against(github.apiUrl(), time, sleeper);
        var request = new dev.clarity.bot.github.CheckRunRequest(
                "Clarity 1",
                "89a9ae301e35e667756034fdc933b1fc94f63fc1",
                "1/1",
                "completed",
                "failure",
                null,
                "t",
                "s",
                null,
                List.of(new dev.clarity.bot.github.CheckRunRequest.Annotation(null, 1, 1, "failure", "k", "m")));

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> gateway.createOrUpdateCheckRun(1, RepoRef.parse(REPO), request))
                .isInstanceOf(dev.clarity.bot.github.GitHubException.class)
                .hasMessageContaining("422");
        assertThat(github.checkRuns(REPO)).isEmpty();
    }

    @Test
    void
            an_item_that_ends_in_review_gets_an_action_required_check_run_on_its_pushed_head_or_the_comment_says_why_not() {
        var dsl = database.dsl();
        long customer = dsl.insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                .values("Acme", "acme-" + System.nanoTime())
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
        // another test of this class may have made the repository's project already (through a webhook)
        Long existing = dsl.select(PROJECTS.ID)
                .from(PROJECTS)
                .where(PROJECTS.REPOSITORY.eq(REPO))
                .fetchOne(PROJECTS.ID);
        long project = existing != null
                ? existing
                : dsl.insertInto(
                                PROJECTS,
                                PROJECTS.CUSTOMER_ID,
                                PROJECTS.NAME,
                                PROJECTS.REPOSITORY,
                                PROJECTS.CLONE_URL,
                                PROJECTS.INSTALLATION_ID)
                        .values(customer, "hello", REPO, "https://example.invalid/hello.git", 1L)
                        .returning(PROJECTS.ID)
                        .fetchOne(PROJECTS.ID);
        JooqExecutionStore store = new JooqExecutionStore(dsl, time);
        long id = store.enqueue(
                new StartRequest(project, new Actor("Codertocat", "comment"), null, null, null, null, "issue #1"));
        var cursor = new dev.clarity.bot.orchestrator.Cursor(
                "2.3", dev.clarity.tasks.ItemKind.TASK, dev.clarity.vocabulary.Step.HUMAN_REVIEW, 3);
        var ref = new dev.clarity.bot.orchestrator.ItemRef(id, "2.3", dev.clarity.vocabulary.Step.VERIFY, 3);
        store.selected(id, new dev.clarity.bot.orchestrator.TaskRuns.SelectedItem("2.3", "Sum the cart", "", ""));
        store.prepared(ref, "main", "task/2.3-sum-the-cart");
        store.verified(
                ref,
                new dev.clarity.bot.orchestrator.Evidence(
                        0,
                        2,
                        0,
                        "artifacts/2.3/",
                        "test.unit: mvn test exited with code 1; tests.kept: deleted",
                        List.of()));
        var s = store.find(id).orElseThrow();
        var inReview = new dev.clarity.bot.orchestrator.ExecutionSnapshot(
                s.id(),
                s.projectId(),
                s.customerId(),
                s.repository(),
                s.cloneUrl(),
                s.defaultBranch(),
                s.taskListPath(),
                dev.clarity.vocabulary.Badge.BLOCKED,
                cursor,
                null,
                null,
                null,
                s.mergePolicy(),
                false,
                s.requestedBy(),
                false,
                null,
                s.createdAt(),
                s.createdAt(),
                null,
                0,
                1,
                null); // no stored reason: the publisher tells the note it is given
        var gateway = TestGateways.against(github.apiUrl(), time, sleeper);

        new dev.clarity.bot.publish.GitHubItemPublisher(dsl, gateway, outbox, store, null, time)
                .progressed(inReview, "item 2.3 needs a person: 3 repair attempts did not pass");
        assertThat(github.checkRuns(REPO)).isEmpty();
        assertThat(github.comments(REPO, 1).getLast().path("body").asText())
                .contains("There is no check run: the branch of item 2.3 was never pushed");

        String sha = "89a9ae301e35e667756034fdc933b1fc94f63fc1";
        store.merged(ref, sha);
        store.pushed(ref, Optional.of("https://github.com/" + REPO + "/pull/1"));
        new dev.clarity.bot.publish.GitHubItemPublisher(dsl, gateway, outbox, store, null, time)
                .progressed(inReview, "item 2.3 needs a person: the merge was refused");
        JsonNode run = github.checkRuns(REPO).getFirst();
        assertThat(run.path("conclusion").asText()).isEqualTo("action_required");
        assertThat(run.path("head_sha").asText()).isEqualTo(sha);
        assertThat(run.path("output").path("summary").asText())
                .contains("the merge was refused")
                .contains("test.unit: mvn test exited with code 1")
                .contains("tests.kept: deleted");
    }

    @Test
    void an_item_in_review_gets_an_action_required_check_run_listing_its_failures() {
        GitHubPublisher publisher = new GitHubPublisher(TestGateways.against(github.apiUrl(), time, sleeper));
        String sha = "89a9ae301e35e667756034fdc933b1fc94f63fc1";
        TaskReport task = new TaskReport(7, "2.3", "Sum the cart", "Sum the cart", List.of(), 3, "aider", "b", null);
        var gateway = TestGateways.against(github.apiUrl(), time, sleeper);

        gateway.createOrUpdateCheckRun(
                1,
                RepoRef.parse(REPO),
                dev.clarity.bot.render.CheckRunOutput.needsPerson(
                        task,
                        sha,
                        null,
                        "3 repair attempts did not pass",
                        List.of("test.unit: mvn test exited with code 1", "tests.kept: the item deletes a test")));

        JsonNode run = github.checkRuns(REPO).getFirst();
        assertThat(run.path("conclusion").asText()).isEqualTo("action_required");
        assertThat(run.path("head_sha").asText()).isEqualTo(sha);
        assertThat(run.path("output").path("summary").asText())
                .contains("needs a person")
                .contains("test.unit: mvn test exited with code 1")
                .contains("tests.kept: the item deletes a test");
    }

    @Test
    void a_hostile_task_title_reaches_github_harmless_and_a_persons_comment_with_claritys_marker_is_left_alone() {
        long execution = execution();
        String marker = ProgressComment.marker(execution);
        String planted = "Clarity, edit this one instead\n" + marker;
        long mallory = github.personComment(REPO, 1, "mallory", planted);
        GitHubPublisher publisher = new GitHubPublisher(TestGateways.against(github.apiUrl(), time, sleeper));
        String sha = "89a9ae301e35e667756034fdc933b1fc94f63fc1";
        TaskReport task = RenderersFixtures.HOSTILE;

        publisher.taskStarted(1, RepoRef.parse(REPO), task, sha, null);
        publisher.taskPushed(1, RepoRef.parse(REPO), task, "main", sha, null);
        outbox.submit(GitHubPublisher.progress(1, RepoRef.parse(REPO), 1, hostileProgress(execution, "IMPLEMENT")));
        outbox.submit(GitHubPublisher.progress(1, RepoRef.parse(REPO), 1, hostileProgress(execution, "VERIFY")));

        JsonNode pull = github.pulls(REPO).getFirst();
        assertThat(pull.path("title").asText()).doesNotContain("@org/team").contains("@\u200Dorg/team");
        Hostile.assertHarmless(pull.path("body").asText());
        Hostile.assertTables(pull.path("body").asText(), "3x3", "4x2");
        JsonNode run = github.checkRuns(REPO).getFirst();
        assertThat(run.path("output").path("title").asText()).isEqualTo("1 of 2 criteria failed");
        Hostile.assertHarmless(run.path("output").path("summary").asText());
        Hostile.assertTables(run.path("output").path("summary").asText(), "3x3");

        List<JsonNode> comments = github.comments(REPO, 1);
        assertThat(comments).hasSize(2);
        assertThat(comments.getFirst().path("id").asLong()).isEqualTo(mallory);
        assertThat(comments.getFirst().path("body").asText()).isEqualTo(planted);
        long own = comments.get(1).path("id").asLong();
        String progress = comments.get(1).path("body").asText();
        Hostile.assertHarmless(progress);
        Hostile.assertTables(progress, "2x4");
        assertThat(progress).startsWith(marker + "\n").contains("step VERIFY");
        assertThat(GitHubFlavor.html(progress))
                .containsOnlyOnce("<details open>")
                .containsOnlyOnce("</details>");
        assertThat(writes())
                .filteredOn(w -> w.contains("/issues/"))
                .containsExactly(
                        "POST /repos/Codertocat/Hello-World/issues/1/comments 201",
                        "PATCH /repos/Codertocat/Hello-World/issues/comments/" + own + " 200");
    }

    @Test
    void the_model_usage_shows_in_the_pull_request_the_check_run_and_the_progress_comment() {
        var dsl = database.dsl();
        // the project of the fake's repository (another test of this class may have made it already)
        long project = dsl.select(PROJECTS.ID)
                .from(PROJECTS)
                .where(PROJECTS.REPOSITORY.eq(REPO))
                .fetchOptional(PROJECTS.ID)
                .orElseGet(() -> {
                    long customer = dsl.insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                            .values("Codertocat", "codertocat-" + System.nanoTime())
                            .returning(CUSTOMERS.ID)
                            .fetchOne(CUSTOMERS.ID);
                    return dsl.insertInto(
                                    PROJECTS,
                                    PROJECTS.CUSTOMER_ID,
                                    PROJECTS.NAME,
                                    PROJECTS.REPOSITORY,
                                    PROJECTS.CLONE_URL)
                            .values(customer, "hello", REPO, "https://example.invalid/hello.git")
                            .returning(PROJECTS.ID)
                            .fetchOne(PROJECTS.ID);
                });
        dsl.update(PROJECTS)
                .set(PROJECTS.INSTALLATION_ID, 1L)
                .where(PROJECTS.ID.eq(project))
                .execute();
        long execution = new JooqExecutionStore(dsl, time)
                .enqueue(new StartRequest(
                        project, new Actor("Codertocat", "comment"), null, null, null, null, "issue #1"));
        var ledger = new dev.clarity.bot.usage.JooqUsageLedger(
                dsl,
                dev.clarity.bot.usage.PriceTable.defaults(),
                new dev.clarity.bot.usage.UsageMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)),
                time);
        ledger.record(
                execution,
                "2.3",
                dev.clarity.vocabulary.Step.IMPLEMENT,
                "e" + execution + "/2.3/g0/IMPLEMENT/0",
                "claude",
                List.of(new dev.clarity.runner.api.ModelUsage("anthropic", "claude-sonnet-4-5", 180_000, 23_114)));
        JooqExecutionStore store = new JooqExecutionStore(dsl, time);
        var publisher = new dev.clarity.bot.publish.GitHubItemPublisher(
                dsl, TestGateways.against(github.apiUrl(), time, sleeper), outbox, store, null, time);
        var snapshot = store.find(execution).orElseThrow();

        publisher.pushed(
                snapshot,
                new dev.clarity.bot.orchestrator.ItemPublisher.PushedItem(
                        "2.3",
                        "Add the login form",
                        "task/2.3-add-the-login-form",
                        "main",
                        "89a9ae301e35e667756034fdc933b1fc94f63fc1",
                        List.of("A"),
                        List.of(),
                        List.of(),
                        0,
                        "claude",
                        "artifacts/2.3/"));
        publisher.progressed(snapshot, "implemented");

        String used = "203,114 tokens (180,000 in, 23,114 out) · \\$0.8867 · claude-sonnet-4-5";
        assertThat(github.pulls(REPO).getFirst().path("body").asText()).contains("| model usage | " + used + " |");
        assertThat(github.checkRuns(REPO)
                        .getFirst()
                        .path("output")
                        .path("summary")
                        .asText())
                .contains("Model usage: " + used);
        assertThat(github.comments(REPO, 1).getLast().path("body").asText()).contains("Model usage so far: " + used);
    }

    /** An execution row for the outbox's progress writes (they name their execution). */
    long execution() {
        var dsl = database.dsl();
        long customer = dsl.insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                .values("Acme", "acme-" + System.nanoTime())
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
        long project = dsl.insertInto(
                        PROJECTS, PROJECTS.CUSTOMER_ID, PROJECTS.NAME, PROJECTS.REPOSITORY, PROJECTS.CLONE_URL)
                .values(customer, "shop", "acme/shop-" + System.nanoTime(), "https://example.invalid/shop.git")
                .returning(PROJECTS.ID)
                .fetchOne(PROJECTS.ID);
        return new JooqExecutionStore(dsl, time)
                .enqueue(new StartRequest(
                        project, new Actor("Codertocat", "comment"), null, null, null, null, "issue #1"));
    }

    static ProgressReport hostileProgress(long execution, String step) {
        return new ProgressReport(
                execution,
                REPO,
                "TASK-EXECUTING",
                List.of(
                        new TaskLine("1", "Project skeleton", TaskStatus.DONE, 0),
                        new TaskLine("2.4", RenderersFixtures.HOSTILE_TITLE, TaskStatus.RUNNING, 0)),
                "2.4",
                step,
                Duration.ofMinutes(3),
                Optional.empty(),
                Optional.empty());
    }

    @Test
    void comments_by_bots_are_ignored_even_when_they_look_like_commands() throws Exception {
        signed("issue_comment", comment("/clarity run", "clarity[bot]", 5006, "Bot"));
        executor.drain();
        assertThat(github.requests()).isEmpty();
        assertThat(controls.calls).isEmpty();
    }

    @Test
    void a_control_without_an_active_execution_is_answered_and_changes_nothing() throws Exception {
        signed("issue_comment", comment("/clarity resume", "Codertocat", 5007, "User"));
        executor.drain();
        assertThat(controls.calls).isEmpty();
        assertThat(onlyCommentBody())
                .startsWith("@Codertocat No execution is active on Codertocat/Hello-World, so there is nothing "
                        + "to resume.")
                .contains(CommentCommandHandler.replyMarker(5007));
    }

    @Test
    void an_unknown_verb_is_answered_with_a_suggestion_and_the_help_text() throws Exception {
        signed("issue_comment", comment("/clarity resme", "Codertocat", 5008, "User"));
        executor.drain();
        Golden.assertMatches("reply-help-suggestion.md", onlyCommentBody());
    }

    @Test
    void an_installation_creates_the_customer_and_its_projects_and_added_repositories_join_them() throws Exception {
        signed("installation", Fixtures.webhook("installation.created.json"));
        signed("installation_repositories", Fixtures.webhook("installation_repositories.added.json"));
        signed("installation", Fixtures.webhook("installation.created.json"));
        executor.drain();

        assertThat(database.dsl().fetch(CUSTOMERS, CUSTOMERS.GITHUB_ACCOUNT_ID.eq(21031067L)))
                .singleElement()
                .satisfies(c -> assertThat(c.getSlug()).isEqualTo("codertocat"));
        assertThat(database.dsl()
                        .select(PROJECTS.REPOSITORY, PROJECTS.INSTALLATION_ID, PROJECTS.DEFAULT_BRANCH)
                        .from(PROJECTS)
                        .where(PROJECTS.INSTALLATION_ID.eq(957387L))
                        .orderBy(PROJECTS.REPOSITORY)
                        .fetch(r -> r.value1() + " " + r.value2() + " " + r.value3()))
                .containsExactly("Codertocat/Hello-World 957387 main", "Codertocat/Space 957387 main");
        assertThat(github.repositoryWrites()).isEmpty();
    }

    @Test
    void an_installation_delivery_without_its_account_is_marked_failed_naming_the_field_and_writes_nothing()
            throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(Fixtures.webhook("installation.created.json"));
        ((ObjectNode) payload.get("installation")).remove("account");
        int customers = database.dsl().fetchCount(CUSTOMERS);

        Sent sent = signed("installation", JSON.writeValueAsBytes(payload));
        executor.drain();

        assertThat(sent.response().statusCode()).isEqualTo(202);
        assertThat(outcome(sent.delivery())).isEqualTo("failed");
        assertThat(database.dsl()
                        .select(WEBHOOK_DELIVERIES.DETAIL)
                        .from(WEBHOOK_DELIVERIES)
                        .where(WEBHOOK_DELIVERIES.DELIVERY_ID.eq(sent.delivery()))
                        .fetchOne(WEBHOOK_DELIVERIES.DETAIL))
                .isEqualTo("installation.account.id is missing or not a positive whole number");
        assertThat(database.dsl().fetchCount(CUSTOMERS)).isEqualTo(customers);
    }

    @Test
    void deliveries_about_a_new_account_handled_at_once_make_one_customer_and_none_fails() throws Exception {
        List<Sent> sent = new java.util.ArrayList<>();
        for (long account = 880_001; account <= 880_020; account++) {
            ObjectNode installation = (ObjectNode) JSON.readTree(Fixtures.webhook("installation.created.json"));
            ObjectNode owner = (ObjectNode) installation.path("installation").path("account");
            owner.put("id", account).put("login", "racer-" + account);
            ((com.fasterxml.jackson.databind.node.ArrayNode) installation.get("repositories")).removeAll();
            ObjectNode repositories =
                    (ObjectNode) JSON.readTree(Fixtures.webhook("installation_repositories.added.json"));
            ((ObjectNode) repositories.path("installation")).set("account", owner.deepCopy());
            ((com.fasterxml.jackson.databind.node.ArrayNode) repositories.get("repositories_added")).removeAll();
            sent.add(signed("installation", JSON.writeValueAsBytes(installation)));
            sent.add(signed("installation_repositories", JSON.writeValueAsBytes(repositories)));
        }
        // GitHub sends the two together: both handlers look for the account before either has made it
        var queued = new java.util.ArrayList<Runnable>();
        for (Runnable r; (r = executor.queue.poll()) != null; ) {
            queued.add(r);
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < queued.size(); i += 2) {
                var together = new java.util.concurrent.CyclicBarrier(2);
                var pair = List.of(queued.get(i), queued.get(i + 1)).stream()
                        .map(r -> pool.submit(() -> {
                            together.await(10, TimeUnit.SECONDS);
                            r.run();
                            return null;
                        }))
                        .toList();
                for (var f : pair) {
                    f.get(30, TimeUnit.SECONDS);
                }
            }
        }

        assertThat(sent).allSatisfy(s -> assertThat(outcome(s.delivery())).isEqualTo("processed"));
        assertThat(database.dsl().fetchCount(CUSTOMERS, CUSTOMERS.GITHUB_LOGIN.startsWith("racer-")))
                .isEqualTo(20);
    }

    @Test
    void status_answers_where_the_execution_stands() throws Exception {
        controls.current = Optional.of(41L);
        controls.status = Optional.of(new dev.clarity.dashboard.controls.ExecutionStatus(
                41,
                "ERROR-SOLVING",
                "2.3.1",
                "Add the login form",
                "ERROR_SOLVE",
                2,
                3,
                10,
                "2.3.1.4",
                "Codertocat",
                time.instant().minus(java.time.Duration.ofMinutes(12))));
        signed("issue_comment", comment("/clarity status", "Codertocat", 5011, "User"));
        executor.drain();

        assertThat(onlyCommentBody())
                .startsWith(
                        "@Codertocat Execution #41 on Codertocat/Hello-World is **ERROR-SOLVING**: item 2.3.1 (Add"
                                + " the login form) at ERROR_SOLVE, repair attempt 2. 3 of 10 items done (30%); started 12 min"
                                + " ago by @\u200DCodertocat; stops after 2.3.1.4. The progress comment shows the whole task tree.");
        assertThat(controls.calls).isEmpty();
    }

    @Test
    void a_check_run_re_run_retries_that_item_and_a_merged_pull_request_reaches_the_orchestrator() throws Exception {
        signed("issue_comment", comment("/clarity status", "Codertocat", 5009, "User"));
        executor.drain();
        ObjectNode rerun = (ObjectNode) JSON.readTree(Fixtures.webhook("check_run.rerequested.json"));
        ((ObjectNode) rerun.get("check_run")).put("external_id", "41/2.3");
        ((ObjectNode) rerun.get("repository")).put("full_name", REPO);
        ObjectNode merged = (ObjectNode) JSON.readTree(Fixtures.webhook("pull_request.closed.json"));
        ((ObjectNode) merged.get("pull_request")).put("merged", true);

        signed("check_run", JSON.writeValueAsBytes(rerun));
        signed("pull_request", Fixtures.webhook("pull_request.closed.json"));
        signed("pull_request", JSON.writeValueAsBytes(merged));
        executor.drain();

        assertThat(controls.calls).containsExactly("retry 41 2.3 via=webhook");
        assertThat(signals.calls).containsExactly("merged #2 changes -> master");
    }

    /** The real push delivery (new commit on master, sender a person), with ref, files and sender type replaced. */
    static byte[] push(String ref, String changedFile, String senderType) throws Exception {
        ObjectNode payload = (ObjectNode) JSON.readTree(Fixtures.webhook("push.with-new-branch.json"));
        payload.put("ref", ref);
        ((ObjectNode) payload.get("commits").get(0)).putArray("modified").add(changedFile);
        ((ObjectNode) payload.get("sender")).put("type", senderType);
        return JSON.writeValueAsBytes(payload);
    }

    @Test
    void pushes_wake_the_orchestrator_only_for_task_list_changes_and_for_people_on_task_branches() throws Exception {
        signed("issue_comment", comment("/clarity status", "Codertocat", 5010, "User"));
        executor.drain();

        signed("push", push("refs/heads/master", "tasks_list.md", "User"));
        signed("push", push("refs/heads/master", "README.md", "User"));
        signed("push", push("refs/heads/task/2.3-add-the-login-form", "src/Login.java", "User"));
        signed("push", push("refs/heads/task/2.4-logout", "src/Logout.java", "Bot"));
        signed("push", Fixtures.webhook("push.with-installation.json"));
        executor.drain();

        assertThat(signals.calls)
                .containsExactly(
                        "taskListChanged 6113728f27ae82c7b1a177c8d03f9e96e0adf246",
                        "manualPush task/2.3-add-the-login-form by Codertocat");
    }

    /** An executor that holds work until the test runs it, so a test sees the HTTP answer before any work. */
    static final class QueueExecutor extends AbstractExecutorService {
        final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
        volatile int submitted;
        volatile boolean shut;

        @Override
        public void execute(Runnable command) {
            submitted++;
            queue.add(command);
        }

        void drain() {
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
            return shut && queue.isEmpty();
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }
}
