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

    private CommandLineTest.Result run(Map<String, String> env) {
        CommandLine cl = new CommandLine(new RunnerCommand(env));
        cl.setExecutionExceptionHandler(new FriendlyErrors());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute();
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
    void the_bot_and_the_runner_service_ask_for_the_same_token_length() {
        assertThat(EnvironmentConfig.MIN_RUNNER_TOKEN_LENGTH).isEqualTo(RunnerHttpServer.MIN_TOKEN_LENGTH);
    }
}
