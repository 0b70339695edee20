package dev.clarity.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.api.VerifyRequest;
import dev.clarity.runner.api.VerifyResult;
import dev.clarity.runner.sandbox.DockerSandbox;
import dev.clarity.runner.sandbox.OutputLimits;
import dev.clarity.runner.sandbox.SandboxImage;
import dev.clarity.runner.sandbox.TestEngine;
import dev.clarity.runner.toolchain.DependencyCaches;
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
 * The repository's toolchain in the container sandbox: its image and limits apply, a missing image says how to
 * build it, an image the admin did not allow is refused, recipes build through the engine's API, and a real Maven
 * project's tests pass offline in an image with a JDK and Maven, with the repository's cache.
 */
class DockerToolchainTest {
    private static DockerClient docker;

    @TempDir
    Path temp;

    private SmartHttpGitServer git;
    private ToolchainFixture fixture;
    private ExecutorService executor;
    private Path data;

    @BeforeAll
    static void engine() {
        IsolatedGitConfig.install();
        docker = TestEngine.client();
    }

    @BeforeEach
    void start() throws Exception {
        executor = Executors.newCachedThreadPool();
        git = SmartHttpGitServer.start(Files.createDirectories(temp.resolve("server")));
        fixture = new ToolchainFixture(git, temp);
        data = Files.createTempDirectory(
                Files.createDirectories(Path.of("target").toAbsolutePath()), "docker-data");
    }

    @AfterEach
    void stop() throws Exception {
        git.close();
        executor.shutdownNow();
        TinyMavenProject.delete(data);
    }

    private LocalRunner runner(String path) {
        var sandbox = new DockerSandbox(
                docker, TestEngine.resources(), InstantSource.system(), OutputLimits.DEFAULT, TestEngine.OWNER);
        return ToolchainFixture.runner(data, sandbox, path, executor);
    }

    private static VerifyResult check(LocalRunner runner, String... argv) {
        return runner.verify(new VerifyRequest(
                "ws-1",
                "1.1",
                List.of(new CriterionSpec("probe", "ops", "cmd", null, List.of(argv), null)),
                false,
                "v"));
    }

    @Test
    void a_repositorys_memory_and_cpus_apply_to_its_container_steps() throws Exception {
        String url = fixture.repository(
                "shop", Map.of(".clarity.yml", "commands: [sh]\nsandbox:\n  memory: 300m\n  cpus: 0.5\n"));
        LocalRunner runner = runner("/bin");
        runner.prep(fixture.prep(url, "ws-1", "p1"));

        VerifyResult verified = check(
                runner,
                "sh",
                "-c",
                "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max;"
                        + " cat /sys/fs/cgroup/cpu/cpu.cfs_quota_us 2>/dev/null || cat /sys/fs/cgroup/cpu.max");

        assertThat(verified).isInstanceOf(VerifyResult.Passed.class);
        assertThat(MavenToolchainTest.log(runner, "probe"))
                .contains(Long.toString(300L << 20))
                .contains("50000");
    }

    @Test
    void a_missing_image_fails_the_step_naming_the_image_and_the_command_that_builds_it() throws Exception {
        String url = fixture.repository(
                "shop", Map.of(".clarity.yml", "sandbox:\n  image: localhost/clarity-sandbox-nosuch:latest\n"));
        LocalRunner runner = runner("/bin");
        runner.prep(fixture.prep(url, "ws-1", "p1"));

        VerifyResult verified = check(runner, "true");

        assertThat(verified.failed())
                .singleElement()
                .satisfies(f -> assertThat(f.summary())
                        .contains("the sandbox image localhost/clarity-sandbox-nosuch:latest is missing")
                        .contains("./clarity runner --build-image nosuch"));
    }

    @Test
    void an_image_the_admin_did_not_allow_refuses_the_repositorys_steps() throws Exception {
        String url =
                fixture.repository("shop", Map.of(".clarity.yml", "sandbox:\n  image: docker.io/library/alpine:3\n"));
        LocalRunner runner = runner("/bin");
        runner.prep(fixture.prep(url, "ws-1", "p1"));

        VerifyResult verified = check(runner, "true");

        assertThat(verified.failed()).singleElement().satisfies(f -> {
            assertThat(f.criterionKey()).isEqualTo("sandbox");
            assertThat(f.summary())
                    .contains("sandbox.image docker.io/library/alpine:3")
                    .contains("not allowed")
                    .contains("CLARITY_SANDBOX_IMAGES");
        });
    }

    @Test
    void a_recipe_is_built_from_its_directory_through_the_engine_and_an_unknown_one_is_named() throws Exception {
        Path recipes = temp.resolve("recipes");
        Path tiny = Files.createDirectories(recipes.resolve("tiny"));
        Files.writeString(tiny.resolve("Dockerfile"), "FROM scratch\nADD rootfs.tar /\nCMD [\"/bin/sh\"]\n");
        Files.write(tiny.resolve("rootfs.tar"), SandboxImage.rootfs(SandboxImage.BUSYBOX));
        try {
            SandboxImage.buildRecipe(docker, recipes, "tiny");

            assertThat(SandboxImage.exists(docker, "localhost/clarity-sandbox-tiny:latest"))
                    .isTrue();
            assertThatThrownBy(() -> SandboxImage.buildRecipe(docker, recipes, "node"))
                    .hasMessageContaining("there is no recipe node")
                    .hasMessageContaining("recipes there: tiny");
        } finally {
            docker.removeImageCmd("localhost/clarity-sandbox-tiny:latest")
                    .withForce(true)
                    .exec();
        }
    }

    @Test
    void a_maven_projects_tests_pass_offline_in_a_jdk_image_with_the_cache_its_setup_step_filled() throws Exception {
        JdkMavenImage.build(docker);
        String url = fixture.repository(
                "shop",
                TinyMavenProject.files(
                        "sandbox:\n  image: " + JdkMavenImage.TAG + "\n" + MavenToolchainTest.CONFIG, null));
        TinyMavenProject.seed(
                new DependencyCaches(data.resolve("caches")).assign("seed", url).maven());
        LocalRunner runner = runner(JdkMavenImage.PATH);

        runner.prep(fixture.prep(url, "ws-1", "p1"));
        VerifyResult verified = runner.verify(new VerifyRequest("ws-1", "1.1", List.of(), true, "v1"));

        assertThat(verified)
                .as("%s%n%s", verified, MavenToolchainTest.log(runner, "standard.test"))
                .isInstanceOf(VerifyResult.Passed.class);
        assertThat(verified.passed()).containsExactly("standard.setup", "standard.test");
        assertThat(runner.dataDirectory().resolve("workspaces/ws-1/target/surefire-reports/TEST-shop.CartTest.xml"))
                .content()
                .contains("tests=\"1\"");
    }
}
