package dev.clarity.bot.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./clarity runner}. */
@Command(
        name = "runner",
        mixinStandardHelpOptions = true,
        description = "The standalone runner service (HTTP, default :9001) that executes steps in sandboxes.")
final class RunnerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", hidden = true)
    List<String> args = List.of();

    @Override
    public Integer call() {
        return NotYetAvailable.report(spec.commandLine().getErr(), "runner");
    }
}
