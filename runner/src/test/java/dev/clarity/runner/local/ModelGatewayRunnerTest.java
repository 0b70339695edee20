package dev.clarity.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import dev.clarity.runner.gateway.RealCli;
import dev.clarity.runner.policy.CommandPolicy;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.BubblewrapProbe;
import dev.clarity.runner.sandbox.OutputLimits;
import dev.clarity.runner.sandbox.ProcessSandbox;
import dev.clarity.runner.tools.StandIns;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import dev.clarity.testkit.git.SmartHttpGitServer;
import dev.clarity.testkit.providers.ScriptedModelServer;
import dev.clarity.testkit.providers.Turn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner with its model gateway, in the bubblewrap sandbox: what a tool step sees, its usage and token limit, and
 * the real Claude Code and Codex CLIs writing a file through the gateway against the scripted model server.
 */
class ModelGatewayRunnerTest {
    private static final String ANTHROPIC_KEY = "sk-ant-api03-RealKeyThatMustNeverReachTheSandbox0123456789";
    private static final String OPENAI_KEY = "sk-proj-RealOpenAiKeyThatMustNeverReachTheSandbox0123456789";

    @TempDir
    Path temp;

    private final AtomicInteger tokens = new AtomicInteger();
    private ExecutorService executor;
    private SmartHttpGitServer git;
    private ScriptedModelServer models;
    private String url;
    private GitCredentials credentials;
    private Path root;
    private Path bin;

