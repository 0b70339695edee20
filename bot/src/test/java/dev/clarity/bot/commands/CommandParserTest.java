package dev.clarity.bot.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandParserTest {
    private final CommandParser parser = new CommandParser();

    static Stream<Arguments> commands() {
        Optional<String> none = Optional.empty();
        return Stream.of(
                Arguments.of("/clarity run", new Command.Run(none, none, none)),
                Arguments.of("/CLARITY RUN", new Command.Run(none, none, none)),
                Arguments.of("  /clarity   run  \nsecond line is ignored", new Command.Run(none, none, none)),
                Arguments.of("/clarity run --stop-after 2.3.1.4", new Command.Run(Optional.of("2.3.1.4"), none, none)),
                Arguments.of("/clarity run --stop-after=2.3", new Command.Run(Optional.of("2.3"), none, none)),
                Arguments.of(
                        "/clarity run --tool Claude --task 4",
                        new Command.Run(none, Optional.of("claude"), Optional.of("4"))),
                Arguments.of("/clarity stop", new Command.Stop()),
                Arguments.of("/clarity stop after 2.1", new Command.StopAfter("2.1")),
                Arguments.of("/clarity Stop After 2.1", new Command.StopAfter("2.1")),
                Arguments.of("/clarity resume", new Command.Resume()),
                Arguments.of("/clarity status", new Command.Status()),
                Arguments.of("/clarity retry", new Command.Retry(none)),
                Arguments.of("/clarity retry 3.2", new Command.Retry(Optional.of("3.2"))),
                Arguments.of("/clarity skip 1.1", new Command.Skip("1.1")),
                Arguments.of("/clarity approve 7", new Command.Approve("7")),
                Arguments.of("/clarity help", Command.Help.asked()),
                Arguments.of("/clarity", Command.Help.because("`/clarity` needs a command.")),
                Arguments.of(
                        "/clarity resme",
                        Command.Help.because("`resme` is not a Clarity command. Did you mean `/clarity resume`?")),
                Arguments.of(
                        "/clarity stauts",
                        Command.Help.because("`stauts` is not a Clarity command. Did you mean `/clarity status`?")),
                Arguments.of("/clarity deploy", Command.Help.because("`deploy` is not a Clarity command.")),
                Arguments.of(
                        "/clarity run --stop-afer 2",
                        Command.Help.because("`run` does not take `--stop-afer` (did you mean `--stop-after`?).")),
                Arguments.of("/clarity run --stop-after", Command.Help.because("`--stop-after` needs a value.")),
                Arguments.of(
                        "/clarity run --tool vim",
                        Command.Help.because(
                                "`vim` is not a tool Clarity knows (aider, claude, codex, ollama, command).")),
                Arguments.of(
                        "/clarity skip",
                        Command.Help.because("`skip` needs one task id (for example `/clarity skip 2.3`).")),
                Arguments.of(
                        "/clarity approve abc",
                        Command.Help.because("`abc` is not a task id (task ids look like `2.3.1`).")),
                Arguments.of("/clarity resume now", Command.Help.because("`resume` takes no arguments.")),
                Arguments.of(
                        "/clarity `@org/team<!--",
                        Command.Help.because("`` `@org/team<!-- `` is not a Clarity command.")),
                Arguments.of(
                        "/clarity run --tool a``b",
                        Command.Help.because(
                                "```a``b``` is not a tool Clarity knows (aider, claude, codex, ollama, command).")),
                Arguments.of(
                        "/clarity skip " + "9".repeat(70) + "x",
                        Command.Help.because(
                                "`" + "9".repeat(63) + "…` is not a task id (task ids look like `2.3.1`).")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void the_first_line_becomes_the_expected_command(String comment, Command expected) {
        assertThat(parser.parse(comment)).contains(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"", "You are totally right!", "see /clarity run", "/clarityrun", "hello\n/clarity run"})
    void comments_not_addressed_to_clarity_are_not_commands(String comment) {
        assertThat(parser.parse(comment)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"/clarity help", "/clarity nonsense"})
    void help_text_lists_every_command(String comment) {
        Command.Help help = (Command.Help) parser.parse(comment).orElseThrow();
        String text = HelpText.render(help);
        for (String verb : CommandParser.VERBS) {
            assertThat(text).contains("/clarity " + verb);
        }
    }

    @Test
    void a_task_id_of_many_parts_is_parsed_without_overflowing_the_stack() {
        String id = "1.".repeat(100_000) + "1";
        assertThat(parser.parse("/clarity stop after " + id)).contains(new Command.StopAfter(id));
        assertThat(parser.parse("/clarity stop after " + id + ".x").orElseThrow())
                .isInstanceOf(Command.Help.class);
    }
}
