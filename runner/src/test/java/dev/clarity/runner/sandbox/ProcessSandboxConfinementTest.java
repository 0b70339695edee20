package dev.clarity.runner.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.runner.tools.StandIns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a step in the bubblewrap sandbox cannot see. The data directory is laid out as the runner lays it out
 * ({@code <data>/workspaces/<id>}, the App's key in {@code <data>/github-app}) under the module's {@code target}
 * directory, outside {@code /tmp}, so that a sandbox showing the host's file system would show it.
 */
class ProcessSandboxConfinementTest {
    private static final ExecutorService executor = Executors.newCachedThreadPool();
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp");
    private static Path bwrap;
    private static ProcessSandbox sandbox;

    private final List<Path> planted = new ArrayList<>();
    private Path data;
    private Path workspace;
    private Path other;

    @BeforeAll
    static void start() {
        bwrap = TestHost.bwrap();
        sandbox = new ProcessSandbox(Optional.of(bwrap), executor, InstantSource.system(), OutputLimits.DEFAULT);
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
    }

    @BeforeEach
    void layOutTheDataDirectory() throws IOException {
        data = Files.createTempDirectory(
                Files.createDirectories(Path.of("target").toAbsolutePath()), "sandbox-data");
        workspace = Files.createDirectories(data.resolve("workspaces/ws-a"));
        other = Files.createDirectories(data.resolve("workspaces/ws-b"));
        Files.createDirectories(data.resolve("github-app"));
    }

    @AfterEach
    void removePlantedFiles() throws IOException {
        for (Path file : planted) {
            Files.deleteIfExists(file);
        }
        try (Stream<Path> all = Files.walk(data)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private record Attempt(SandboxResult result, List<String> output) {
        String text() {
            return String.join("\n", output);
        }
    }

    private Attempt run(Map<String, String> env, String... argv) {
        List<String> lines = new CopyOnWriteArrayList<>();
        SandboxResult result = sandbox.run(
                new SandboxStep(List.of(argv), workspace, env, Duration.ofSeconds(30), false, "confinement"),
                line -> lines.add(line.text()));
        return new Attempt(result, lines);
    }

    private Path plant(Path dir) {
        Path file = TestHost.plant(dir, "planted-secret-" + UUID.randomUUID() + "\n");
        planted.add(file);
        return file;
    }

    private void assertUnreadable(Path file) throws IOException {
        String secret = Files.readString(file).strip();
        Attempt attempt = run(ENV, "cat", file.toString());
        assertThat(attempt.result().succeeded())
                .as("cat %s: %s", file, attempt.text())
                .isFalse();
        assertThat(attempt.text()).doesNotContain(secret);
    }

    @Test
    void a_tool_cannot_read_a_file_in_roots_home() throws Exception {
        assertUnreadable(plant(Path.of("/root")));
    }

    @Test
    void a_tool_cannot_read_a_file_under_home() throws Exception {
        assertUnreadable(plant(Path.of("/home")));
    }

    @Test
    void a_tool_cannot_read_a_file_under_var() throws Exception {
        assertUnreadable(plant(Path.of("/var/tmp")));
    }

    @Test
    void a_tool_cannot_read_the_data_directory() throws Exception {
        assertUnreadable(plant(data.resolve("github-app")));
        assertUnreadable(plant(data));
    }

    @Test
    void a_tool_cannot_read_another_workspace() throws Exception {
        assertUnreadable(plant(other));
        assertThat(run(ENV, "ls", other.toString()).text()).doesNotContain("clarity-sandbox-test-");
    }

    @Test
    void a_tool_cannot_read_password_hashes_sudoers_or_private_keys_under_etc() throws Exception {
        TestHost.require(TestHost.root(), "the test reads /etc/shadow to compare (it needs root)");
        for (String name : List.of("/etc/shadow", "/etc/gshadow", "/etc/sudoers")) {
            Path file = Path.of(name);
            if (!Files.exists(file)) {
                continue;
            }
            Attempt attempt = run(ENV, "cat", name);
            assertThat(attempt.result().succeeded()).as("cat %s", name).isFalse();
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank()) {
                    assertThat(attempt.output()).doesNotContain(line);
                }
            }
        }
        assertUnreadable(plant(Path.of("/etc/ssl/private")));
    }

    @Test
    void the_tool_runs_as_an_unprivileged_user_without_capabilities() {
        Attempt attempt = run(ENV, "sh", "-c", "id -u; id -g; grep -E '^Cap(Eff|Prm|Bnd)' /proc/self/status");
        assertThat(attempt.output()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(attempt.output().get(0)).isNotEqualTo("0").isEqualTo(Integer.toString(BubblewrapCommand.STEP_ID));
        assertThat(attempt.output().get(1)).isNotEqualTo("0");
        assertThat(attempt.output().subList(2, attempt.output().size())).allMatch(l -> l.matches("Cap\\w+:\\s+0+"));
    }

    @Test
    void a_tool_cannot_create_user_namespaces_of_its_own() {
        TestHost.require(
                BubblewrapProbe.canDisableUserNamespaces(bwrap),
                "this bubblewrap is older than 0.8 (--disable-userns)");
        Attempt attempt = run(ENV, "sh", "-c", "unshare -U -r id -u && echo NESTED");
        assertThat(attempt.output()).doesNotContain("NESTED");
    }

    @Test
    void programs_on_the_steps_path_stay_reachable_and_home_is_writable(@TempDir Path temp) throws Exception {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        StandIns.write(bin, "probe", "echo probe ran; echo kept > \"$HOME/note\" && cat \"$HOME/note\"");
        Path outside = Path.of("/home/clarity-step-" + UUID.randomUUID());
        for (String home : List.of(outside.toString(), "/tmp/clarity-step/home")) {
            Attempt attempt = run(Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", home), "probe");
            assertThat(attempt.result().succeeded())
                    .as("HOME=%s: %s", home, attempt.text())
                    .isTrue();
            assertThat(attempt.output()).containsExactly("probe ran", "kept");
        }
        assertThat(outside).doesNotExist();
    }

    @Test
    void path_directories_that_are_or_hold_places_a_step_must_not_see_are_not_shown() throws Exception {
        Path key = plant(data.resolve("github-app"));
        Path neighbour = plant(other);
        Path home = TestHost.root() ? plant(Path.of("/root")) : plant(Path.of("/var/tmp"));
        String path = String.join(":", "/", "/root", "/var", data.toString(), other.toString(), "/usr/bin", "/bin");
        for (Path file : List.of(key, neighbour, home)) {
            String secret = Files.readString(file).strip();
            Attempt attempt = run(Map.of("PATH", path, "HOME", "/tmp"), "cat", file.toString());
            assertThat(attempt.result().succeeded()).as("cat %s", file).isFalse();
            assertThat(attempt.text()).doesNotContain(secret);
        }
    }
}
