package dev.clarity.bot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import dev.clarity.runner.sandbox.DockerSandbox;
import dev.clarity.runner.sandbox.EngineProbe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Builds {@code deploy/Dockerfile} — the published recipe, unchanged — on a base made from local parts
 * ({@link LocalJreImage}) through the engine's API, and runs both of its commands under the engine. Needs the
 * packaged jar ({@code bot/target/clarity.jar}, made by the {@code package} phase before this runs) and a container
 * engine: skipped with a message without one, required in CI ({@code CLARITY_REQUIRE_ENGINE=1}).
 */
final class ImageIT {
    static final String IMAGE = "localhost/clarity:it";
    private static final String OWNER =
            "clarity-image-it-" + ProcessHandle.current().pid();
    private static final String TOKEN = "image-test-runner-token-0123456789";

    @TempDir
    static Path scratch;

    private static DockerClient docker;
    private static final List<String> containers = new ArrayList<>();

    @BeforeAll
    static void build() throws Exception {
        docker = engine();
        LocalJreImage.ensure(docker, scratch);
        Path context = context(repositoryRoot(), scratch.resolve("clarity-context.tar"));
        try (InputStream in = Files.newInputStream(context)) {
            docker.buildImageCmd(in)
                    .withDockerfilePath("deploy/Dockerfile")
                    .withBuildArg("BASE", LocalJreImage.TAG)
                    .withTags(Set.of(IMAGE))
                    .withPull(false)
                    .exec(new BuildImageResultCallback())
                    .awaitImageId();
        }
    }

    @AfterAll
    static void removeContainers() {
        if (docker != null) {
            for (String id : containers) {
                docker.removeContainerCmd(id)
                        .withForce(true)
                        .withRemoveVolumes(true)
                        .exec();
            }
        }
    }

    @Test
    void serve_with_its_embedded_database_answers_healthz_as_a_user_who_is_not_root() throws Exception {
        Container serve = Container.start(docker, IMAGE, List.of("serve"), Map.of(), OWNER);
        containers.add(serve.id());

        serve.awaitHealthy(Duration.ofMinutes(4));

        assertThat(serve.exec("wget", "-q", "-O", "-", "http://127.0.0.1:8080/healthz")
                        .output())
                .contains("\"status\":\"ok\"")
                .contains("\"database\":\"up\"");
        assertThat(serve.exec("id", "-u").output().strip()).isEqualTo("10001");
    }

    @Test
    void runner_answers_healthz_with_the_process_sandbox() throws Exception {
        Container runner = Container.start(
                docker,
                IMAGE,
                List.of("runner"),
                Map.of("CLARITY_RUNNER_TOKEN", TOKEN, "CLARITY_SANDBOX", "process"),
                OWNER);
        containers.add(runner.id());

        runner.awaitHealthy(Duration.ofMinutes(2));

        assertThat(runner.exec("wget", "-q", "-O", "-", "http://127.0.0.1:9001/healthz")
                        .exitCode())
                .isZero();
        assertThat(runner.exec("id", "-u").output().strip()).isEqualTo("10001");
    }

    @Test
    void the_image_declares_its_user_healthcheck_and_data_volume_and_its_size_is_printed() {
        InspectImageResponse image = docker.inspectImageCmd(IMAGE).exec();
        InspectImageResponse base = docker.inspectImageCmd(LocalJreImage.TAG).exec();

        assertThat(image.getConfig().getUser()).isEqualTo("10001:10001");
        assertThat(image.getConfig().getVolumes()).containsKey("/var/lib/clarity");
        assertThat(image.getConfig().getEntrypoint()).containsExactly("/usr/local/bin/clarity");
        System.out.printf(
                "ImageIT: image %s is %d MiB (local base %d MiB, Clarity's layers %d MiB)%n",
                IMAGE, image.getSize() >> 20, base.getSize() >> 20, (image.getSize() - base.getSize()) >> 20);
    }

