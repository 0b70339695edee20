package dev.clarity.bot.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./clarity tasks}: read, check and mark a tasks_list.md (next, tree, lint, mark). */
@Command(
        name = "tasks",
        mixinStandardHelpOptions = true,
        description = "Read, check and mark a tasks_list.md: tasks next|tree|lint|mark FILE.")
final class TasksCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", hidden = true)
    List<String> args = List.of();

    @Override
    public Integer call() {
        return NotYetAvailable.report(spec.commandLine().getErr(), "tasks");
    }
}
