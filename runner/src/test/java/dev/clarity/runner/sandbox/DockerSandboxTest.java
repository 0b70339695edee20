package dev.clarity.runner.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DockerSandboxTest extends SandboxContract {
    private static DockerClient docker;
    private static DockerSandbox sandbox;

    @BeforeAll
    static void engine() {
        docker = TestEngine.client();
        sandbox = new DockerSandbox(
                docker, TestEngine.resources(), InstantSource.system(), OutputLimits.DEFAULT, TestEngine.OWNER);
    }

    @AfterAll
    static void close() {
        if (docker != null) {
            sandbox.close();
        }
    }

    @Override
    Sandbox sandbox() {
        return sandbox;
    }

    @Override
    Sandbox sandboxWithLimits(OutputLimits limits) {
        return new DockerSandbox(docker, TestEngine.resources(), InstantSource.system(), limits, TestEngine.OWNER);
    }

    @Test
    void containers_are_removed_after_each_step_and_leftovers_are_reaped() throws Exception {
        sandbox.run(step(java.time.Duration.ofSeconds(30), "true"), line -> {});
        assertThat(labelled()).isEmpty();

        String leftover = docker.createContainerCmd(TestEngine.resources().image())
                .withCmd("sleep", "300")
                .withLabels(Map.of(DockerSandbox.LABEL, "true", DockerSandbox.OWNER_LABEL, TestEngine.OWNER))
                .exec()
                .getId();
        docker.startContainerCmd(leftover).exec();
        assertThat(labelled()).hasSize(1);
        assertThat(sandbox.reapLeftovers()).isEqualTo(1);
        assertThat(labelled()).isEmpty();
    }

    @Test
    void containers_run_without_capabilities_without_new_privileges_as_the_runner_with_limits() throws Exception {
        var lines = new java.util.concurrent.CopyOnWriteArrayList<OutputLine>();
        sandbox.run(
                step(
                        java.time.Duration.ofSeconds(30),
                        "sh",
                        "-c",
                        "grep -E '^(CapEff|NoNewPrivs)' /proc/self/status; id -u; "
                                + "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max"),
                lines::add);
        var text = lines.stream().map(OutputLine::text).toList();
        assertThat(text).anyMatch(l -> l.matches("CapEff:\\s+0+"));
        assertThat(text).anyMatch(l -> l.matches("NoNewPrivs:\\s+1"));
        assertThat(text).contains(String.valueOf(Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid")));
        assertThat(text).contains(String.valueOf(TestEngine.resources().memoryBytes()));
    }

    @Test
    void a_step_sees_no_host_path_but_its_workspace() throws Exception {
        Path data = Files.createTempDirectory(
                Files.createDirectories(Path.of("target").toAbsolutePath()), "docker-data");
        try {
            Path ws = Files.createDirectories(data.resolve("workspaces/ws-a"));
            Path other = Files.createDirectories(data.resolve("workspaces/ws-b"));
            List<Path> secrets = new java.util.ArrayList<>(List.of(
                    TestHost.plant(Files.createDirectories(data.resolve("github-app")), "docker-key-secret\n"),
                    TestHost.plant(other, "docker-neighbour-secret\n")));
            if (TestHost.root()) {
                secrets.add(TestHost.plant(Path.of("/root"), "docker-root-secret\n"));
            }
            try {
                for (Path secret : secrets) {
                    var lines = new java.util.concurrent.CopyOnWriteArrayList<OutputLine>();
                    SandboxResult result = sandbox.run(
                            new SandboxStep(
                                    List.of("cat", secret.toString()),
                                    ws,
                                    ENV,
                                    java.time.Duration.ofSeconds(30),
                                    false,
                                    "docker-host-paths"),
                            lines::add);
                    assertThat(result.succeeded()).as("cat %s", secret).isFalse();
                    assertThat(lines).noneMatch(l -> l.text().contains("-secret"));
                }
            } finally {
                for (Path secret : secrets) {
                    Files.deleteIfExists(secret);
                }
            }
        } finally {
            try (var all = Files.walk(data)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    private static List<?> labelled() {
        return docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(DockerSandbox.LABEL, "true", DockerSandbox.OWNER_LABEL, TestEngine.OWNER))
                .exec();
    }
}
