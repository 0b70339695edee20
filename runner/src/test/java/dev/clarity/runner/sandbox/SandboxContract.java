package dev.clarity.runner.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clarity.runner.workspace.IsolatedGitConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every sandbox guarantees; subclasses supply the sandbox. */
abstract class SandboxContract {
    static final Map<String, String> ENV = Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/tmp");

    @TempDir
    Path temp;

    @BeforeAll
    static void isolateGit() {
        IsolatedGitConfig.install();
    }

    abstract Sandbox sandbox();

    abstract Sandbox sandboxWithLimits(OutputLimits limits);

    Path workspace() throws IOException {
        return Files.createDirectories(temp.resolve("ws"));
    }

    SandboxStep step(Duration timeout, String... argv) throws IOException {
        return new SandboxStep(
                List.of(argv),
                workspace(),
                ENV,
                timeout,
                false,
                "ws-" + getClass().getSimpleName());
    }

    @Test
    void stdout_and_stderr_are_streamed_line_by_line_and_the_exit_code_comes_back() throws Exception {
        List<OutputLine> lines = new CopyOnWriteArrayList<>();
        SandboxResult result = sandbox()
                .run(
                        step(Duration.ofSeconds(30), "sh", "-c", "echo one; echo two >&2; echo three; exit 3"),
                        lines::add);
        assertThat(result.ending()).isEqualTo(SandboxResult.Ending.EXITED);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(lines)
                .contains(
                        new OutputLine(OutputLine.Stream.STDOUT, "one"),
                        new OutputLine(OutputLine.Stream.STDERR, "two"),
                        new OutputLine(OutputLine.Stream.STDOUT, "three"));
    }