    @Test
    void clarity_run_in_the_image_completes_a_task_list_with_bubblewrap_when_proc_is_unmasked() throws Exception {
        byte[] repository = repository(scratch.resolve("repo"));
        String id = docker.createContainerCmd(IMAGE)
                .withCmd("run", "/tmp/repo", "--json")
                .withEnv("CLARITY_SANDBOX=process")
                .withLabels(Map.of("clarity.owner", OWNER))
                // bubblewrap mounts a fresh /proc, which the engine refuses while parts of /proc are masked
                .withHostConfig(HostConfig.newHostConfig().withSecurityOpts(List.of("unmask=ALL")))
                .exec()
                .getId();
        containers.add(id);
        docker.copyArchiveToContainerCmd(id)
                .withTarInputStream(new java.io.ByteArrayInputStream(repository))
                .withRemotePath("/tmp")
                .exec();
        docker.startContainerCmd(id).exec();

        int exit = docker.waitContainerCmd(id)
                .exec(new com.github.dockerjava.api.command.WaitContainerResultCallback())
                .awaitStatusCode(5, java.util.concurrent.TimeUnit.MINUTES);

        String[] output = output(id);
        assertThat(exit).as(output[1]).isZero();
        assertThat(output[0]).contains("\"badge\":\"COMPLETED\"").contains("\"1.1.B\"");
        assertThat(output[1]).doesNotContain("no filesystem or network isolation");
    }

