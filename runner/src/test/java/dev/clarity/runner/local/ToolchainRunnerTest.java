package dev.clarity.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.api.ErrorSolveRequest;
import dev.clarity.runner.api.ImplementRequest;
import dev.clarity.runner.api.PrepResult;
import dev.clarity.runner.api.ToolResult;
import dev.clarity.runner.api.VerifyRequest;
import dev.clarity.runner.api.VerifyResult;
import dev.clarity.runner.sandbox.BubblewrapProbe;
import dev.clarity.runner.sandbox.OutputLimits;
import dev.clarity.runner.sandbox.ProcessSandbox;
import dev.clarity.runner.tools.StandIns;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import dev.clarity.testkit.git.SmartHttpGitServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's own toolchain through the in-process runner in the bubblewrap sandbox: setup once per workspace
 * and base with the repository's cache, caches never shared between repositories, the repository's sandbox settings
 * within the runner's, and the focused context a tool gets.
 */
class ToolchainRunnerTest {
    private static final String SETUP_CONFIG = """
            commands: [sh]
            checks:
              setup: [["sh", "-c", "echo ran >> \\"$GRADLE_USER_HOME.count\\"; mkdir -p \\"$npm_config_cache\\"; echo filled > \\"$npm_config_cache/marker\\""]]
              test: [["sh", "-c", "cat \\"$npm_config_cache/marker\\""]]
            """;

    @TempDir
    Path temp;

    private SmartHttpGitServer git;
    private ToolchainFixture fixture;
    private ExecutorService executor;
    private Path bin;
    private LocalRunner runner;

    @BeforeAll
    static void isolate() {
        IsolatedGitConfig.install();
    }

    @BeforeEach
    void start() throws Exception {
        assumeTrue(BubblewrapProbe.find(System.getenv("PATH")).isPresent(), "bubblewrap is not installed");
        executor = Executors.newCachedThreadPool();
        git = SmartHttpGitServer.start(Files.createDirectories(temp.resolve("server")));
        fixture = new ToolchainFixture(git, temp);
        bin = Files.createTempDirectory(
                Files.createDirectories(Path.of("target").toAbsolutePath()), "standins");
        var sandbox = new ProcessSandbox(
                BubblewrapProbe.find(System.getenv("PATH")), executor, InstantSource.system(), OutputLimits.DEFAULT);
        Path data = Files.createTempDirectory(
                Files.createDirectories(Path.of("target").toAbsolutePath()), "data");
        runner = ToolchainFixture.runner(data, sandbox, bin + ":/usr/bin:/bin", executor);
    }

    @AfterEach
    void stop() {
        git.close();
        executor.shutdownNow();
    }

    private static VerifyRequest standardVerify(String ws, String key) {
        return new VerifyRequest(ws, "1.1", List.of(), true, key);
    }

