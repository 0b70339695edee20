package dev.clarity.bot.scenario;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarity.bot.app.ClarityServer;
import dev.clarity.bot.app.Json;
import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.github.TestKeys;
import dev.clarity.bot.markdown.GitHubFlavor;
import dev.clarity.bot.orchestrator.ExecutionSnapshot;
import dev.clarity.bot.render.Golden;
import dev.clarity.bot.render.Hostile;
import dev.clarity.bot.webhook.WebhookSignature;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import dev.clarity.testkit.git.SmartHttpGitServer;
import dev.clarity.testkit.github.FakeGitHub;
import dev.clarity.testkit.github.Fixtures;
import dev.clarity.vocabulary.Badge;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole application as GitHub uses it: a signed {@code /clarity run} comment arrives at {@code serve}, the
 * orchestrator works through the task list with the in-process runner (process sandbox, a stand-in agent) over a
 * real smart-HTTP git server (the fixture repository's default branch is {@code master}), and GitHub (the stateful fake) receives one pull request and one check run per item
 * and a progress comment edited in place. A stop point pauses the execution after its item, and a resume goes on.
 */
class GitHubRunScenarioIT {
    static final String SECRET = "s3cret-for-scenarios";

    @Test
    void a_run_comment_ends_with_one_pull_request_and_check_run_per_item_and_a_final_progress_comment(@TempDir Path dir)
            throws Exception {
        IsolatedGitConfig.install();
        JsonNode payload = Json.mapper().readTree(Fixtures.webhook("issue_comment.created.with-installation.json"));
        String repo = payload.path("repository").path("full_name").asText();
        long installation = payload.path("installation").path("id").asLong();
        String login = payload.path("sender").path("login").asText();
        int issue = payload.path("issue").path("number").asInt();

        try (FakeGitHub github =
                        FakeGitHub.start(4242).installation(installation, repo).permission(repo, login, "write");
                SmartHttpGitServer git = SmartHttpGitServer.start(Files.createDirectories(dir.resolve("git")))
                        .acceptTokens(github::issued)) {
            // the fixture repository's default branch is master: the remote HEAD points there, as on GitHub
            URI origin = git.createRepository("hello-world", "master");
            seed(dir.resolve("seed"), origin, git.token(), TWO_ITEMS);

            ClarityConfig config = config(dir, github);
            try (ClarityServer server = ClarityServer.start(config, "127.0.0.1", InstantSource.system())) {
                addProject(server, repo, origin, installation);

                HttpResponse<String> answer = comment(server, payload, "/clarity run", 2001, "scenario-run-1");
                assertThat(answer.statusCode()).isEqualTo(202);

                long execution = awaitExecution(server);
                ExecutionSnapshot end = awaitEnd(server, execution);
                assertThat(end.badge())
                        .as(server.orchestration()
                                        .store()
                                        .events(execution)
                                        .getLast()
                                        .message() + " (git 401s: " + git.unauthorizedRequests() + ", tokens issued: "
                                + github.tokensIssued() + ")")
                        .isEqualTo(Badge.COMPLETED);

                List<JsonNode> pulls = github.pulls(repo);
                assertThat(pulls)
                        .extracting(p -> p.path("title").asText())
                        .containsExactly("Task 1.1.1: Add hello file", "Task 1.1.2: Add world file");
                assertThat(pulls.get(1).path("base").path("ref").asText())
                        .isEqualTo(pulls.get(0).path("head").path("ref").asText());
                await(() -> progressComment(github, repo, issue).contains("COMPLETED"), "the final progress comment");
                try (Git bare = Git.open(git.repositoryDirectory("hello-world").toFile())) {
                    assertThat(bare.branchList().call())
                            .extracting(r -> r.getName())
                            .contains("refs/heads/task/1.1.1-add-hello-file", "refs/heads/task/1.1.2-add-world-file");
                }
            }
        }
    }

    @Test
    void a_second_run_comment_after_a_completed_list_opens_no_pull_request_or_check_run_and_moves_no_branch(
            @TempDir Path dir) throws Exception {
        IsolatedGitConfig.install();
        JsonNode payload = Json.mapper().readTree(Fixtures.webhook("issue_comment.created.with-installation.json"));
        String repo = payload.path("repository").path("full_name").asText();
        long installation = payload.path("installation").path("id").asLong();
        String login = payload.path("sender").path("login").asText();

        try (FakeGitHub github =
                        FakeGitHub.start(4242).installation(installation, repo).permission(repo, login, "write");
                SmartHttpGitServer git = SmartHttpGitServer.start(Files.createDirectories(dir.resolve("git")))
                        .acceptTokens(github::issued)) {
            URI origin = git.createRepository("hello-world", "master");
            seed(dir.resolve("seed"), origin, git.token(), TWO_ITEMS);

            ClarityConfig config = config(dir, github);
            try (ClarityServer server = ClarityServer.start(config, "127.0.0.1", InstantSource.system())) {
                addProject(server, repo, origin, installation);
                assertThat(comment(server, payload, "/clarity run", 2101, "scenario-rerun-1")
                                .statusCode())
                        .isEqualTo(202);
                long first = awaitExecution(server);
                assertThat(awaitEnd(server, first).badge()).isEqualTo(Badge.COMPLETED);
                // the execution's own check run is written through the outbox after the badge: count once it is there
                await(
                        () -> github.checkRuns(repo).stream()
                                .anyMatch(r -> r.path("external_id").asText().equals(first + "/execution")),
                        "the first execution's check run");
                int pulls = github.pulls(repo).size();
                int checkRuns = github.checkRuns(repo).size();
                java.util.Map<String, String> heads = new java.util.TreeMap<>();
                try (Git bare = Git.open(git.repositoryDirectory("hello-world").toFile())) {
                    bare.branchList()
                            .call()
                            .forEach(r -> heads.put(r.getName(), r.getObjectId().name()));
                }

                assertThat(comment(server, payload, "/clarity run", 2102, "scenario-rerun-2")
                                .statusCode())
                        .isEqualTo(202);
                long second = awaitExecutionAfter(server, first);
                ExecutionSnapshot end = awaitEnd(server, second);

                assertThat(end.badge()).isEqualTo(Badge.COMPLETED);
                assertThat(server.orchestration().store().taskRuns(second)).isEmpty();
                assertThat(server.orchestration()
                                .store()
                                .events(second)
                                .getLast()
                                .message())
                        .isEqualTo("every item is done");
                assertThat(github.pulls(repo)).hasSize(pulls);
                assertThat(github.checkRuns(repo)).hasSize(checkRuns);
                try (Git bare = Git.open(git.repositoryDirectory("hello-world").toFile())) {
                    java.util.Map<String, String> now = new java.util.TreeMap<>();
                    bare.branchList()
                            .call()
                            .forEach(r -> now.put(r.getName(), r.getObjectId().name()));
                    assertThat(now).isEqualTo(heads);
                }
            }
        }
    }

    @Test
    void a_stop_point_pauses_after_its_item_with_its_pull_request_and_resume_goes_on_to_the_end(@TempDir Path dir)
            throws Exception {
        IsolatedGitConfig.install();
        JsonNode payload = Json.mapper().readTree(Fixtures.webhook("issue_comment.created.with-installation.json"));
        String repo = payload.path("repository").path("full_name").asText();
        long installation = payload.path("installation").path("id").asLong();
        String login = payload.path("sender").path("login").asText();
        int issue = payload.path("issue").path("number").asInt();

        try (FakeGitHub github =
                        FakeGitHub.start(4242).installation(installation, repo).permission(repo, login, "write");
                SmartHttpGitServer git = SmartHttpGitServer.start(Files.createDirectories(dir.resolve("git")))
                        .acceptTokens(github::issued)) {
            URI origin = git.createRepository("hello-world", "master");
            seed(dir.resolve("seed"), origin, git.token(), THREE_ITEMS);
            try (ClarityServer server = ClarityServer.start(config(dir, github), "127.0.0.1", InstantSource.system())) {
                addProject(server, repo, origin, installation);

                // 1. run with a stop point: 1.1.1 lands, the execution pauses, nothing of 1.1.2 reaches GitHub
                comment(server, payload, "/clarity run --stop-after 1.1.1", 3001, "stop-point-run");
                long execution = awaitExecution(server);
                assertThat(awaitEnd(server, execution).badge()).isEqualTo(Badge.PAUSED);
                await(() -> progressComment(github, repo, issue).contains(": PAUSED"), "the paused progress comment");
                assertThat(titles(github.pulls(repo))).containsExactly("Task 1.1.1: Add hello file");
                assertThat(itemRuns(github, repo))
                        .singleElement()
                        .satisfies(run ->
                                assertThat(run.path("conclusion").asText()).isEqualTo("success"));
                // the execution's own check run says why it stopped (written just after the comment)
                await(
                        () -> github.checkRuns(repo).stream()
                                .anyMatch(run -> run.path("name").asText().equals("Clarity execution #" + execution)),
                        "the execution's check run");
                assertThat(github.checkRuns(repo))
                        .filteredOn(run -> run.path("name").asText().equals("Clarity execution #" + execution))
                        .singleElement()
                        .satisfies(run -> {
                            assertThat(run.path("conclusion").asText()).isEqualTo("neutral");
                            assertThat(run.path("output").path("summary").asText())
                                    .contains("stop point reached after 1.1.1");
                        });
                Golden.assertMatches(
                        "progress-paused-at-stop-point.md", withoutElapsed(progressComment(github, repo, issue)));

                // 2. a second stop point, set while paused with the other spelling; resume runs 1.1.2 only
                comment(server, payload, "/clarity stop after 1.1.2", 3002, "stop-point-stop-after");
                awaitReply(github, repo, issue, 3002);
                comment(server, payload, "/clarity resume", 3003, "stop-point-resume-1");
                awaitReply(github, repo, issue, 3003);
                assertThat(awaitEnd(server, execution).badge()).isEqualTo(Badge.PAUSED);
                await(
                        () -> progressComment(github, repo, issue).contains("Paused after item 1.1.2"),
                        "the progress comment paused after 1.1.2");
                assertThat(titles(github.pulls(repo)))
                        .containsExactly("Task 1.1.1: Add hello file", "Task 1.1.2: Add world file");
                assertThat(itemRuns(github, repo)).hasSize(2);

                // 3. resume goes on to the end of the list
                comment(server, payload, "/clarity resume", 3004, "stop-point-resume-2");
                awaitReply(github, repo, issue, 3004);
                assertThat(awaitEnd(server, execution).badge()).isEqualTo(Badge.COMPLETED);
                await(() -> progressComment(github, repo, issue).contains(": COMPLETED"), "the final comment");
                assertThat(titles(github.pulls(repo)))
                        .containsExactly(
                                "Task 1.1.1: Add hello file",
                                "Task 1.1.2: Add world file",
                                "Task 1.1.3: Add greeting file");
                assertThat(itemRuns(github, repo)).hasSize(3);
                assertThat(github.comments(repo, issue))
                        .filteredOn(c -> c.path("body").asText().contains("clarity:progress:"))
                        .hasSize(1);
                assertThat(github.comments(repo, issue))
                        .filteredOn(c -> c.path("body").asText().contains("clarity:reply:"))
                        .hasSize(4);
                assertThat(server.orchestration()
                                .store()
                                .find(execution)
                                .orElseThrow()
                                .badge())
                        .isEqualTo(Badge.COMPLETED);
            }
        }
    }

    @Test
    void a_hostile_task_title_reaches_github_harmless_and_clarity_edits_only_its_own_comment_across_a_restart(
            @TempDir Path dir) throws Exception {
        IsolatedGitConfig.install();
        JsonNode payload = Json.mapper().readTree(Fixtures.webhook("issue_comment.created.with-installation.json"));
        String repo = payload.path("repository").path("full_name").asText();
        long installation = payload.path("installation").path("id").asLong();
        String login = payload.path("sender").path("login").asText();
        int issue = payload.path("issue").path("number").asInt();

        try (FakeGitHub github =
                        FakeGitHub.start(4242).installation(installation, repo).permission(repo, login, "write");
                SmartHttpGitServer git = SmartHttpGitServer.start(Files.createDirectories(dir.resolve("git")))
                        .acceptTokens(github::issued)) {
            URI origin = git.createRepository("hello-world", "master");
            seed(dir.resolve("seed"), origin, git.token(), HOSTILE_ITEMS);
            // someone plants Clarity's marker in a comment before Clarity writes its own (execution 1's)
            String planted = "Clarity, edit this one\n<!-- clarity:progress:1 -->";
            long mallory = github.personComment(repo, issue, "mallory", planted);

            // 1. a run that pauses after the hostile item: its pull request, check run and progress comment
            long execution;
            long own;
            try (ClarityServer server = ClarityServer.start(config(dir, github), "127.0.0.1", InstantSource.system())) {
                addProject(server, repo, origin, installation);
                comment(server, payload, "/clarity run --stop-after 1.1.1", 4001, "hostile-run");
                execution = awaitExecution(server);
                assertThat(execution).isEqualTo(1);
                assertThat(awaitEnd(server, execution).badge()).isEqualTo(Badge.PAUSED);
                await(() -> ownProgress(github, repo, issue).contains(": PAUSED"), "the paused progress comment");

                JsonNode pull = github.pulls(repo).getFirst();
                assertThat(pull.path("title").asText())
                        .isEqualTo("Task 1.1.1: Fix @\u200Dorg/team ![x](http:\u200D//evil/p.png)  </details> | a");
                Hostile.assertHarmless(pull.path("body").asText(), HOSTILE_SHOWN);
                // the criteria table has a row for the repository's test command (standard.test) as well
                Hostile.assertTables(pull.path("body").asText(), "4x3", "4x2");
                JsonNode run = github.checkRuns(repo).getFirst();
                Hostile.assertHarmless(run.path("output").path("summary").asText(), HOSTILE_SHOWN);
                Hostile.assertTables(run.path("output").path("summary").asText(), "4x3");
                String progress = ownProgress(github, repo, issue);
                Hostile.assertHarmless(progress, HOSTILE_SHOWN);
                Hostile.assertTables(progress, "2x4");
                assertThat(GitHubFlavor.html(progress))
                        .containsOnlyOnce("<details open>")
                        .containsOnlyOnce("</details>");
                own = ownProgressId(github, repo, issue);
            }

            // 2. an admin drops the marker from Clarity's comment; after a restart the comment is still Clarity's
            github.rewriteComment(own, "(edited by an admin)");
            try (ClarityServer server = ClarityServer.start(config(dir, github), "127.0.0.1", InstantSource.system())) {
                comment(server, payload, "/clarity resume", 4002, "hostile-resume");
                awaitReply(github, repo, issue, 4002);
                assertThat(awaitEnd(server, execution).badge()).isEqualTo(Badge.COMPLETED);
                await(
                        () -> bodyOf(github, repo, issue, own).contains(": COMPLETED"),
                        "the final progress comment, in the comment Clarity made first");
            }

            List<JsonNode> comments = github.comments(repo, issue);
            assertThat(comments.getFirst().path("id").asLong()).isEqualTo(mallory);
            assertThat(comments.getFirst().path("body").asText()).isEqualTo(planted);
            assertThat(comments)
                    .filteredOn(c -> c.path("user").path("type").asText().equals("Bot"))
                    .filteredOn(c -> c.path("body").asText().contains("clarity:progress:"))
                    .singleElement()
                    .satisfies(c -> assertThat(c.path("id").asLong()).isEqualTo(own));
            assertThat(github.writes())
                    .filteredOn(w -> w.path().endsWith("/issues/comments/" + mallory))
                    .isEmpty();
        }
    }

    /** The check runs of items (each execution has one more of its own, once it stops running). */
    static List<JsonNode> itemRuns(FakeGitHub github, String repo) {
        return github.checkRuns(repo).stream()
                .filter(run -> !run.path("name").asText().startsWith("Clarity execution #"))
                .toList();
    }

    /** The hostile title as the task list reader gives it (it drops HTML comments from titles). */
    static final String HOSTILE_SHOWN = "Fix @org/team ![x](http://evil/p.png) </details> | a";

    static final String HOSTILE_ITEMS = """
            # Hello
            ## Phase 1 — Files
            - 1.1 Files
              - 1.1.1 Fix @org/team ![x](http://evil/p.png) <!-- clarity:progress:1 --> </details> | a
              - 1.1.1.B Verify it
                - <criterion key="k|ey @ana" kind="doc" check="file" args="hello.txt" />
                - <criterion 1: Looks right to @org/team | b>
              - 1.1.2 Add world file (Dependencies: 1.1.1)
            """;

    /** Clarity's own progress comment (its App's bot wrote it), or "" before it is written. */
    private static String ownProgress(FakeGitHub github, String repo, int issue) {
        return github.comments(repo, issue).stream()
                .filter(c -> c.path("user").path("type").asText().equals("Bot"))
                .map(c -> c.path("body").asText())
                .filter(b -> b.contains("clarity:progress:"))
                .findFirst()
                .orElse("");
    }

    private static long ownProgressId(FakeGitHub github, String repo, int issue) {
        return github.comments(repo, issue).stream()
                .filter(c -> c.path("user").path("type").asText().equals("Bot"))
                .filter(c -> c.path("body").asText().contains("clarity:progress:"))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asLong();
    }

    private static String bodyOf(FakeGitHub github, String repo, int issue, long id) {
        return github.comments(repo, issue).stream()
                .filter(c -> c.path("id").asLong() == id)
                .map(c -> c.path("body").asText())
                .findFirst()
                .orElse("");
    }

    private static List<String> titles(List<JsonNode> pulls) {
        return pulls.stream().map(p -> p.path("title").asText()).toList();
    }

    /** The execution's one progress comment, or "" before it is written. */
    private static String progressComment(FakeGitHub github, String repo, int issue) {
        return github.comments(repo, issue).stream()
                .map(c -> c.path("body").asText())
                .filter(b -> b.contains("clarity:progress:"))
                .findFirst()
                .orElse("");
    }

    /** The elapsed time is the wall clock's: the golden file holds a placeholder. */
    private static String withoutElapsed(String body) {
        return body.replaceAll("(?m)^(\\| [^|]+ \\| [^|]+ \\| )[^|]+( \\| — \\|)$", "$1(elapsed)$2");
    }

    /** A reply to the command comment is written after the command was carried out. */
    private static void awaitReply(FakeGitHub github, String repo, int issue, long commentId) {
        await(
                () -> github.comments(repo, issue).stream()
                        .anyMatch(c -> c.path("body").asText().contains("<!-- clarity:reply:" + commentId + " -->")),
                "the reply to comment " + commentId);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " did not appear within 60 s");
            }
            pollPause();
        }
    }

    private static ClarityConfig config(Path dir, FakeGitHub github) {
        Map<String, String> env = Map.of(
                EnvironmentConfig.DATA_DIR,
                dir.resolve("data").toString(),
                EnvironmentConfig.APP_ID,
                "4242",
                EnvironmentConfig.PRIVATE_KEY,
                TestKeys.pkcs8(),
                EnvironmentConfig.WEBHOOK_SECRET,
                SECRET,
                EnvironmentConfig.API_URL,
                github.apiUrl().toString(),
                EnvironmentConfig.SANDBOX,
                "process");
        ClarityConfig c = EnvironmentConfig.load(env, dir);
        return new ClarityConfig(
                c.database(),
                c.dataDir(),
                0,
                c.logFormat(),
                c.github(),
                c.publicUrl(),
                c.runner(),
                c.sandbox(),
                c.dockerHost(),
                c.maxParallel());
    }

    private static void addProject(ClarityServer server, String repo, URI origin, long installation) {
        var dsl = server.database().dsl();
        long customer = dsl.insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                .values("Codertocat", "codertocat")
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
        dsl.insertInto(
                        PROJECTS,
                        PROJECTS.CUSTOMER_ID,
                        PROJECTS.NAME,
                        PROJECTS.REPOSITORY,
                        PROJECTS.CLONE_URL,
                        PROJECTS.INSTALLATION_ID,
                        PROJECTS.DEFAULT_BRANCH)
                .values(customer, "Hello-World", repo, origin.toString(), installation, "master")
                .execute();
    }

    /**
     * The real issue_comment delivery with this body and comment id, signed and sent to serve; {@code delivery} names
     * it, and the same name gives the same GUID (the shape of id GitHub sends).
     */
    private static HttpResponse<String> comment(
            ClarityServer server, JsonNode payload, String text, long commentId, String delivery) throws Exception {
        ObjectNode copy = payload.deepCopy();
        ((ObjectNode) copy.path("comment")).put("body", text).put("id", commentId);
        byte[] body = Json.mapper().writeValueAsBytes(copy);
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/webhooks/github"))
                                .header("Content-Type", "application/json")
                                .header("X-GitHub-Event", "issue_comment")
                                .header(
                                        "X-GitHub-Delivery",
                                        java.util
                                                .UUID
                                                .nameUUIDFromBytes(
                                                        delivery.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                                                .toString())
                                .header("X-Hub-Signature-256", new WebhookSignature(SECRET).sign(body))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static long awaitExecution(ClarityServer server) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Long id = server.database()
                    .dsl()
                    .select(EXECUTIONS.ID)
                    .from(EXECUTIONS)
                    .fetchAny(EXECUTIONS.ID);
            if (id != null) {
                return id;
            }
            pollPause();
        }
        throw new AssertionError("no execution was queued");
    }

    /** The first execution queued after {@code after}. */
    private static long awaitExecutionAfter(ClarityServer server, long after) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Long id = server.database()
                    .dsl()
                    .select(EXECUTIONS.ID)
                    .from(EXECUTIONS)
                    .where(EXECUTIONS.ID.gt(after))
                    .fetchAny(EXECUTIONS.ID);
            if (id != null) {
                return id;
            }
            pollPause();
        }
        throw new AssertionError("no execution was queued after " + after);
    }

    private static ExecutionSnapshot awaitEnd(ClarityServer server, long id) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        var store = server.orchestration().store();
        while (System.nanoTime() < deadline) {
            ExecutionSnapshot s = store.find(id).orElseThrow();
            if (!s.badge().isRunning() && s.badge() != Badge.QUEUED) {
                return s;
            }
            pollPause();
        }
        throw new AssertionError("execution " + id + " did not end");
    }

    /** Polls the database for a condition with a deadline (the webhook is answered before the work happens). */
    private static void pollPause() {
        java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
    }

    static final String TWO_ITEMS = """
            # Hello
            ## Phase 1 — Files
            - 1.1 Files
              - 1.1.1 Add hello file
              - 1.1.2 Add world file (Dependencies: 1.1.1)
            """;

    static final String THREE_ITEMS = TWO_ITEMS + "  - 1.1.3 Add greeting file (Dependencies: 1.1.2)\n";

    private static void seed(Path work, URI origin, String token, String tasksList) throws Exception {
        var credentials = new UsernamePasswordCredentialsProvider(SmartHttpGitServer.USERNAME, token);
        try (Git g = Git.init()
                .setDirectory(work.toFile())
                .setInitialBranch("master")
                .call()) {
            Files.writeString(work.resolve("tasks_list.md"), tasksList);
            Files.writeString(work.resolve("agent.sh"), """
                    #!/bin/sh
                    case "$CLARITY_TASK_ID" in
                      1.1.1) echo hello > hello.txt ;;
                      1.1.2) echo world > world.txt ;;
                      1.1.3) echo greetings > greeting.txt ;;
                    esac
                    """);
            Files.writeString(work.resolve(".clarity.yml"), """
                    tools:
                      default: command
                      command: { command: ["sh", "agent.sh"] }
                    commands: [sh]
                    checks:
                      test: [["sh", "-c", "test -f tasks_list.md"]]
                    """);
            g.add().addFilepattern(".").call();
            PersonIdent ident = new PersonIdent("Planner", "planner@example.com");
            g.commit()
                    .setMessage("Plan")
                    .setAuthor(ident)
                    .setCommitter(ident)
                    .setSign(false)
                    .call();
            g.push()
                    .setRemote(origin.toString())
                    .add("master")
                    .setCredentialsProvider(credentials)
                    .call();
        }
    }
}
