package dev.clarity.runner.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.runner.config.ToolConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class ToolCommandTest {
    private static final String GATEWAY = "http://127.0.0.1:4180/openai/v1";

    @Test
    void codex_runs_exec_without_its_own_sandbox_against_the_steps_gateway_as_a_provider_of_its_own() {
        List<String> argv = ToolCommand.argv(
                "codex",
                new ToolConfig(List.of("codex"), "gpt-5-codex"),
                "/ws/p.md",
                "Add feature",
                List.of(),
                GATEWAY);

        assertThat(argv)
                .containsExactly(
                        "codex",
                        "exec",
                        "--skip-git-repo-check",
                        "-s",
                        "danger-full-access",
                        "--json",
                        "-m",
                        "gpt-5-codex",
                        "-c",
                        "model_provider=\"clarity\"",
                        "-c",
                        "model_providers.clarity.name=\"clarity\"",
                        "-c",
                        "model_providers.clarity.base_url=\"http://127.0.0.1:4180/openai/v1\"",
                        "-c",
                        "model_providers.clarity.env_key=\"OPENAI_API_KEY\"",
                        "-c",
                        "model_providers.clarity.wire_api=\"responses\"",
                        "--",
                        "Add feature");
    }

    @Test
    void codex_without_a_model_leaves_the_choice_to_codex_and_a_prompt_that_looks_like_an_option_stays_the_prompt() {
        List<String> argv = ToolCommand.argv(
                "codex", new ToolConfig(List.of("codex"), null), "/ws/p.md", "--help me", List.of("A.java"), GATEWAY);

        assertThat(argv).doesNotContain("-m", "A.java").endsWith("--", "--help me");
    }

    @Test
    void codex_gets_a_temporary_directory_inside_the_steps_home_and_claude_none() {
        assertThat(ToolCommand.environment("codex")).containsExactly(java.util.Map.entry("TMPDIR", "/tmp/home/tmp"));
        assertThat(ToolCommand.environment("claude")).doesNotContainKey("TMPDIR");
    }
}