    @BeforeAll
    static void isolate() {
        IsolatedGitConfig.install();
    }

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(BubblewrapProbe.find(System.getenv("PATH")).isPresent(), "bubblewrap is not installed");
        executor = Executors.newVirtualThreadPerTaskExecutor();
        git = SmartHttpGitServer.start(Files.createDirectories(temp.resolve("server")));
        models = ScriptedModelServer.start();
        url = git.createRepository("shop").toString();
        credentials = GitCredentials.gitHubToken(git.token());
        root = temp.resolve("workspaces");
        bin = Files.createTempDirectory(
                Files.createDirectories(Path.of("target").toAbsolutePath()), "gateway-bin");
        // codex's default model calls tools only through code mode; gpt-5-codex gets exec_command, as scripted
        seed("sandbox:\n  timeout: 120s\ncommands: [sh, grep]\ntools:\n  codex: { model: gpt-5-codex }\n");
    }

    @AfterEach
    void tearDown() {
        if (git != null) {
            git.close();
            models.close();
            executor.shutdownNow();
        }
    }

    private LocalRunner runner(Path... pathFirst) {
        var sandbox = new ProcessSandbox(
                BubblewrapProbe.find(System.getenv("PATH")), executor, InstantSource.system(), OutputLimits.DEFAULT);
        var gateway = new ModelGateway(
                new EnvironmentProviderKeys(Map.of(
                        "ANTHROPIC_API_KEY",
                        ANTHROPIC_KEY,
                        "ANTHROPIC_BASE_URL",
                        models.baseUrl().toString(),
                        "OPENAI_API_KEY",
                        OPENAI_KEY,
                        "OPENAI_BASE_URL",
                        models.baseUrl() + "/v1")),
                temp.resolve("gw"),
                () -> "clarity-step-token-" + tokens.incrementAndGet(),
                // as the runner is assembled: the direct path where the helper can be built, else socat
                sandbox.takesHandoffs());
        StringBuilder path = new StringBuilder();
        for (Path dir : pathFirst) {
            path.append(dir).append(':');
        }
        path.append(bin).append(":/usr/bin:/bin");
        return new LocalRunner(
                root,
                sandbox,
                CommandPolicy.defaults(),
                Map.of("PATH", path.toString(), "HOME", "/tmp"),
                Redactor.builtIn().with(ANTHROPIC_KEY).with(OPENAI_KEY),
                InstantSource.system(),
                executor,
                2,
                java.util.Optional.of(gateway));
    }

    @Test
    void a_tool_step_sees_the_gateways_base_urls_and_its_step_token_and_never_the_provider_key() throws Exception {
        StandIns.write(bin, "claude", "env | sort > seen-env.txt");
        LocalRunner runner = runner();
        runner.prep(prep("ex-1"));

        ToolResult result = runner.implement(implement("ex-1", "claude", 0));

        String env = Files.readString(root.resolve("ex-1/seen-env.txt"));
        assertThat(result).as(result.logs().toString()).isInstanceOf(ToolResult.Changed.class);
        assertThat(env)
                .contains("ANTHROPIC_BASE_URL=http://127.0.0.1:4180/anthropic")
                .contains("OPENAI_BASE_URL=http://127.0.0.1:4180/openai/v1")
                .contains("OPENAI_API_BASE=http://127.0.0.1:4180/openai/v1")
                .contains("OLLAMA_HOST=http://127.0.0.1:4180")
                .contains("ANTHROPIC_API_KEY=clarity-step-token-1")
                .contains("HOME=/tmp/home")
                .doesNotContain(ANTHROPIC_KEY);
    }

    @Test
    void codex_is_given_the_steps_gateway_as_its_provider_and_a_temporary_directory_inside_its_fresh_home()
            throws Exception {
        StandIns.write(bin, "codex", """
                printf '%s\\n' "$@" > seen-args.txt
                { echo "TMPDIR=$TMPDIR"; echo "HOME=$HOME"; echo "KEY=$OPENAI_API_KEY"; } > seen-env.txt
                test -d "$TMPDIR" && echo tmpdir-exists >> seen-env.txt
                """);
        LocalRunner runner = runner();
        runner.prep(prep("ex-5"));

        ToolResult result = runner.implement(implement("ex-5", "codex", 0));

        assertThat(result).as(result.logs().toString()).isInstanceOf(ToolResult.Changed.class);
        assertThat(Files.readAllLines(root.resolve("ex-5/seen-args.txt")))
                .startsWith("exec", "--skip-git-repo-check", "-s", "danger-full-access", "--json", "-m", "gpt-5-codex")
                .contains("model_providers.clarity.base_url=\"http://127.0.0.1:4180/openai/v1\"")
                .contains("model_providers.clarity.env_key=\"OPENAI_API_KEY\"");
        assertThat(Files.readAllLines(root.resolve("ex-5/seen-env.txt")))
                .containsExactly("TMPDIR=/tmp/home/tmp", "HOME=/tmp/home", "KEY=clarity-step-token-1", "tmpdir-exists");
    }

    @Test
    void a_tool_step_that_crosses_its_token_limit_ends_as_budget_exceeded_with_its_usage() throws Exception {
        models.answer(Turn.text("first").withUsage(1200, 80), Turn.text("second"));
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,\"messages\":[]}";
        StandIns.write(bin, "claude", """
                req() {
                  printf 'POST /anthropic/v1/messages HTTP/1.1\\r\\nHost: g\\r\\nConnection: close\\r\\n'
                  printf 'Content-Type: application/json\\r\\nContent-Length: %%d\\r\\n' %d
                  printf 'x-api-key: %%s\\r\\n\\r\\n' "$ANTHROPIC_API_KEY"
                  printf '%%s' '%s'
                }
                for i in 1 2; do
                  req | busybox nc -w 10 127.0.0.1 4180 >> answers.txt
                done
                grep -q budget_exceeded answers.txt || exit 0
                echo "the model refused: budget" >&2
                exit 1
                """.formatted(body.length(), body));
        LocalRunner runner = runner();
        runner.prep(prep("ex-2"));

        ToolResult result = runner.implement(implement("ex-2", "claude", 1000));

        assertThat(result).as(result.logs().toString()).isInstanceOf(ToolResult.BudgetExceeded.class);
        var over = (ToolResult.BudgetExceeded) result;
        assertThat(over.maxTokens()).isEqualTo(1000);
        assertThat(over.reason()).contains("token budget of 1000 tokens").contains("1280 tokens used");
        assertThat(over.usage()).containsExactly(new ModelUsage("anthropic", "claude-sonnet-4-5", 1200, 80));
        assertThat(models.requests()).hasSize(1);
    }

    @Test
    void a_tool_that_keeps_calling_its_model_after_crossing_its_token_limit_is_stopped_at_once() throws Exception {
        models.answer(Turn.text("first").withUsage(1200, 80));
        String body = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":true,\"messages\":[]}";
        // a tool that never gives up: refused or not, it asks again, and never exits on its own
        StandIns.write(bin, "claude", """
                req() {
                  printf 'POST /anthropic/v1/messages HTTP/1.1\\r\\nHost: g\\r\\nConnection: close\\r\\n'
                  printf 'Content-Type: application/json\\r\\nContent-Length: %%d\\r\\n' %d
                  printf 'x-api-key: %%s\\r\\n\\r\\n' "$ANTHROPIC_API_KEY"
                  printf '%%s' '%s'
                }
                while true; do
                  req | busybox nc -w 10 127.0.0.1 4180 >> answers.txt
                done
                """.formatted(body.length(), body));
        LocalRunner runner = runner();
        runner.prep(prep("ex-4"));
        java.time.Instant started = java.time.Instant.now();

        ToolResult result = runner.implement(implement("ex-4", "claude", 1000));

        // the step's timeout is 120 s (seed): only the crossed budget can have ended it this soon
        assertThat(java.time.Duration.between(started, java.time.Instant.now()))
                .isLessThan(java.time.Duration.ofSeconds(60));
        assertThat(result).as(result.logs().toString()).isInstanceOf(ToolResult.BudgetExceeded.class);
        var over = (ToolResult.BudgetExceeded) result;
        assertThat(over.reason()).contains("token budget of 1000 tokens").contains("1280 tokens used");
        assertThat(over.usage()).containsExactly(new ModelUsage("anthropic", "claude-sonnet-4-5", 1200, 80));
        assertThat(models.requests()).hasSize(1);
        String script = bin.resolve("claude").toString();
        assertThat(ProcessHandle.allProcesses()
                        .filter(p -> p.info().commandLine().orElse("").contains(script))
                        .toList())
                .as("processes still running the stand-in tool")
                .isEmpty();
    }

    @Test
    void the_real_claude_cli_writes_through_the_gateway_and_the_change_is_verified_and_committed() throws Exception {
        Path claude = RealCli.claude();
        Path ws = root.resolve("ex-3");
        models.answer(
                Turn.write(ws.resolve("feature.txt").toString(), "hello from claude\n")
                        .withUsage(2400, 120),
                Turn.text("I wrote feature.txt.").withUsage(2600, 30));
        LocalRunner runner = runner(claude);
        assertThat(runner.prep(prep("ex-3"))).isInstanceOf(PrepResult.Ready.class);

        ToolResult implemented = runner.implement(implement("ex-3", "claude", 0));

        assertThat(implemented)
                .as("%s\nrequests: %s", implemented.logs(), models.describeRequests())
                .isInstanceOf(ToolResult.Changed.class);
        assertThat(implemented.diff()).contains("+++ b/feature.txt").contains("+hello from claude");
        assertThat(models.requests())
                .allSatisfy(r -> assertThat(r.header("x-api-key")).isEqualTo(ANTHROPIC_KEY));
        List<ModelUsage> reported = models.reported().stream()
                .map(r -> new ModelUsage("anthropic", r.model(), r.inputTokens(), r.outputTokens()))
                .toList();
        assertThat(implemented.usage()).containsExactlyInAnyOrderElementsOf(reported);
        assertThat(implemented.usage())
                .contains(new ModelUsage("anthropic", implemented.usage().get(0).model(), 2400, 120));
        assertThat(String.join("\n", implemented.logs())).doesNotContain(ANTHROPIC_KEY);

        VerifyResult verified = runner.verify(new VerifyRequest(
                "ex-3",
                "1.1",
                List.of(new CriterionSpec(
                        "test.grep",
                        "test",
                        "cmd",
                        null,
                        List.of("grep", "-q", "hello from claude", "feature.txt"),
                        null)),
                false,
                "v1"));
        assertThat(verified).as(verified.toString()).isInstanceOf(VerifyResult.Passed.class);
        var merged =
                runner.merge(new MergeRequest("ex-3", "1.1", "task/1.1-add-feature", "Task 1.1: Add feature", "m1"));
        assertThat(merged).isInstanceOf(MergeResult.Committed.class);
        assertThat(runner.push(new PushRequest("ex-3", url, "task/1.1-add-feature", "u1", credentials)))
                .isInstanceOf(PushResult.Pushed.class);
        try (Git bare = Git.open(git.repositoryDirectory("shop").toFile())) {
            var repo = bare.getRepository();
            var head = repo.resolve("refs/heads/task/1.1-add-feature");
            try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repo);
                    var tree = org.eclipse.jgit.treewalk.TreeWalk.forPath(
                            repo, "feature.txt", walk.parseCommit(head).getTree())) {
                assertThat(tree).isNotNull();
                assertThat(new String(repo.open(tree.getObjectId(0)).getBytes()))
                        .isEqualTo("hello from claude\n");
            }
        }
    }

    @Test
    void the_real_codex_cli_runs_a_command_through_the_gateway_and_the_change_is_verified_and_committed()
            throws Exception {
        Path codex = RealCli.codex();
        models.answer(
                Turn.command("printf 'hello from codex\\n' > feature.txt").withUsage(3100, 140),
                Turn.text("I wrote feature.txt.").withUsage(3300, 25));
        LocalRunner runner = runner(codex);
        assertThat(runner.prep(prep("ex-4"))).isInstanceOf(PrepResult.Ready.class);

        ToolResult implemented = runner.implement(implement("ex-4", "codex", 0));

        assertThat(implemented)
                .as("%s\nrequests: %s", implemented.logs(), models.describeRequests())
                .isInstanceOf(ToolResult.Changed.class);
        assertThat(Files.readString(root.resolve("ex-4/artifacts/1.1/implement-tool.json")))
                .contains("\"tool\" : \"codex\"")
                .contains("0.171.0");
        assertThat(implemented.diff()).contains("+++ b/feature.txt").contains("+hello from codex");
        var turns = models.requests().stream()
                .filter(r -> r.path().equals("/v1/responses"))
                .toList();
        assertThat(turns).as(models.describeRequests().toString()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(models.requests())
                .allSatisfy(r -> assertThat(r.header("authorization")).isEqualTo("Bearer " + OPENAI_KEY));
        // the second turn carries what the command did back to the model
        assertThat(turns.get(1).body()).contains("\"function_call_output\"").contains("\"call_id\":\"call_1\"");
        List<ModelUsage> reported = models.reported().stream()
                .map(r -> new ModelUsage("openai", r.model(), r.inputTokens(), r.outputTokens()))
                .toList();
        assertThat(implemented.usage()).containsExactlyInAnyOrderElementsOf(reported);
        String model = implemented.usage().get(0).model();
        assertThat(implemented.usage())
                .contains(new ModelUsage("openai", model, 3100, 140), new ModelUsage("openai", model, 3300, 25));
        assertThat(String.join("\n", implemented.logs()))
                .doesNotContain(OPENAI_KEY)
                // its home is not under its temporary directory, so it sets up its helper commands
                .doesNotContain("could not create PATH aliases");

        VerifyResult verified = runner.verify(new VerifyRequest(
                "ex-4",
                "1.1",
                List.of(new CriterionSpec(
                        "test.grep",
                        "test",
                        "cmd",
                        null,
                        List.of("grep", "-q", "hello from codex", "feature.txt"),
                        null)),
                false,
                "v1"));
        assertThat(verified).as(verified.toString()).isInstanceOf(VerifyResult.Passed.class);
        assertThat(runner.merge(new MergeRequest("ex-4", "1.1", "task/1.1-add-feature", "Task 1.1: Add feature", "m1")))
                .isInstanceOf(MergeResult.Committed.class);
        assertThat(runner.push(new PushRequest("ex-4", url, "task/1.1-add-feature", "u1", credentials)))
                .isInstanceOf(PushResult.Pushed.class);
        assertThat(pushedFile("task/1.1-add-feature", "feature.txt")).isEqualTo("hello from codex\n");
    }

    /** The content of {@code path} at the tip of {@code branch} in the served repository. */
    private String pushedFile(String branch, String path) throws Exception {
        try (Git bare = Git.open(git.repositoryDirectory("shop").toFile())) {
            var repo = bare.getRepository();
            var head = repo.resolve("refs/heads/" + branch);
            try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repo);
                    var tree = org.eclipse.jgit.treewalk.TreeWalk.forPath(
                            repo, path, walk.parseCommit(head).getTree())) {
                assertThat(tree).as(path + " at " + branch).isNotNull();
                return new String(repo.open(tree.getObjectId(0)).getBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
    }

    private PrepRequest prep(String ws) {
        return new PrepRequest(url, ws, "1.1", "main", "task/1.1-add-feature", "p-" + ws, credentials);
    }

    private static ImplementRequest implement(String ws, String tool, long maxTokens) {
        return new ImplementRequest(
                ws,
                "1.1",
                "Add feature",
                "Phase 1",
                tool,
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