    @Test
    void only_the_workspace_is_writable_and_files_there_belong_to_the_runner() throws Exception {
        List<OutputLine> lines = new CopyOnWriteArrayList<>();
        SandboxResult result = sandbox()
                .run(
                        step(
                                Duration.ofSeconds(30),
                                "sh",
                                "-c",
                                "echo hi > made.txt; touch /etc/clarity-escape && echo ESCAPED; touch /usr/clarity-escape && echo ESCAPED; exit 0"),
                        lines::add);
        assertThat(result.succeeded()).isTrue();
        assertThat(workspace().resolve("made.txt")).hasContent("hi");
        assertThat(Files.getAttribute(workspace().resolve("made.txt"), "unix:uid"))
                .isEqualTo(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        assertThat(lines).noneMatch(l -> l.text().contains("ESCAPED"));
        assertThat(Path.of("/etc/clarity-escape")).doesNotExist();
    }

    @Test
    void a_step_reads_no_input_so_a_program_that_waits_for_the_end_of_its_input_does_not_hang() throws Exception {
        // codex exec, given its prompt as an argument, still reads standard input to its end when it is no terminal
        List<OutputLine> lines = new CopyOnWriteArrayList<>();
        SandboxResult result =
                sandbox().run(step(Duration.ofSeconds(20), "sh", "-c", "cat; echo read-all"), lines::add);
        assertThat(result.ending()).isEqualTo(SandboxResult.Ending.EXITED);
        assertThat(lines).containsExactly(new OutputLine(OutputLine.Stream.STDOUT, "read-all"));
    }

    @Test
    void a_step_past_its_timeout_is_killed() throws Exception {
        long start = System.nanoTime();
        SandboxResult result = sandbox().run(step(Duration.ofSeconds(1), "sleep", "60"), line -> {});
        assertThat(result.ending()).isEqualTo(SandboxResult.Ending.TIMED_OUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void cancel_kills_the_running_step_within_five_seconds() throws Exception {
        CompletableFuture<Void> started = new CompletableFuture<>();
        SandboxStep step = step(Duration.ofSeconds(120), "sh", "-c", "echo started; sleep 100");
        CompletableFuture<SandboxResult> result =
                CompletableFuture.supplyAsync(() -> sandbox().run(step, line -> {
                    if (line.text().equals("started")) {
                        started.complete(null);
                    }
                }));
        started.get(30, TimeUnit.SECONDS);
        long cancelledAt = System.nanoTime();
        sandbox().cancel(step.label());
        assertThat(result.get(5, TimeUnit.SECONDS).ending()).isEqualTo(SandboxResult.Ending.CANCELLED);
        assertThat(Duration.ofNanos(System.nanoTime() - cancelledAt)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void a_busy_step_reports_its_cpu_and_memory_under_its_workspace_and_nothing_once_it_ended() throws Exception {
        assertThat(sandbox().usage()).isEmpty();
        CompletableFuture<Void> started = new CompletableFuture<>();
        // about 16 MB held in a shell variable, then a busy loop until the step is cancelled
        SandboxStep step = step(
                Duration.ofSeconds(120),
                "sh",
                "-c",
                "x=$(head -c 16000000 /dev/zero | tr '\\0' a); echo started; while :; do :; done");
        CompletableFuture<SandboxResult> result =
                CompletableFuture.supplyAsync(() -> sandbox().run(step, line -> {
                    if (line.text().equals("started")) {
                        started.complete(null);
                    }
                }));
        try {
            started.get(30, TimeUnit.SECONDS);
            List<dev.clarity.runner.api.StepUsage> usage = awaitUsage(u -> u.size() == 1
                    && u.getFirst().cpuSeconds() > 0
                    && u.getFirst().cpuPercent() > 0);
            var only = usage.getFirst();
            assertThat(only.workspaceId()).isEqualTo(step.label());
            // one busy core, measured over whatever interval: above a trickle, within what this machine has
            assertThat(only.cpuPercent())
                    .isGreaterThan(5)
                    .isLessThanOrEqualTo(Runtime.getRuntime().availableProcessors() * 100.0 + 10);
            assertThat(only.memoryBytes()).isBetween(16_000_000L, 1L << 30);
        } finally {
            sandbox().cancel(step.label());
            result.get(30, TimeUnit.SECONDS);
        }
        assertThat(sandbox().usage()).isEmpty();
    }

    /** Reads the usage until it matches (a first reading may come before the step has spent a measurable tick). */
    private List<dev.clarity.runner.api.StepUsage> awaitUsage(
            java.util.function.Predicate<List<dev.clarity.runner.api.StepUsage>> ready) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<dev.clarity.runner.api.StepUsage> usage = sandbox().usage();
        while (!ready.test(usage)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the running step's usage never showed CPU and memory: " + usage);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(
                    Duration.ofMillis(50).toNanos()); // re-read, bounded
            usage = sandbox().usage();
        }
        return usage;
    }

    @Test
    void the_network_is_unreachable_without_egress() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> {
                try (var socket = server.accept()) {
                    socket.getOutputStream()
                            .write("HTTP/1.0 200 OK\r\n\r\nREACHED\n"
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // closed at the end of the test
                }
            });
            List<OutputLine> lines = new CopyOnWriteArrayList<>();
            sandbox()
                    .run(
                            step(
                                    Duration.ofSeconds(30),
                                    "sh",
                                    "-c",
                                    "busybox wget -q -T 3 -O - http://127.0.0.1:" + server.getLocalPort()
                                            + "/; echo done"),
                            lines::add);
            assertThat(lines).extracting(OutputLine::text).contains("done").doesNotContain("REACHED");
        }
    }

    /**
     * With {@code direct}, the gateway takes the listening socket the sandbox's helper hands over and accepts the
     * tool's connections itself: no forwarder runs in the sandbox. Without, socat forwards to the gateway's socket.
     */
    @ParameterizedTest(name = "direct path: {0}")
    @ValueSource(booleans = {false, true})
    void a_step_with_the_model_gateway_reaches_it_on_its_own_loopback_and_no_other_address(boolean direct)
            throws Exception {
        if (direct) {
            assumeTrue(ListenHelper.binary().isPresent(), "the direct path needs a C compiler to build its helper");
        }
        try (ServerSocket hostService = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
                var models = dev.clarity.testkit.providers.ScriptedModelServer.start()) {
            CompletableFuture.runAsync(() -> {
                try (var socket = hostService.accept()) {
                    socket.getOutputStream()
                            .write("HTTP/1.0 200 OK\r\n\r\nREACHED\n"
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                } catch (IOException ignored) {
                    // closed at the end of the test
                }
            });
            var gateway = new dev.clarity.runner.gateway.ModelGateway(
                    new dev.clarity.runner.gateway.EnvironmentProviderKeys(Map.of(
                            "ANTHROPIC_API_KEY",
                            "sk-ant-host-key",
                            "ANTHROPIC_BASE_URL",
                            models.baseUrl().toString())),
                    temp.resolve("gw"),
                    () -> "step-token-1",
                    direct);
            try (var endpoint = gateway.open("ws", 0)) {
                assertThat(endpoint.handoff().isPresent()).isEqualTo(direct);
                int port = sandbox().gatewayPort(endpoint.hostPort());
                String body = "{\"model\":\"m\",\"max_tokens\":5,\"messages\":[]}";
                String request = "POST /anthropic/v1/messages HTTP/1.1\\r\\nHost: gateway\\r\\nx-api-key: step-token-1"
                        + "\\r\\nContent-Type: application/json\\r\\nConnection: close\\r\\nContent-Length: "
                        + body.length() + "\\r\\n\\r\\n" + body;
                // busybox nc: wget of Debian's busybox-static crashes on this host
                String get = "GET / HTTP/1.0\\r\\n\\r\\n";
                String script = "printf '" + request + "' | busybox nc -w 5 127.0.0.1 " + port
                        + "; echo; echo gateway-done;"
                        // how many forwarders run in the sandbox (a container starts socat through its loader)
                        + " echo forwarders: $(cat /proc/[0-9]*/comm | grep -c -x -e socat -e ld-linux.so);"
                        + " printf '" + get + "' | busybox nc -w 3 127.0.0.1 " + hostService.getLocalPort() + ";"
                        + " printf '" + get + "' | busybox nc -w 3 127.0.0.1 " + endpoint.hostPort()
                        + " && echo REACHED-HOST-PORT;"
                        + " printf '" + get + "' | busybox nc -w 3 127.0.0.1 "
                        + models.baseUrl().getPort()
                        + " && echo REACHED-UPSTREAM;"
                        + " printf '" + get + "' | busybox nc -w 3 1.1.1.1 80 && echo REACHED-INTERNET; echo done";
                Map<String, String> env = new TreeMap<>(ENV);
                env.put("HOME", "/tmp/home");
                List<OutputLine> lines = new CopyOnWriteArrayList<>();
                SandboxResult result = sandbox()
                        .run(
                                new SandboxStep(
                                        List.of("sh", "-c", script),
                                        workspace(),
                                        env,
                                        Duration.ofSeconds(60),
                                        false,
                                        "ws-gateway",
                                        endpoint.socket()),
                                lines::add);

                assertThat(result.ending()).as("%s", lines).isEqualTo(SandboxResult.Ending.EXITED);
                assertThat(lines)
                        .extracting(OutputLine::text)
                        .contains("gateway-done", "done")
                        // socat forks a child per connection, which may not have ended yet when they are counted
                        .anyMatch(line -> line.matches(direct ? "forwarders: 0" : "forwarders: [1-9]"))
                        .anyMatch(line -> line.contains("\"input_tokens\""))
                        .noneMatch(line -> line.contains("REACHED"));
                assertThat(models.requests()).hasSize(1);
                assertThat(models.requests().get(0).header("x-api-key")).isEqualTo("sk-ant-host-key");
                assertThat(endpoint.usage()).hasSize(1);
                assertThat(dev.clarity.runner.gateway.GatewayStep.handoffFor(endpoint.socket()))
                        .as("the handoff socket is gone once used")
                        .doesNotExist();
            } finally {
                gateway.close();
            }
        }
    }

    @Test
    void the_environment_is_exactly_what_the_step_gives() throws Exception {
        List<OutputLine> lines = new CopyOnWriteArrayList<>();
        sandbox().run(step(Duration.ofSeconds(30), "sh", "-c", "env"), lines::add);
        List<String> names = lines.stream().map(l -> l.text().split("=", 2)[0]).toList();
        assertThat(names).contains("PATH", "HOME");
        assertThat(names)
                .allMatch(
                        n -> ENV.containsKey(n)
                                || List.of("PWD", "SHLVL", "HOSTNAME", "_", "TERM", "container")
                                        .contains(n),
                        "only the step's variables (and those the shell sets itself)");
    }

    @Test
    void output_beyond_the_limit_is_dropped_and_reported() throws Exception {
        List<OutputLine> lines = new CopyOnWriteArrayList<>();
        SandboxResult result = sandboxWithLimits(new OutputLimits(100, 64))
                .run(
                        step(
                                Duration.ofSeconds(60),
                                "sh",
                                "-c",
                                "yes 0123456789012345678901234567890123456789012345678901234567890123456789 | head -n 50000"),
                        lines::add);
        assertThat(result.succeeded()).isTrue();
        assertThat(result.outputTruncated()).isTrue();
        assertThat(lines).hasSize(100).allMatch(l -> l.text().length() <= 64);
    }

    /** Makes the workspace a git repository with one commit; returns a snapshot of every file under {@code .git}. */
    Map<String, String> commitInWorkspace() throws Exception {
        Path ws = workspace();
        try (Git git =
                Git.init().setDirectory(ws.toFile()).setInitialBranch("main").call()) {
            Files.writeString(ws.resolve("README.md"), "# shop\n");
            git.add().addFilepattern("README.md").call();
            PersonIdent ana = new PersonIdent("Ana", "ana@example.com");
            git.commit()
                    .setMessage("first")
                    .setAuthor(ana)
                    .setCommitter(ana)
                    .setSign(false)
                    .call();
        }
        Files.createDirectories(ws.resolve(".git/hooks"));
        return gitFiles();
    }

    /** Every path under {@code .git} with its content (directories with an empty string). */
    Map<String, String> gitFiles() throws IOException {
        Path git = workspace().resolve(".git");
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(git)) {
            for (Path p : all.toList()) {
                files.put(
                        git.relativize(p).toString(),
                        Files.isDirectory(p) ? "" : java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    List<String> run(String script) throws IOException {
        List<OutputLine> lines = new CopyOnWriteArrayList<>();
        sandbox().run(step(Duration.ofSeconds(30), "sh", "-c", script), lines::add);
        return lines.stream().map(OutputLine::text).toList();
    }

    @Test
    void a_tool_cannot_write_a_git_hook() throws Exception {
        Map<String, String> before = commitInWorkspace();
        List<String> out = run("printf '#!/bin/sh\\necho pwned\\n' > .git/hooks/pre-commit && echo WROTE");
        assertThat(out).doesNotContain("WROTE");
        assertThat(workspace().resolve(".git/hooks/pre-commit")).doesNotExist();
        assertThat(gitFiles()).isEqualTo(before);
    }

    @Test
    void a_tool_cannot_append_to_the_git_config() throws Exception {
        Map<String, String> before = commitInWorkspace();
        List<String> out =
                run("printf '[filter \\\"x\\\"]\\n\\tclean = touch /tmp/pwned\\n' >> .git/config && echo WROTE");
        assertThat(out).doesNotContain("WROTE");
        assertThat(workspace().resolve(".git/config")).content().doesNotContain("filter");
        assertThat(gitFiles()).isEqualTo(before);
    }

    @Test
    void a_tool_cannot_remove_the_git_directory() throws Exception {
        Map<String, String> before = commitInWorkspace();
        List<String> out = run("rm -rf .git; test -e .git/HEAD || echo REMOVED");
        assertThat(out).doesNotContain("REMOVED");
        assertThat(gitFiles()).isEqualTo(before);
    }

    @Test
    void a_tool_cannot_move_the_git_directory_away() throws Exception {
        Map<String, String> before = commitInWorkspace();
        List<String> out = run("mv .git moved && echo MOVED; mkdir -p .git/hooks && echo x > .git/hooks/pre-push");
        assertThat(out).doesNotContain("MOVED");
        assertThat(workspace().resolve("moved")).doesNotExist();
        assertThat(gitFiles()).isEqualTo(before);
    }

    @Test
    void a_tool_cannot_change_refs_objects_or_the_index() throws Exception {
        Map<String, String> before = commitInWorkspace();
        run("echo 0000000000000000000000000000000000000000 > .git/refs/heads/main; rm -f .git/index; "
                + "rm -rf .git/objects/*; mkdir .git/refs/heads/evil; echo x > .git/info/attributes; "
                + "echo changed > README.md");
        assertThat(gitFiles()).isEqualTo(before);
        assertThat(workspace().resolve("README.md")).hasContent("changed");
    }

    @Test
    void a_link_in_the_work_tree_does_not_reach_around_the_read_only_git_directory() throws Exception {
        Map<String, String> before = commitInWorkspace();
        List<String> out = run("ln -s .git gitlink && echo x > gitlink/hooks/post-commit && echo WROTE;"
                + " ln -s .git/config configlink && echo '[core] hooksPath = /tmp' >> configlink && echo WROTE");
        assertThat(out).doesNotContain("WROTE");
        assertThat(gitFiles()).isEqualTo(before);
    }

    @Test
    void a_workspace_whose_git_directory_is_a_link_is_refused() throws Exception {
        Path elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        Files.writeString(elsewhere.resolve("config"), "[core]\n\tsecret = linked-git-secret-81\n");
        Files.createSymbolicLink(workspace().resolve(".git"), elsewhere);
        List<OutputLine> lines = new CopyOnWriteArrayList<>();
        SandboxResult result =
                sandbox().run(step(Duration.ofSeconds(30), "sh", "-c", "cat .git/config; echo RAN"), lines::add);
        assertThat(result.succeeded()).isFalse();
        assertThat(lines)
                .extracting(OutputLine::text)
                .doesNotContain("RAN")
                .noneMatch(l -> l.contains("linked-git-secret-81"))
                .anyMatch(l -> l.contains("refused") && l.contains(".git is a symbolic link"));
    }
}
