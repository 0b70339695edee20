package dev.clarity.runner.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarity.runner.config.ConfigParse;
import dev.clarity.runner.config.RepositoryConfigParser;
import dev.clarity.runner.config.ToolsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ToolRouterTest {
    @ParameterizedTest
    @CsvSource({
        "Refactor the cart service, claude",
        "Create module billing, claude",
        "Multi-file rename of Order, claude",
        "Add test for checkout, aider",
        "Update one file: README, aider",
        "Scaffold tests for api, ollama",
        "Generate boilerplate DTOs, ollama",
        "Fix the login page, aider"
    })
    void the_built_in_keyword_policy_routes_by_title(String title, String tool) {
        assertThat(ToolRouter.route(null, title, ToolsConfig.DEFAULT)).isEqualTo(tool);
    }

    @Test
    void repository_rules_come_before_the_built_in_policy_and_a_manual_override_wins() {
        ToolsConfig tools = ((ConfigParse.Parsed) new RepositoryConfigParser()
                        .parse("tools:\n  default: claude\n  routing:\n    - { match: [refactor], tool: ollama }\n"))
                .config()
                .tools();
        assertThat(ToolRouter.route(null, "Refactor cart", tools)).isEqualTo("ollama");
        assertThat(ToolRouter.route(null, "Add test for cart", tools)).isEqualTo("aider");
        assertThat(ToolRouter.route(null, "Fix cart", tools)).isEqualTo("claude");
        assertThat(ToolRouter.route("Command", "Refactor cart", tools)).isEqualTo("command");
        assertThatThrownBy(() -> ToolRouter.route("vim", "x", tools)).hasMessageContaining("unknown tool vim");
    }

    @Test
    void the_prompt_starts_with_the_task_line_and_carries_criteria_constraints_and_failures() {
        PromptTemplate prompts = new PromptTemplate();
        String prompt = prompts.errorSolve(
                "1.2.3",
                "Add   cart\ntotals",
                "Phase 1: shop",
                java.util.List.of(new dev.clarity.runner.api.CriterionSpec(
                        "test.unit", "test", "cmd", null, java.util.List.of("npm", "test"), "tests pass")),
                2,
                java.util.List.of(new dev.clarity.runner.api.Failure("test.unit", "2 tests failed", "cart.test.js:14")),
                "--- a/x\n+++ b/x\n");
        assertThat(prompt.lines().findFirst()).contains("Task 1.2.3: Add cart totals");
        assertThat(prompt)
                .contains("Phase 1: shop")
                .contains("- test.unit [test/cmd] args npm test: tests pass")
                .contains("smallest diff")
                .contains("Attempt 2")
                .contains("2 tests failed (cart.test.js:14)")
                .contains("```diff");
    }
}
