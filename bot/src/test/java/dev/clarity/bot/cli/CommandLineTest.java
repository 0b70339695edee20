package dev.clarity.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandLineTest {
    record Result(int exit, String out, String err) {}

    static Result run(String... args) {
        CommandLine cl = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Result(exit, out.toString(), err.toString());
    }

    @Test
    void help_lists_every_command_of_the_design_with_a_description() {
        Result r = run("--help");
        assertThat(r.exit()).isZero();
        for (String command : new String[] {"serve", "runner", "run", "tasks", "init", "migrate", "doctor", "users"}) {
            assertThat(r.out()).containsPattern("(?m)^  " + command + " +\\S+");
        }
    }

    @Test
    void version_prints_the_version() {
        Result r = run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("clarity ").contains("Java ");
    }

    @Test
    void run_help_lists_the_tools_and_the_merge_policies() {
        Result r = run("run", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .containsPattern("--tool=NAME +aider, claude, codex, ollama or command\\R")
                .containsPattern("--merge-policy=P +stacked, auto or wait\\R");
    }

    @Test
    void run_help_says_where_the_repository_configuration_is_described() {
        Result r = run("run", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains(".clarity.yml").contains("docs/configuration.md");
    }

    @Test
    void run_refuses_a_tool_or_merge_policy_it_does_not_know_and_names_the_choices() {
        Result tool = run("run", ".", "--tool", "vim");
        assertThat(tool.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(tool.err())
                .isEqualTo("clarity: --tool must be aider, claude, codex, ollama or command, got \"vim\"\n");
        Result policy = run("run", ".", "--merge-policy", "Stacked");
        assertThat(policy.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(policy.err()).isEqualTo("clarity: --merge-policy must be stacked, auto or wait, got \"Stacked\"\n");
    }

    @Test
    void an_unknown_command_is_bad_input_with_a_usage_hint() {
        Result r = run("frobnicate");
        assertThat(r.exit()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(r.err()).contains("frobnicate").contains("--help");
    }
}
