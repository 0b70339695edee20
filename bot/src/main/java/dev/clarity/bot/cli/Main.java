package dev.clarity.bot.cli;

import picocli.CommandLine;

/** Entry point of the runnable jar: runs the picocli command tree and exits with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The full command tree, with Clarity's error handling; tests call this to run commands in-process. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new ClarityCommand());
        cl.setExecutionExceptionHandler(new FriendlyErrors());
        cl.setParameterExceptionHandler((ex, a) -> {
            ex.getCommandLine().getErr().println("clarity: " + ex.getMessage());
            ex.getCommandLine()
                    .getErr()
                    .println("Run '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            return ExitCodes.BAD_INPUT;
        });
        return cl;
    }
}
