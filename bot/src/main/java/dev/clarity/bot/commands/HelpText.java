package dev.clarity.bot.commands;

/** The reply to {@code /clarity help} and to anything after {@code /clarity} that is not a command. */
public final class HelpText {
    private static final String COMMANDS = """
            | command | does |
            |---|---|
            | `/clarity run [--stop-after ID] [--tool NAME] [--task ID]` | work through the task list, pausing after `ID` if given |
            | `/clarity stop` | emergency stop: cancel the running step and halt (state is kept) |
            | `/clarity stop after ID` | finish item `ID`, then pause |
            | `/clarity resume` | continue where the execution stopped |
            | `/clarity status` | show the current execution |
            | `/clarity retry [ID]` | give an item waiting for review a fresh set of attempts |
            | `/clarity skip ID` | skip an item and go on |
            | `/clarity approve ID` | release an item held by a gate |
            | `/clarity help` | this text |

            Only people with write, maintain or admin permission on this repository can run commands.""";

    private HelpText() {}

    /** Markdown for a comment: the problem first when there was one, then the table of commands. */
    public static String render(Command.Help help) {
        return help.problem().map(p -> p + "\n\n").orElse("") + COMMANDS + "\n";
    }
}
