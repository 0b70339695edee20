package dev.clarity.bot.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./clarity users}. */
@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        description = "Dashboard accounts: users add LOGIN --role R [--customer C], users list.")
final class UsersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..*", hidden = true)
    List<String> args = List.of();

    @Override
    public Integer call() {
        return NotYetAvailable.report(spec.commandLine().getErr(), "users");
    }
}
