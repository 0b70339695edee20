package dev.clarity.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.api.GitCredentials;
import dev.clarity.runner.api.ImplementRequest;
import dev.clarity.runner.api.MergeRequest;
import dev.clarity.runner.api.MergeResult;
import dev.clarity.runner.api.ModelUsage;
import dev.clarity.runner.api.PrepRequest;
import dev.clarity.runner.api.PrepResult;
import dev.clarity.runner.api.PushRequest;
import dev.clarity.runner.api.PushResult;
import dev.clarity.runner.api.ToolResult;
import dev.clarity.runner.api.VerifyRequest;
import dev.clarity.runner.api.VerifyResult;
import dev.clarity.runner.gateway.EnvironmentProviderKeys;
import dev.clarity.runner.gateway.ModelGateway;
import dev.clarity.runner.policy.CommandPolicy;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.BubblewrapProbe;
import dev.clarity.runner.sandbox.OutputLimits;
import dev.clarity.runner.sandbox.ProcessSandbox;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import dev.clarity.testkit.git.SmartHttpGitServer;
import dev.clarity.testkit.providers.ReceivedRequest;
import dev.clarity.testkit.providers.ScriptedModelServer;
import dev.clarity.testkit.providers.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ollama tool end to end (ADR 0037): the runner asks the scripted Ollama API through the step's gateway endpoint
 * (the gateway forwards to the runner's {@code OLLAMA_HOST}), applies the answer, verifies it in the bubblewrap
 * sandbox, commits and pushes it, with the usage Ollama reported counted exactly.
 */
class OllamaRunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    private final AtomicInteger tokens = new AtomicInteger();
    private ExecutorService executor;
    private SmartHttpGitServer git;
    private ScriptedModelServer models;
    private String url;
    private GitCredentials credentials;
    private Path root;
    private LocalRunner runner;

    @BeforeAll
    static void isolate() {
        IsolatedGitConfig.install();
    }

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(BubblewrapProbe.find(System.getenv("PATH")).isPresent(), "bubblewrap is not installed");
        executor = Executors.newVirtualThreadPerTaskExecutor();
        git = SmartHttpGitServer.start(Files.createDirectories(temp.resolve("server")));
        models = ScriptedModelServer.start().pullOllama("qwen2.5-coder");
        url = git.createRepository("shop").toString();
        credentials = GitCredentials.gitHubToken(git.token());
        root = temp.resolve("workspaces");
        seed("tools:\n  default: ollama\nsandbox:\n  timeout: 60s\ncommands: [grep]\n");
        var sandbox = new ProcessSandbox(
                BubblewrapProbe.find(System.getenv("PATH")), executor, InstantSource.system(), OutputLimits.DEFAULT);
        // OLLAMA_HOST as ollama itself takes it: host:port
        var gateway = new ModelGateway(
                new EnvironmentProviderKeys(
                        Map.of("OLLAMA_HOST", models.baseUrl().getAuthority())),
                temp.resolve("gw"),
                () -> "clarity-step-token-" + tokens.incrementAndGet(),
                // as the runner is assembled: the direct path where the helper can be built, else socat
                sandbox.takesHandoffs());
        runner = new LocalRunner(
                root,
                sandbox,
                CommandPolicy.defaults(),
                Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp"),
                Redactor.builtIn(),
                InstantSource.system(),
                executor,
                2,
                Optional.of(gateway));
    }

    @AfterEach
    void tearDown() {
        if (git != null) {
            git.close();
            models.close();
            executor.shutdownNow();
        }
    }

    @Test
    void ollamas_fenced_file_lands_is_verified_committed_and_pushed_with_its_usage_counted_exactly() throws Exception {
        models.answer(Turn.text("Here is the file.\n\n```text feature.txt\nhello from ollama\n```\n")
                .withUsage(2345, 67));
        assertThat(runner.prep(prep("ex-1"))).isInstanceOf(PrepResult.Ready.class);

        ToolResult implemented = runner.implement(implement("ex-1", 0));

        assertThat(implemented)
                .as("%s\nrequests: %s", implemented.logs(), models.describeRequests())
                .isInstanceOf(ToolResult.Changed.class);
        assertThat(implemented.diff()).contains("+++ b/feature.txt").contains("+hello from ollama");
        assertThat(root.resolve("ex-1/feature.txt")).hasContent("hello from ollama");
        assertThat(implemented.usage()).containsExactly(new ModelUsage("ollama", "qwen2.5-coder", 2345, 67));
        assertThat(models.reported()).singleElement().satisfies(r -> {
            assertThat(r.inputTokens()).isEqualTo(2345);
            assertThat(r.outputTokens()).isEqualTo(67);
        });
        ReceivedRequest chat = models.requests().stream()
                .filter(r -> r.path().equals("/api/chat"))
                .findFirst()
                .orElseThrow();
        JsonNode body = JSON.readTree(chat.body());
        assertThat(body.path("model").asText()).isEqualTo("qwen2.5-coder");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("messages").get(0).path("role").asText()).isEqualTo("system");
        assertThat(body.path("messages").get(1).path("content").asText()).startsWith("Task 1.1: Add feature");
        assertThat(body.path("messages").get(0).path("content").asText())
                .contains("fenced code block whose info string is the file's path");
        assertThat(chat.header("authorization")).isNull();
        assertThat(models.describeRequests()).contains("GET /api/version");
        assertThat(Files.readString(root.resolve("ex-1/artifacts/1.1/implement-tool.json")))
                .contains("\"version\" : \"ollama 0.12.6\"")
                .contains("\"inputTokens\" : 2345");

        VerifyResult verified = runner.verify(new VerifyRequest(
                "ex-1",
                "1.1",
                List.of(new CriterionSpec(
                        "test.grep",
                        "test",
                        "cmd",
                        null,
                        List.of("grep", "-q", "hello from ollama", "feature.txt"),
                        null)),
                false,
                "v1"));
        assertThat(verified).as(verified.toString()).isInstanceOf(VerifyResult.Passed.class);
        assertThat(runner.merge(new MergeRequest("ex-1", "1.1", "task/1.1-add-feature", "Task 1.1: Add feature", "m1")))
                .isInstanceOf(MergeResult.Committed.class);
        assertThat(runner.push(new PushRequest("ex-1", url, "task/1.1-add-feature", "u1", credentials)))
                .isInstanceOf(PushResult.Pushed.class);
        assertThat(pushed("task/1.1-add-feature", "feature.txt")).isEqualTo("hello from ollama\n");
    }

    @Test
    void ollamas_unified_diff_edits_the_file_the_prompt_showed_it() throws Exception {
        models.answer(Turn.text("""
                ```diff
                --- a/notes.txt
                +++ b/notes.txt
                @@ -1 +1,2 @@
                 # notes
                +A feature.
                ```
                """).withUsage(500, 40));
        runner.prep(prep("ex-2"));

        ToolResult implemented = runner.implement(implement("ex-2", 0, "Add a feature to notes.txt"));

        assertThat(implemented).as(implemented.logs().toString()).isInstanceOf(ToolResult.Changed.class);
        assertThat(root.resolve("ex-2/notes.txt")).hasContent("# notes\nA feature.");
        assertThat(implemented.usage()).containsExactly(new ModelUsage("ollama", "qwen2.5-coder", 500, 40));
        assertThat(models.requests().stream().filter(r -> r.path().equals("/api/chat")))
                .singleElement()
                .satisfies(r -> assertThat(r.body()).contains("### notes.txt\\n```\\n# notes\\n```"));
    }

    @Test
    void an_answer_with_a_file_outside_the_workspace_is_refused_and_nothing_is_written() throws Exception {
        models.answer(Turn.text("```text feature.txt\nfine\n```\n```text ../escaped.txt\nevil\n```\n"));
        runner.prep(prep("ex-6"));

        ToolResult implemented = runner.implement(implement("ex-6", 0));

        assertThat(implemented).isInstanceOf(ToolResult.Failed.class);
        assertThat(implemented.logs())
                .contains("ollama's answer was refused: the path leaves the workspace or leads into .git"
                        + " (../escaped.txt)");
        assertThat(root.resolve("escaped.txt")).doesNotExist();
        assertThat(root.resolve("ex-6/feature.txt")).doesNotExist();
    }

    @Test
    void a_model_the_ollama_server_has_not_pulled_is_missing_with_the_command_that_pulls_it() throws Exception {
        seed("tools:\n  default: ollama\n  ollama: { model: llama3.3 }\n");
        runner.prep(prep("ex-3"));

        ToolResult implemented = runner.implement(implement("ex-3", 0));

        assertThat(implemented).isInstanceOf(ToolResult.Missing.class);
        assertThat(((ToolResult.Missing) implemented).reason())
                .isEqualTo("the model llama3.3 is not on the Ollama server behind the gateway (it has"
                        + " qwen2.5-coder:latest): run `ollama pull llama3.3` there, or set tools.ollama.model in"
                        + " .clarity.yml");
        assertThat(root.resolve("ex-3/feature.txt")).doesNotExist();
        assertThat(models.reported()).isEmpty();
    }

    @Test
    void an_answer_that_crosses_the_steps_token_limit_is_not_applied_and_ends_as_budget_exceeded() throws Exception {
        models.answer(Turn.text("```text feature.txt\ntoo costly\n```\n").withUsage(900, 200));
        runner.prep(prep("ex-4"));

        ToolResult implemented = runner.implement(implement("ex-4", 1000));

        assertThat(implemented).as(implemented.logs().toString()).isInstanceOf(ToolResult.BudgetExceeded.class);
        assertThat(((ToolResult.BudgetExceeded) implemented).reason())
                .contains("token budget of 1000 tokens")
                .contains("1100 tokens used");
        assertThat(implemented.usage()).containsExactly(new ModelUsage("ollama", "qwen2.5-coder", 900, 200));
    }

    @Test
    void cancelling_the_workspace_ends_an_answer_under_way_and_nothing_is_applied() throws Exception {
        models.holdStreams();
        models.answer(Turn.text("```text feature.txt\nlate\n```\n"));
        runner.prep(prep("ex-5"));
        CompletableFuture<ToolResult> implemented =
                CompletableFuture.supplyAsync(() -> runner.implement(implement("ex-5", 0)), executor);
        awaitTrue(() -> models.describeRequests().contains("POST /api/chat"), "the chat request to arrive");

        runner.cancel("ex-5");

        ToolResult result = implemented.get(30, TimeUnit.SECONDS);
        assertThat(result).as(result.logs().toString()).isInstanceOf(ToolResult.Cancelled.class);
        assertThat(root.resolve("ex-5/feature.txt")).doesNotExist();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for " + what).isBefore(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }

    private String pushed(String branch, String file) throws Exception {
        try (Git bare = Git.open(git.repositoryDirectory("shop").toFile())) {
            var repo = bare.getRepository();
            var head = repo.resolve("refs/heads/" + branch);
            try (var walk = new RevWalk(repo);
                    var tree =
                            TreeWalk.forPath(repo, file, walk.parseCommit(head).getTree())) {
                assertThat(tree).isNotNull();
                return new String(repo.open(tree.getObjectId(0)).getBytes());
            }
        }
    }

    private PrepRequest prep(String ws) {
        return new PrepRequest(url, ws, "1.1", "main", "task/1.1-add-feature", "p-" + ws, credentials);
    }

    private static ImplementRequest implement(String ws, long maxTokens) {
        return implement(ws, maxTokens, "Add feature");
    }

    private static ImplementRequest implement(String ws, long maxTokens, String title) {
        return new ImplementRequest(
                ws,
                "1.1",
                title,
                "Phase 1",
                "ollama",
                List.of(new CriterionSpec("doc.feature", "doc", "file", null, List.of("feature.txt"), null)),
                List.of(),
                "i-" + ws,
                maxTokens);
    }

    private void seed(String config) throws Exception {
        Path dir = Files.createTempDirectory(temp, "seed");
        var auth = new UsernamePasswordCredentialsProvider("x-access-token", git.token());
        try (Git g = Git.cloneRepository()
                .setURI(url)
                .setDirectory(dir.toFile())
                .setCredentialsProvider(auth)
                .call()) {
            Files.writeString(dir.resolve(".clarity.yml"), config);
            Files.writeString(dir.resolve("README.md"), "# shop\n");
            Files.writeString(dir.resolve("notes.txt"), "# notes\n");
            g.add().addFilepattern(".").call();
            PersonIdent ana = new PersonIdent("Ana", "ana@example.com");
            g.commit()
                    .setMessage("seed")
                    .setAuthor(ana)
                    .setCommitter(ana)
                    .setSign(false)
                    .call();
            g.push()
                    .setRefSpecs(new RefSpec("HEAD:refs/heads/main"))
                    .setCredentialsProvider(auth)
                    .call();
        }
    }
}
