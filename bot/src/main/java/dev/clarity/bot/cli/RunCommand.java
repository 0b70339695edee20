package dev.clarity.bot.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./clarity run}. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Local mode: one execution on a local repository or git URL, no GitHub.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", hidden = true)
    List<String> args = List.of();

    @Override
    public Integer call() {
        return NotYetAvailable.report(spec.commandLine().getErr(), "run");
    }
}
