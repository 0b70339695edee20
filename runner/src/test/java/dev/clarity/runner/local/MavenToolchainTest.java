package dev.clarity.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clarity.runner.api.VerifyRequest;
import dev.clarity.runner.api.VerifyResult;
import dev.clarity.runner.sandbox.BubblewrapProbe;
import dev.clarity.runner.sandbox.OutputLimits;
import dev.clarity.runner.sandbox.ProcessSandbox;
import dev.clarity.runner.sandbox.Sandbox;
import dev.clarity.runner.toolchain.DependencyCaches;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import dev.clarity.testkit.git.SmartHttpGitServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Maven project's tests through the runner in the process sandbox (bubblewrap, with the host's {@code mvn}
 * and JDK): setup and tests run offline with the repository's own cache, which a fixture step filled; and the host's
 * {@code ~/.m2} is never where a step's Maven looks, with or without bubblewrap.
 */
class MavenToolchainTest {
    static final String CONFIG = """
            checks:
              setup: [["mvn", "-B", "-q", "-o", "validate"]]
              test: [["mvn", "-B", "-q", "-o", "test"]]
            """;

    @TempDir
    Path temp;

    private SmartHttpGitServer git;
    private ToolchainFixture fixture;
    private ExecutorService executor;
    private Path data;

    @BeforeAll
    static void isolate() {
        IsolatedGitConfig.install();
    }

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/mvn")), "Maven is not installed at /usr/bin/mvn");
        assumeTrue(Files.isDirectory(TinyMavenProject.HOST_REPOSITORY), "no ~/.m2/repository to seed from");
        executor = Executors.newCachedThreadPool();
        git = SmartHttpGitServer.start(Files.createDirectories(temp.resolve("server")));
        fixture = new ToolchainFixture(git, temp);
        data = Files.createTempDirectory(
                Files.createDirectories(Path.of("target").toAbsolutePath()), "maven-data");
    }

    @AfterEach
    void stop() throws Exception {
        if (git != null) {
            git.close();
            executor.shutdownNow();
            TinyMavenProject.delete(data);
        }
    }

    private Sandbox bubblewrap() {
        Optional<Path> bwrap = BubblewrapProbe.find(System.getenv("PATH"));
        assumeTrue(bwrap.isPresent(), "bubblewrap is not installed");
        return new ProcessSandbox(bwrap, executor, InstantSource.system(), OutputLimits.DEFAULT);
    }

    @Test
    void a_maven_projects_tests_pass_offline_in_bubblewrap_with_the_cache_its_setup_step_filled() throws Exception {
        String url = fixture.repository("shop", TinyMavenProject.files(CONFIG, null));
        TinyMavenProject.seed(
                new DependencyCaches(data.resolve("caches")).assign("seed", url).maven());
        LocalRunner runner = ToolchainFixture.runner(data, bubblewrap(), "/usr/bin:/bin", executor);

        runner.prep(fixture.prep(url, "ws-1", "p1"));
        VerifyResult verified = runner.verify(new VerifyRequest("ws-1", "1.1", List.of(), true, "v1"));

        assertThat(verified)
                .as("%s%n%s", verified, log(runner, "standard.test"))
                .isInstanceOf(VerifyResult.Passed.class);
        assertThat(verified.passed()).containsExactly("standard.setup", "standard.test");
        assertThat(runner.dataDirectory().resolve("workspaces/ws-1/target/surefire-reports/TEST-shop.CartTest.xml"))
                .content()
                .contains("tests=\"1\"")
                .contains("failures=\"0\"");
    }

    @Test
    void maven_in_the_bubblewrap_sandbox_never_resolves_from_the_hosts_m2() throws Exception {
        hostsM2IsNotRead(bubblewrap());
    }

    @Test
    void maven_in_a_plain_process_sandbox_never_resolves_from_the_hosts_m2_either() throws Exception {
        hostsM2IsNotRead(new ProcessSandbox(Optional.empty(), executor, InstantSource.system(), OutputLimits.DEFAULT));
    }

    /**
     * An artifact only the host's {@code ~/.m2} holds: a build that needs it must fail in the sandbox, naming it,
     * even though everything else is in the repository's cache.
     */
    private void hostsM2IsNotRead(Sandbox sandbox) throws Exception {
        assumeTrue(Files.isWritable(TinyMavenProject.HOST_REPOSITORY), "cannot plant an artifact in ~/.m2");
        String version = "1.0-" + UUID.randomUUID();
        List<Path> planted =
                TinyMavenProject.plant(TinyMavenProject.HOST_REPOSITORY, "dev.clarity.probe", "host-only", version);
        try {
            String url = fixture.repository(
                    "shop", TinyMavenProject.files(CONFIG, "dev.clarity.probe:host-only:" + version));
            TinyMavenProject.seed(new DependencyCaches(data.resolve("caches"))
                    .assign("seed", url)
                    .maven());
            LocalRunner runner = ToolchainFixture.runner(data, sandbox, "/usr/bin:/bin", executor);

            runner.prep(fixture.prep(url, "ws-1", "p1"));
            VerifyResult verified = runner.verify(new VerifyRequest("ws-1", "1.1", List.of(), true, "v1"));

            assertThat(verified).as(log(runner, "standard.test")).isInstanceOf(VerifyResult.Failed.class);
            assertThat(verified.failed()).extracting(f -> f.criterionKey()).contains("standard.test");
            assertThat(log(runner, "standard.test")).contains("host-only");
        } finally {
            TinyMavenProject.delete(planted.get(2));
            // the empty directories above it too, up to the repository (each only when nothing else is in it)
            for (Path dir = planted.get(2).getParent();
                    !dir.equals(TinyMavenProject.HOST_REPOSITORY);
                    dir = dir.getParent()) {
                try {
                    Files.deleteIfExists(dir);
                } catch (java.nio.file.DirectoryNotEmptyException e) {
                    break;
                }
            }
        }
    }

    static String log(LocalRunner runner, String key) {
        try {
            Path file = runner.dataDirectory().resolve("workspaces/ws-1/artifacts/1.1/checks/" + key + ".log");
            return Files.exists(file) ? Files.readString(file) : "(no log)";
        } catch (java.io.IOException e) {
            return e.toString();
        }
    }
}
