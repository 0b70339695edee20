package dev.clarity.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.api.GitCredentials;
import dev.clarity.runner.api.ImplementRequest;
import dev.clarity.runner.api.PrepRequest;
import dev.clarity.runner.api.VerifyRequest;
import dev.clarity.runner.policy.CommandPolicy;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.DockerSandbox;
import dev.clarity.runner.sandbox.OutputLimits;
import dev.clarity.runner.sandbox.TestEngine;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import dev.clarity.testkit.git.SmartHttpGitServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process runner with the container sandbox: a configured command tool and a cmd check run in containers. */
class DockerLocalRunnerTest {
    @TempDir
    Path temp;

    @Test
    void a_command_tool_and_a_cmd_check_run_in_containers_and_leave_runner_owned_files() throws Exception {
        var docker = TestEngine.client();
        IsolatedGitConfig.install();
        try (var git = SmartHttpGitServer.start(Files.createDirectories(temp.resolve("server")));
                var sandbox = new DockerSandbox(
                        docker,
                        TestEngine.resources(),
                        InstantSource.system(),
                        OutputLimits.DEFAULT,
                        TestEngine.OWNER)) {
            String url = git.createRepository("shop").toString();
            var auth = new UsernamePasswordCredentialsProvider("x-access-token", git.token());
            Path seed = temp.resolve("seed");
            try (Git g = Git.cloneRepository()
                    .setURI(url)
                    .setDirectory(seed.toFile())
                    .setCredentialsProvider(auth)
                    .call()) {
                Files.writeString(seed.resolve(".clarity.yml"), """
                        tools:
                          command: { command: ["sh", "-c", "echo \\"$CLARITY_TASK_ID $CLARITY_ATTEMPT\\" > made.txt; echo ghp_CanaryCanaryCanaryCanary0123456789"] }
                        commands: [sh, grep]
                        sandbox:
                          timeout: 60s
                        """);
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
            var executor = Executors.newCachedThreadPool();
            try {
                var runner = new LocalRunner(
                        temp.resolve("workspaces"),
                        sandbox,
                        CommandPolicy.defaults(),
                        Map.of("PATH", "/bin", "HOME", "/tmp"),
                        Redactor.builtIn(),
                        InstantSource.system(),
                        executor,
                        2);
                assertThat(runner.prep(new PrepRequest(
                                url,
                                "dx-1",
                                "2.1",
                                "main",
                                "task/2.1-x",
                                "p",
                                GitCredentials.gitHubToken(git.token()))))
                        .isInstanceOf(dev.clarity.runner.api.PrepResult.Ready.class);
                var implemented = runner.implement(
                        new ImplementRequest("dx-1", "2.1", "Make file", null, "command", List.of(), List.of(), "i"));
                assertThat(implemented)
                        .as(String.join("\n", implemented.logs()))
                        .isInstanceOf(dev.clarity.runner.api.ToolResult.Changed.class);
                assertThat(implemented.logs()).contains("[REDACTED]");
                Path made = temp.resolve("workspaces/dx-1/made.txt");
                assertThat(made).hasContent("2.1 0");
                assertThat(Files.getAttribute(made, "unix:uid"))
                        .isEqualTo(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
                var verified = runner.verify(new VerifyRequest(
                        "dx-1",
                        "2.1",
                        List.of(new CriterionSpec(
                                "t", "test", "cmd", null, List.of("grep", "-q", "2.1", "made.txt"), null)),
                        false,
                        "v"));
                assertThat(verified).isInstanceOf(dev.clarity.runner.api.VerifyResult.Passed.class);
                assertThat(runner.health().engine()).isEqualTo("docker");
            } finally {
                executor.shutdownNow();
            }
        }
    }

    @Test
    void a_tool_that_is_not_in_the_image_is_missing_with_the_image_named_and_changes_nothing() throws Exception {
        var docker = TestEngine.client();
        IsolatedGitConfig.install();
        try (var git = SmartHttpGitServer.start(Files.createDirectories(temp.resolve("server")));
                var sandbox = new DockerSandbox(
                        docker,
                        TestEngine.resources(),
                        InstantSource.system(),
                        OutputLimits.DEFAULT,
                        TestEngine.OWNER)) {
            String url = git.createRepository("shop").toString();
            var auth = new UsernamePasswordCredentialsProvider("x-access-token", git.token());
            Path seed = temp.resolve("seed");
            try (Git g = Git.cloneRepository()
                    .setURI(url)
                    .setDirectory(seed.toFile())
                    .setCredentialsProvider(auth)
                    .call()) {
                // no tools section: the default tool, aider, which the test image (busybox only) does not hold
                Files.writeString(seed.resolve(".clarity.yml"), "commands: [sh]\n");
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
            var executor = Executors.newCachedThreadPool();
            try {
                var runner = new LocalRunner(
                        temp.resolve("workspaces"),
                        sandbox,
                        CommandPolicy.defaults(),
                        Map.of("PATH", "/bin", "HOME", "/tmp"),
                        Redactor.builtIn(),
                        InstantSource.system(),
                        executor,
                        2);
                assertThat(runner.prep(new PrepRequest(
                                url,
                                "dx-2",
                                "2.1",
                                "main",
                                "task/2.1-x",
                                "p",
                                GitCredentials.gitHubToken(git.token()))))
                        .isInstanceOf(dev.clarity.runner.api.PrepResult.Ready.class);

                var implemented = runner.implement(
                        new ImplementRequest("dx-2", "2.1", "Make file", null, null, List.of(), List.of(), "i"));

                assertThat(implemented)
                        .as(String.join("\n", implemented.logs()))
                        .isInstanceOfSatisfying(
                                dev.clarity.runner.api.ToolResult.Missing.class,
                                m -> assertThat(m.reason())
                                        .startsWith(
                                                "the tool aider cannot be started: 'aider' cannot be started in the image "
                                                        + TestEngine.IMAGE)
                                        .contains("tools.default or tools.aider.command in .clarity.yml"));
                assertThat(implemented.diff()).isEmpty();
                try (var files = Files.list(temp.resolve("workspaces/dx-2"))) {
                    assertThat(files.map(f -> f.getFileName().toString())).doesNotContain("made.txt");
                }
            } finally {
                executor.shutdownNow();
            }
        }
    }
}
