package dev.clarity.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.runner.http.RunnerHttpServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class RunnerCommandTest {
    @TempDir
    Path data;

    private CommandLineTest.Result run(Map<String, String> env, String... args) {
        CommandLine cl = new CommandLine(new RunnerCommand(env));
        cl.setExecutionExceptionHandler(new FriendlyErrors());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new CommandLineTest.Result(exit, out.toString(), err.toString());
    }

    @Test
    void a_runner_with_a_one_character_token_does_not_start_and_names_the_variable_in_one_line() {
        CommandLineTest.Result r = run(Map.of("CLARITY_RUNNER_TOKEN", "x", "CLARITY_DATA_DIR", data.toString()));
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err())
                .isEqualTo("clarity: CLARITY_RUNNER_TOKEN is too short (1 characters, at least 16 are needed) (for"
                        + " example CLARITY_RUNNER_TOKEN=$(openssl rand -hex 32))" + System.lineSeparator());
        assertThat(data).isEmptyDirectory();
    }

    @Test
    void a_runner_port_that_is_not_a_number_is_reported_not_thrown() {
        CommandLineTest.Result r = run(Map.of(
                "CLARITY_RUNNER_TOKEN",
                "0123456789abcdef",
                "CLARITY_DATA_DIR",
                data.toString(),
                "CLARITY_RUNNER_PORT",
                "abc"));
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).startsWith("clarity: CLARITY_RUNNER_PORT must be a port number from 1 to 65535");
    }

    @Test
    void building_an_unknown_recipe_names_the_recipes_there_are() {
        Path recipes = Path.of("..", "sandbox").toAbsolutePath().normalize();

        CommandLineTest.Result r = run(Map.of("CLARITY_SANDBOX_RECIPES", recipes.toString()), "--build-image", "rust");

        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err().strip())
                .isEqualTo("there is no recipe rust in " + recipes + " (recipes there: jdk, node, python)");
    }

    @Test
    void every_shipped_recipe_holds_git_and_the_ai_tools_clarity_drives() throws Exception {
        for (String recipe : java.util.List.of("jdk", "node", "python")) {
            String dockerfile = java.nio.file.Files.readString(Path.of("..", "sandbox", recipe, "Dockerfile"));
            assertThat(dockerfile)
                    .as(recipe)
                    .contains(" git ")
                    .contains("@anthropic-ai/claude-code")
                    .contains("@openai/codex")
                    .contains("aider-chat");
        }
    }

    @Test
    void the_bot_and_the_runner_service_ask_for_the_same_token_length() {
        assertThat(EnvironmentConfig.MIN_RUNNER_TOKEN_LENGTH).isEqualTo(RunnerHttpServer.MIN_TOKEN_LENGTH);
    }
}