    @Test
    void setup_runs_at_prep_once_per_workspace_and_base_and_later_checks_use_the_cache_it_filled() throws Exception {
        String url = fixture.repository("shop", Map.of(".clarity.yml", SETUP_CONFIG, "README.md", "# shop\n"));

        PrepResult first = runner.prep(fixture.prep(url, "ws-1", "p1"));
        PrepResult again = runner.prep(fixture.prep(url, "ws-1", "p2"));
        VerifyResult verified = runner.verify(standardVerify("ws-1", "v1"));
        VerifyResult verifiedAgain = runner.verify(standardVerify("ws-1", "v2"));

        assertThat(first.logs()).anyMatch(l -> l.startsWith("setup passed at "));
        assertThat(again.logs()).anyMatch(l -> l.startsWith("setup passed at "));
        assertThat(verified).as(verified.toString()).isInstanceOf(VerifyResult.Passed.class);
        assertThat(verified.passed()).containsExactly("standard.setup", "standard.test");
        assertThat(verifiedAgain).isInstanceOf(VerifyResult.Passed.class);
        Path counter = Files.walk(runner.dataDirectory().resolve("caches"), 2)
                .filter(p -> p.getFileName().toString().endsWith(".count"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("setup wrote no counter into the repository's cache"));
        assertThat(Files.readAllLines(counter)).containsExactly("ran");
    }

    @Test
    void a_repository_never_sees_the_dependency_cache_of_another_repository() throws Exception {
        String shop = fixture.repository("shop", Map.of(".clarity.yml", SETUP_CONFIG));
        String other = fixture.repository("other", Map.of(".clarity.yml", """
                        commands: [sh]
                        checks:
                          test: [["sh", "-c", "ls \\"$npm_config_cache\\"; cat \\"$npm_config_cache/marker\\""]]
                        """));
        runner.prep(fixture.prep(shop, "ws-shop", "p1"));
        assertThat(runner.verify(standardVerify("ws-shop", "v1"))).isInstanceOf(VerifyResult.Passed.class);

        runner.prep(fixture.prep(other, "ws-other", "p1"));
        VerifyResult verified = runner.verify(standardVerify("ws-other", "v1"));

        assertThat(verified).isInstanceOf(VerifyResult.Failed.class);
        assertThat(verified.failed()).extracting(f -> f.criterionKey()).containsExactly("standard.test");
        try (var caches = Files.list(runner.dataDirectory().resolve("caches"))) {
            assertThat(caches.filter(p -> p.getFileName().toString().matches("[0-9a-f]{32}")))
                    .hasSize(2);
        }
    }

    @Test
    void an_engine_this_runner_does_not_run_refuses_the_repositorys_steps_with_a_sentence() throws Exception {
        String url = fixture.repository("shop", Map.of(".clarity.yml", "sandbox:\n  engine: docker\n"));
        StandIns.write(bin, "aider", "echo ran > ran.txt");
        runner.prep(fixture.prep(url, "ws-1", "p1"));

        ToolResult implemented = runner.implement(
                new ImplementRequest("ws-1", "1.1", "Add feature", null, "aider", List.of(), List.of(), "i1"));

        assertThat(implemented).isInstanceOf(ToolResult.Refused.class);
        assertThat(((ToolResult.Refused) implemented).reason())
                .contains("sandbox.engine is docker")
                .contains("this runner runs steps in process");
        assertThat(runner.dataDirectory().resolve("workspaces/ws-1/ran.txt")).doesNotExist();
    }

    @Test
    void a_step_longer_than_the_admins_ceiling_is_stopped_at_the_ceiling() throws Exception {
        String url = fixture.repository("shop", Map.of(".clarity.yml", "sandbox:\n  timeout: 1h\ncommands: [sh]\n"));
        LocalRunner capped = new LocalRunner(
                runner.dataDirectory().resolve("workspaces"),
                new ProcessSandbox(
                        BubblewrapProbe.find(System.getenv("PATH")),
                        executor,
                        InstantSource.system(),
                        OutputLimits.DEFAULT),
                dev.clarity.runner.policy.CommandPolicy.defaults(),
                Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp"),
                dev.clarity.runner.redaction.Redactor.builtIn(),
                InstantSource.system(),
                executor,
                2,
                dev.clarity.runner.toolchain.SandboxCeilings.fromEnvironment(
                        Map.of("CLARITY_SANDBOX_MAX_TIMEOUT", "2s")));
        capped.prep(fixture.prep(url, "ws-1", "p1"));

        VerifyResult verified = capped.verify(new VerifyRequest(
                "ws-1",
                "1.1",
                List.of(new CriterionSpec("slow", "ops", "cmd", null, List.of("sh", "-c", "sleep 60"), null)),
                false,
                "v1"));

        assertThat(verified.failed())
                .singleElement()
                .satisfies(f -> assertThat(f.summary()).contains("killed after the step timeout"));
    }

    @Test
    void implement_gives_aider_the_files_the_item_names_and_the_files_defining_what_its_title_names() throws Exception {
        String url = fixture.repository(
                "shop",
                Map.of(
                        ".clarity.yml", "context:\n  files: 4\n",
                        "docs/rounding.md", "# rounding\n",
                        "src/cart/CartTotals.java", "package cart;\nfinal class CartTotals {}\n",
                        "lib/price.py", "def parse_price(text):\n    return text\n",
                        "lib/other.py", "def unrelated():\n    pass\n",
                        "README.md", "# shop\n"));
        StandIns.write(bin, "aider", "printf '%s\\n' \"$@\" > args.txt");
        runner.prep(fixture.prep(url, "ws-1", "p1"));

        runner.implement(new ImplementRequest(
                "ws-1",
                "1.1",
                "Fix rounding in CartTotals and parse_price as docs/rounding.md says",
                "1 Shop (see README.md)",
                "aider",
                List.of(),
                List.of(),
                "i1"));

        List<String> args = Files.readAllLines(runner.dataDirectory().resolve("workspaces/ws-1/args.txt"));
        assertThat(args.subList(args.indexOf("--") + 1, args.size()))
                .containsExactly("docs/rounding.md", "README.md", "src/cart/CartTotals.java", "lib/price.py");
        assertThat(Files.readString(
                        runner.dataDirectory().resolve("workspaces/ws-1/artifacts/1.1/implement-prompt.md")))
                .contains("## Files that matter")
                .contains("- src/cart/CartTotals.java");
    }

    @Test
    void error_solve_tells_the_tool_the_items_context_its_criteria_and_the_end_of_each_failed_checks_output()
            throws Exception {
        String url = fixture.repository("shop", Map.of(".clarity.yml", "commands: [sh]\n", "README.md", "# shop\n"));
        StandIns.write(bin, "aider", "echo fixed >> fixed.txt");
        runner.prep(fixture.prep(url, "ws-1", "p1"));
        CriterionSpec failing = new CriterionSpec(
                "test.unit",
                "test",
                "cmd",
                null,
                List.of("sh", "-c", "echo expected $((1 + 2)) but was 2; exit 1"),
                "sums add up");
        VerifyResult verified = runner.verify(new VerifyRequest("ws-1", "1.1", List.of(failing), false, "v1"));

        runner.errorSolve(new ErrorSolveRequest(
                "ws-1",
                "1.1",
                "Add cart totals",
                "aider",
                1,
                verified.failed(),
                "--- a/x\n+++ b/x\n",
                "e1",
                "1 Shop\n1.1 Cart",
                List.of(failing)));

        String prompt = Files.readString(
                runner.dataDirectory().resolve("workspaces/ws-1/artifacts/1.1/error-solve-1-prompt.md"));
        assertThat(prompt)
                .contains("1.1 Cart")
                .contains("- test.unit [test/cmd]")
                .contains("sums add up")
                .contains("Output (last lines)")
                .contains("expected 3 but was 2")
                .contains("```diff");
    }
}
