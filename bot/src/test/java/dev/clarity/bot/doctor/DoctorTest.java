package dev.clarity.bot.doctor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.runner.sandbox.EngineProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clarity doctor} on the tools a repository configures and on the sandbox image. */
class DoctorTest {
    @TempDir
    Path dir;

    private static ClarityConfig config(String sandbox) {
        Map<String, String> env = new HashMap<>();
        if (sandbox != null) {
            env.put("CLARITY_SANDBOX", sandbox);
        }
        Optional.ofNullable(System.getenv("DOCKER_HOST")).ifPresent(h -> env.put("DOCKER_HOST", h));
        return EnvironmentConfig.load(env, Path.of("/tmp/doctor-home"));
    }

    private Path repository(String clarityYml) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        try (Git git =
                Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("tasks_list.md"), "- 1.1 Something\n");
            if (clarityYml != null) {
                Files.writeString(repo.resolve(".clarity.yml"), clarityYml);
            }
            git.add().addFilepattern(".").call();
            PersonIdent ana = new PersonIdent("Ana", "ana@example.com");
            git.commit()
                    .setMessage("seed")
                    .setAuthor(ana)
                    .setCommitter(ana)
                    .setSign(false)
                    .call();
        }
        return repo;
    }

    private static List<Finding> tools(List<Finding> findings) {
        assertThat(findings).allSatisfy(f -> assertThat(f.name()).startsWith("tool"));
        return findings;
    }

    @Test
    void a_repository_without_config_gets_a_finding_that_its_default_tool_cannot_be_started_and_how_to_fix_it()
            throws Exception {
        assumeTrue(
                Stream.of("/usr/local/bin", "/usr/bin", "/bin").noneMatch(d -> Files.exists(Path.of(d, "aider"))),
                "aider is installed on this machine");
        Path repo = repository(null);

        List<Finding> findings = new Doctor(config("process"), "/usr/bin:/bin", Optional.of(repo)).tools();

        assertThat(tools(findings)).singleElement().satisfies(f -> {
            assertThat(f.ok()).isFalse();
            assertThat(f.render())
                    .startsWith("✘ tool aider: 'aider' is not an executable file in any directory of the step's PATH"
                            + " (/usr/local/bin:/usr/bin:/bin) (no .clarity.yml at HEAD of " + repo + ", so the"
                            + " defaults)")
                    .contains("fix: install aider on the runner's PATH (or in the sandbox image), or set tools.default"
                            + " or tools.aider.command in .clarity.yml");
        });
    }

    @Test
    void the_default_and_every_routed_tool_are_checked_from_the_config_at_head() throws Exception {
        Path repo = repository("""
                tools:
                  default: command
                  command: { command: ["sh", "agent.sh"] }
                  routing:
                    - { match: ["docs"], tool: claude }
                  claude: { command: ["no-such-claude-here"] }
                """);
        // the work tree is not what counts: an edit there changes nothing
        Files.writeString(repo.resolve(".clarity.yml"), "tools: { default: ollama }\n");

        List<Finding> findings = new Doctor(config("process"), "/usr/bin:/bin", Optional.of(repo)).tools();

        assertThat(tools(findings)).extracting(Finding::name).containsExactly("tool command", "tool claude");
        assertThat(tools(findings).get(0).ok())
                .as(tools(findings).get(0).render())
                .isTrue();
        assertThat(tools(findings).get(1).render())
                .startsWith("✘ tool claude: 'no-such-claude-here' is not an executable file in any directory of the"
                        + " step's PATH");
    }

    @Test
    void ollama_needs_no_program_in_the_sandbox_the_runner_asks_it_through_the_gateway() throws Exception {
        Path repo = repository("tools: { default: ollama, ollama: { model: llama3.3 } }\n");

        List<Finding> findings = new Doctor(config("process"), "/usr/bin:/bin", Optional.of(repo)).tools();

        assertThat(tools(findings)).singleElement().satisfies(f -> {
            assertThat(f.ok()).isTrue();
            assertThat(f.render()).contains("OLLAMA_HOST").contains("model llama3.3");
        });
    }

    @Test
    void an_invalid_config_is_reported_with_its_line() throws Exception {
        Path repo = repository("tools: { default: aidr }\n");

        List<Finding> findings = new Doctor(config("process"), "/usr/bin:/bin", Optional.of(repo)).tools();

        assertThat(tools(findings))
                .singleElement()
                .satisfies(f -> assertThat(f.render())
                        .startsWith("✘ tools: .clarity.yml at HEAD of " + repo + " is invalid: ")
                        .contains("aidr"));
    }

    @Test
    void a_sandbox_image_missing_from_the_engine_is_named_with_the_command_that_builds_it() {
        assumeTrue(
                EngineProbe.find(Optional.ofNullable(System.getenv("DOCKER_HOST")))
                                .isPresent()
                        || "1".equals(System.getenv("CLARITY_REQUIRE_ENGINE")),
                "no container engine answers; start one with: podman system service --time=0"
                        + " unix:///run/clarity-podman.sock & export DOCKER_HOST=unix:///run/clarity-podman.sock");
        Doctor doctor = new Doctor(config(null), "/usr/bin:/bin");

        Finding absent = doctor.sandboxImage("localhost/clarity-doctor-never-built:latest");

        assertThat(absent.ok()).isFalse();
        assertThat(absent.required()).isFalse();
        assertThat(absent.render())
                .contains("localhost/clarity-doctor-never-built:latest is not in the engine at")
                .contains("steps run in the process sandbox instead")
                .endsWith("fix: ./clarity runner --build-image");
        assertThat(new Doctor(config("docker"), "/usr/bin:/bin")
                        .sandboxImage("localhost/clarity-doctor-never-built:latest")
                        .required())
                .isTrue();
    }

    @Test
    void the_process_sandbox_needs_no_image() {
        Finding f = new Doctor(config("process"), "/usr/bin:/bin").sandboxImage("localhost/anything:latest");
        assertThat(f.ok()).isTrue();
        assertThat(f.render()).isEqualTo("✔ sandbox image: not used: CLARITY_SANDBOX=process");
    }
}