    private static String[] output(String id) throws InterruptedException {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        docker.logContainerCmd(id)
                .withStdOut(true)
                .withStdErr(true)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        synchronized (out) {
                            (frame.getStreamType() == com.github.dockerjava.api.model.StreamType.STDERR ? err : out)
                                    .append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                        }
                    }
                })
                .awaitCompletion();
        synchronized (out) {
            return new String[] {out.toString(), err.toString()};
        }
    }

    /** A git repository with a two-item task list and a stand-in agent, as a tar owned by the image's user. */
    private static byte[] repository(Path dir) throws Exception {
        Files.createDirectories(dir);
        try (org.eclipse.jgit.api.Git git = org.eclipse.jgit.api.Git.init()
                .setDirectory(dir.toFile())
                .setInitialBranch("main")
                .call()) {
            Files.writeString(dir.resolve("tasks_list.md"), PLAN);
            Files.writeString(dir.resolve("agent.sh"), AGENT);
            Files.writeString(dir.resolve(".clarity.yml"), """
                    tools:
                      default: command
                      command: { command: ["sh", "agent.sh"] }
                    commands: [sh]
                    checks:
                      test: [["sh", "-c", "test -f tasks_list.md"]]
                    """);
            git.add().addFilepattern(".").call();
            var ident = new org.eclipse.jgit.lib.PersonIdent("Planner", "planner@example.com");
            git.commit()
                    .setMessage("Plan")
                    .setAuthor(ident)
                    .setCommitter(ident)
                    .setSign(false)
                    .call();
        }
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(buffer);
                Stream<Path> walk = Files.walk(dir)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                String name = "repo/" + dir.relativize(p) + (Files.isDirectory(p) ? "/" : "");
                TarArchiveEntry entry = new TarArchiveEntry(p.toFile(), name.replace("repo//", "repo/"));
                entry.setIds(10001, 10001);
                entry.setMode(Files.isDirectory(p) ? 0755 : 0644);
                tar.putArchiveEntry(entry);
                if (Files.isRegularFile(p)) {
                    Files.copy(p, tar);
                }
                tar.closeArchiveEntry();
            }
        }
        return buffer.toByteArray();
    }

    private static final String PLAN = """
            # Demo
            ## Phase 1 — Greeting
            - 1.1 Greeting
              - 1.1.1 Add hello file
              - 1.1.2 Add world file (Dependencies: 1.1.1)
              - 1.1.B Verify correctness of Task 1.1
                - <criterion key="files.hello" kind="test" check="file" args="hello.txt" />
                - <criterion key="files.world" kind="test" check="file" args="world.txt" />
            """;

    private static final String AGENT = """
            #!/bin/sh
            case "$CLARITY_TASK_ID" in
              1.1.1) echo hello > hello.txt ;;
              1.1.2) echo world > world.txt ;;
            esac
            """;

    /** The engine, or the test is skipped with a message saying how to start one (failed in CI). */
    private static DockerClient engine() {
        Optional<String> host = EngineProbe.find(Optional.ofNullable(System.getenv("DOCKER_HOST")));
        if (host.isEmpty() && "1".equals(System.getenv("CLARITY_REQUIRE_ENGINE"))) {
            throw new IllegalStateException(
                    "CI requires the image test, but no engine answers at " + System.getenv("DOCKER_HOST"));
        }
        assumeTrue(
                host.isPresent(),
                "No container engine answers (DOCKER_HOST unset or silent), so the image is not built. Start one with: "
                        + "podman system service --time=0 unix:///run/clarity-podman.sock & "
                        + "export DOCKER_HOST=unix:///run/clarity-podman.sock");
        return DockerSandbox.client(host.get());
    }

    private static Path repositoryRoot() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("deploy/Dockerfile"))) {
                Path jar = p.resolve("bot/target/clarity.jar");
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalStateException(jar + " is missing: run ./mvnw -DskipTests package first");
                }
                return p;
            }
        }
        throw new IllegalStateException("no deploy/Dockerfile above " + here);
    }

    /**
     * The build context: what {@code docker build -f deploy/Dockerfile .} sends after {@code .dockerignore} — the
     * Dockerfile, the ignore file, the healthcheck, clarity-listen's source, the jar and its libraries less the ignored
     * ones.
     */
    static Path context(Path root, Path tarFile) throws IOException {
        List<PathMatcher> ignored = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve(".dockerignore"))) {
            if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("!") && !line.equals("*")) {
                ignored.add(FileSystems.getDefault().getPathMatcher("glob:" + line.strip()));
            }
        }
        List<String> files = new ArrayList<>(List.of(
                "deploy/Dockerfile",
                ".dockerignore",
                "deploy/clarity-healthcheck",
                "runner/src/main/resources/dev/clarity/runner/sandbox/clarity-listen.c",
                "bot/target/clarity.jar"));
        try (Stream<Path> libs = Files.list(root.resolve("bot/target/lib"))) {
            libs.map(p -> root.relativize(p).toString()).sorted().forEach(files::add);
        }
        try (OutputStream out = Files.newOutputStream(tarFile);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String name : files) {
                if (ignored.stream().anyMatch(m -> m.matches(Path.of(name)))) {
                    continue;
                }
                Path file = root.resolve(name);
                TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), name);
                entry.setMode(Files.isExecutable(file) ? 0755 : 0644);
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
        }
        return tarFile;
    }

    /** A started container of the image, its output kept, with exec and a health wait. */
    record Container(DockerClient docker, String id, StringBuilder buffer) {
        static Container start(
                DockerClient docker, String image, List<String> command, Map<String, String> env, String owner) {
            List<String> variables = env.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .toList();
            String id = docker.createContainerCmd(image)
                    .withCmd(command)
                    .withEnv(variables)
                    .withLabels(Map.of("clarity.owner", owner))
                    .withHostConfig(HostConfig.newHostConfig())
                    .exec()
                    .getId();
            docker.startContainerCmd(id).exec();
            Container c = new Container(docker, id, new StringBuilder());
            docker.logContainerCmd(id)
                    .withFollowStream(true)
                    .withStdOut(true)
                    .withStdErr(true)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            synchronized (c.buffer) {
                                c.buffer.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                                c.buffer.notifyAll();
                            }
                        }
                    });
            return c;
        }

        /**
         * Runs the image's own healthcheck inside the container until it passes; woken by every line the container
         * prints (and at least once a second). Fails with the container's output when it stops or the time is up.
         */
        void awaitHealthy(Duration limit) throws InterruptedException {
            long deadline = System.nanoTime() + limit.toNanos();
            while (true) {
                if (exec("/usr/local/bin/clarity-healthcheck").exitCode() == 0) {
                    return;
                }
                Boolean running =
                        docker.inspectContainerCmd(id).exec().getState().getRunning();
                if (!Boolean.TRUE.equals(running) || System.nanoTime() > deadline) {
                    throw new AssertionError("the container did not become healthy (running: " + running
                            + "); its output:\n" + String.join("", output(id)));
                }
                synchronized (buffer) {
                    buffer.wait(1000);
                }
            }
        }

        String logs() {
            synchronized (buffer) {
                return buffer.toString();
            }
        }

        Exec exec(String... command) throws InterruptedException {
            String exec = docker.execCreateCmd(id)
                    .withCmd(command)
                    .withAttachStdout(true)
                    .withAttachStderr(true)
                    .exec()
                    .getId();
            StringBuilder out = new StringBuilder();
            docker.execStartCmd(exec)
                    .exec(new ResultCallback.Adapter<Frame>() {
                        @Override
                        public void onNext(Frame frame) {
                            synchronized (out) {
                                out.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                            }
                        }
                    })
                    .awaitCompletion();
            Long code = docker.inspectExecCmd(exec).exec().getExitCodeLong();
            synchronized (out) {
                return new Exec(code == null ? -1 : code.intValue(), out.toString());
            }
        }
    }

    record Exec(int exitCode, String output) {}
}
