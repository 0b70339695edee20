package dev.clarity.runner.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clarity.runner.config.ConfigParse;
import dev.clarity.runner.config.RepositoryConfig;
import dev.clarity.runner.config.RepositoryConfigParser;
import dev.clarity.runner.policy.CommandPolicy;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.BubblewrapProbe;
import dev.clarity.runner.sandbox.OutputLimits;
import dev.clarity.runner.sandbox.ProcessSandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolInvokerTest {
    static final String CANARY = "ghp_CanaryCanaryCanaryCanary0123456789";
    private static final ExecutorService executor = Executors.newCachedThreadPool();

    @TempDir
    Path temp;

    private Path ws;
    private Path bin;
    private ToolInvoker invoker;
    private final Redactor redactor = Redactor.builtIn().with("configured-secret-value");

    @AfterAll
    static void stop() {
        executor.shutdownNow();
    }

    @BeforeEach
    void setUp() throws Exception {
        Optional<Path> bwrap = BubblewrapProbe.find(System.getenv("PATH"));
        assumeTrue(bwrap.isPresent(), "bubblewrap is not installed: apt-get install -y bubblewrap");
        ws = Files.createDirectories(temp.resolve("ws"));
        // the process sandbox mounts a fresh /tmp, so stand-ins live under the module's target directory
        bin = Files.createTempDirectory(
                Files.createDirectories(Path.of("target").toAbsolutePath()), "standins");
        var sandbox = new ProcessSandbox(bwrap, executor, InstantSource.system(), new OutputLimits(1000, 4096));
        invoker = new ToolInvoker(
                sandbox, CommandPolicy.defaults(), Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", "/tmp"));
    }

    private static RepositoryConfig config(String yaml) {
        return ((ConfigParse.Parsed) new RepositoryConfigParser().parse(yaml)).config();
    }

    private ToolRun run(String tool, String yaml) {
        return invoker.run(
                new ToolCall("ws-1", ws, "1.2", "Add thing", tool, 0, "Task 1.2: Add thing\nbody\n", config(yaml)),
                redactor);
    }

    @Test
    void a_tool_whose_program_is_nowhere_on_the_path_is_missing_and_nothing_runs() throws Exception {
        ToolRun run = run("aider", "");

        assertThat(run.ending()).isEqualTo(ToolRun.Ending.MISSING);
        assertThat(run.ok()).isFalse();
        assertThat(run.summary())
                .isEqualTo("the tool aider cannot be started: 'aider' is not an executable file in any directory of"
                        + " the step's PATH (" + bin + ":/usr/bin:/bin); install aider on the runner's PATH (or in the"
                        + " sandbox image), or set tools.default or tools.aider.command in .clarity.yml (see"
                        + " docs/configuration.md)");
        assertThat(run.logs()).containsExactly(run.summary());
    }

    @Test
    void a_configured_command_that_is_not_executable_is_missing_naming_the_file() throws Exception {
        Files.writeString(ws.resolve("agent.sh"), "echo hi\n");

        ToolRun run = run("command", "tools:\n  command: { command: [\"./agent.sh\"] }\ncommands: [./agent.sh]\n");

        assertThat(run.ending()).isEqualTo(ToolRun.Ending.MISSING);
        assertThat(run.summary())
                .startsWith("the tool command cannot be started: './agent.sh' is not an executable file ("
                        + ws.resolve("./agent.sh") + ")")
                .endsWith("tools.command.command in .clarity.yml (see docs/configuration.md)");
    }

    @Test
    void aider_edits_files_with_the_tool_contract_and_everything_is_recorded_redacted() throws Exception {
        StandIns.write(bin, "aider", """
                echo "$@" > args.txt
                echo "$CLARITY_TASK_ID|$CLARITY_TASK_TITLE|$CLARITY_ATTEMPT" > env.txt
                head -n 1 "$CLARITY_PROMPT_FILE" > first-line.txt
                echo "using token %s and configured-secret-value"
                env | grep -c GITHUB_TOKEN || true
                """.formatted(CANARY));
        ToolRun run = run("aider", "tools:\n  aider: { model: opus }\n");

        assertThat(run.ok()).isTrue();
        assertThat(run.version()).isEqualTo("aider 9.9.9");
        assertThat(ws.resolve("env.txt")).hasContent("1.2|Add thing|0");
        assertThat(ws.resolve("first-line.txt")).hasContent("Task 1.2: Add thing");
        assertThat(Files.readString(ws.resolve("args.txt")))
                .contains("--message-file", "--yes-always", "--no-auto-commits", "--model opus");
        assertThat(run.artifacts())
                .contains(
                        "artifacts/1.2/implement-prompt.md",
                        "artifacts/1.2/implement-output.log",
                        "artifacts/1.2/implement-tool.json");
        String output = Files.readString(ws.resolve("artifacts/1.2/implement-output.log"));
        assertThat(output).contains("using token [REDACTED] and [REDACTED]").doesNotContain(CANARY);
        assertThat(String.join("\n", run.logs())).doesNotContain(CANARY).doesNotContain("configured-secret-value");
        assertThat(Files.readString(ws.resolve("artifacts/1.2/implement-tool.json")))
                .contains("\"version\" : \"aider 9.9.9\"", "\"durationMs\"");
    }

    @Test
    void a_tool_that_hangs_past_the_timeout_is_killed() throws Exception {
        StandIns.write(bin, "claude", "sleep 60");
        ToolRun run = run("claude", "sandbox:\n  timeout: 1s\n");
        assertThat(run.ok()).isFalse();
        assertThat(run.ending()).isEqualTo(ToolRun.Ending.TIMED_OUT);
        assertThat(run.summary()).contains("killed");
    }

    @Test
    void a_failing_tool_is_reported_with_its_exit_code() throws Exception {
        StandIns.write(bin, "aider", "echo broken >&2; exit 3");
        ToolRun run = run("aider", "");
        assertThat(run.ok()).isFalse();
        assertThat(run.ending()).isEqualTo(ToolRun.Ending.FAILED);
        assertThat(run.summary()).contains("exited with code 3");
        assertThat(run.logs()).contains("! broken");
    }

    @Test
    void flooding_output_is_capped() throws Exception {
        StandIns.write(bin, "aider", "yes flood | head -n 100000");
        ToolRun run = run("aider", "");
        assertThat(run.ok()).isTrue();
        assertThat(run.summary()).contains("dropped");
        assertThat(Files.readAllLines(ws.resolve("artifacts/1.2/implement-output.log")))
                .hasSizeLessThan(1100);
    }

    @Test
    void writing_outside_the_workspace_is_contained() throws Exception {
        Path outside = temp.resolve("outside.txt");
        StandIns.write(
                bin, "aider", "echo escaped > " + outside + "; echo x > /etc/clarity-escape; echo inside > in.txt");
        run("aider", "");
        assertThat(outside).doesNotExist();
        assertThat(Path.of("/etc/clarity-escape")).doesNotExist();
        assertThat(ws.resolve("in.txt")).hasContent("inside");
    }

    @Test
    void ollama_without_a_model_gateway_is_missing_and_runs_nothing() throws Exception {
        StandIns.write(bin, "ollama", "echo ran > ran.txt");

        ToolRun run = run("ollama", "");

        assertThat(run.ending()).isEqualTo(ToolRun.Ending.MISSING);
        assertThat(run.summary())
                .startsWith("the tool ollama cannot be started: ollama is reached only through the runner's model"
                        + " gateway, and this runner has none");
        assertThat(ws.resolve("ran.txt")).doesNotExist();
    }

    @Test
    void a_configured_command_off_the_allowlist_is_refused_by_name_unless_configured() throws Exception {
        StandIns.write(bin, "agent", "echo ran > ran.txt");
        ToolRun run = run("command", "tools:\n  command: { command: [\"agent\"] }\n");
        assertThat(run.ok()).isTrue();
        assertThat(ws.resolve("ran.txt")).hasContent("ran");
    }
}
