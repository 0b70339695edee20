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
import dev.clarity.bot.orchestrator.Badge;
import dev.clarity.bot.orchestrator.ExecutionSnapshot;
import dev.clarity.bot.webhook.WebhookSignature;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import dev.clarity.testkit.git.SmartHttpGitServer;
import dev.clarity.testkit.github.FakeGitHub;
import dev.clarity.testkit.github.Fixtures;
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
 * and a progress comment edited in place.
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
            seed(dir.resolve("seed"), origin, git.token());

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
            ClarityConfig config = new ClarityConfig(
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
            try (ClarityServer server = ClarityServer.start(config, "127.0.0.1", InstantSource.system())) {
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

                ((ObjectNode) payload.path("comment")).put("body", "/clarity run");
                byte[] body = Json.mapper().writeValueAsBytes(payload);
                HttpResponse<String> answer = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(
                                                URI.create("http://127.0.0.1:" + server.port() + "/webhooks/github"))
                                        .header("Content-Type", "application/json")
                                        .header("X-GitHub-Event", "issue_comment")
                                        .header("X-GitHub-Delivery", "scenario-run-1")
                                        .header("X-Hub-Signature-256", new WebhookSignature(SECRET).sign(body))
                                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
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
                assertThat(github.comments(repo, issue))
                        .anySatisfy(comment ->
                                assertThat(comment.path("body").asText()).contains("COMPLETED"));
                try (Git bare = Git.open(git.repositoryDirectory("hello-world").toFile())) {
                    assertThat(bare.branchList().call())
                            .extracting(r -> r.getName())
                            .contains("refs/heads/task/1.1.1-add-hello-file", "refs/heads/task/1.1.2-add-world-file");
                }
            }
        }
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

    private static void seed(Path work, URI origin, String token) throws Exception {
        var credentials = new UsernamePasswordCredentialsProvider(SmartHttpGitServer.USERNAME, token);
        try (Git g = Git.init()
                .setDirectory(work.toFile())
                .setInitialBranch("master")
                .call()) {
            Files.writeString(work.resolve("tasks_list.md"), """
                    # Hello
                    ## Phase 1 — Files
                    - 1.1 Files
                      - 1.1.1 Add hello file
                      - 1.1.2 Add world file (Dependencies: 1.1.1)
                    """);
            Files.writeString(work.resolve("agent.sh"), """
                    #!/bin/sh
                    case "$CLARITY_TASK_ID" in
                      1.1.1) echo hello > hello.txt ;;
                      1.1.2) echo world > world.txt ;;
                    esac
                    """);
            Files.writeString(work.resolve(".clarity.yml"), """
                    tools:
                      default: command
                      command: { command: ["sh", "agent.sh"] }
                    commands: [sh]
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
