package dev.clarity.bot.cli;

import java.io.PrintWriter;

/** What a command that is not built yet says: one line, exit 2. */
final class NotYetAvailable {
    private NotYetAvailable() {}

    static int report(PrintWriter err, String command) {
        err.println("clarity: '" + command + "' is not yet available in this version.");
        return ExitCodes.BAD_INPUT;
    }
}
