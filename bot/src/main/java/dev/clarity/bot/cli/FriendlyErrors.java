package dev.clarity.bot.cli;

import dev.clarity.bot.config.ConfigException;
import dev.clarity.migrations.DatabaseStartException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns the failures a user can fix (a bad setting, a database that cannot start) into one line on standard
 * error and exit code 2; anything else is a bug and keeps its stack trace.
 */
final class FriendlyErrors implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
        if (ex instanceof ConfigException || ex instanceof DatabaseStartException) {
            cl.getErr().println("clarity: " + ex.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        cl.getErr().println("clarity: unexpected error while running '" + cl.getCommandName() + "':");
        ex.printStackTrace(cl.getErr());
        return 70;
    }
}
