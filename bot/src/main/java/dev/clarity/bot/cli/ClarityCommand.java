package dev.clarity.bot.cli;

import picocli.CommandLine.Command;

/** {@code ./clarity}: the top of the command tree. */
@Command(
        name = "clarity",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Works through a repository's tasks_list.md on its own: branch, implement, verify, repair, land.",
        subcommands = {
            ServeCommand.class,
            RunnerCommand.class,
            RunCommand.class,
            TasksCommand.class,
            InitCommand.class,
            MigrateCommand.class,
            DoctorCommand.class,
            UsersCommand.class
        })
public final class ClarityCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
