package dev.clarity.bot.cli;

import dev.clarity.bot.app.LogSetup;
import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.dashboard.DashboardFeature;
import dev.clarity.dashboard.auth.Account;
import dev.clarity.dashboard.auth.AccountOutcome;
import dev.clarity.migrations.Database;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ./clarity users add LOGIN --role R [--customer C]}, {@code ./clarity users reset LOGIN} and
 * {@code ./clarity users list}.
 */
@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        description = "Dashboard accounts: users add LOGIN --role R [--customer C], users reset LOGIN, users list.",
        subcommands = {UsersCommand.Add.class, UsersCommand.Reset.class, UsersCommand.ListUsers.class})
final class UsersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    private final Map<String, String> environment;

    UsersCommand() {
        this(System.getenv());
    }

    /** With {@code environment} in place of the process environment (tests). */
    UsersCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    /** The settings, read from this command's environment when a subcommand runs. */
    ClarityConfig config() {
        return EnvironmentConfig.load(environment, Path.of(System.getProperty("user.home")));
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.BAD_INPUT;
    }

    /** Creates an account and prints its one-time password once. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Create a dashboard account.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ParentCommand
        UsersCommand parent;

        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;

        @Option(
                names = "--role",
                required = true,
                paramLabel = "R",
                description = "admin, manager, team_member or client")
        String role;

        @Option(names = "--customer", paramLabel = "C", description = "the customer's slug (clients only)")
        String customer;

        @Override
        public Integer call() {
            ClarityConfig config = parent.config();
            LogSetup.apply(config.logFormat());
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Database db = Database.openBeside(config.database(), 2, null)) {
                AccountOutcome outcome = DashboardFeature.accounts(db.dsl(), InstantSource.system())
                        .add(login, role, customer);
                switch (outcome) {
                    case AccountOutcome.Created c -> {
                        out.println("Created " + c.login() + " (" + c.role().dbName() + "). One-time password: "
                                + c.oneTimePassword());
                        return ExitCodes.OK;
                    }
                    case AccountOutcome.Rejected r -> {
                        err.println("clarity: " + r.message());
                        return ExitCodes.BAD_INPUT;
                    }
                }
            }
        }
    }

    /**
     * Gives an account a new one-time password, printed once: the old password stops working, the person's sessions
     * end, and their next sign-in must choose a new password. An unknown login is exit 1.
     */
    @Command(
            name = "reset",
            mixinStandardHelpOptions = true,
            description = "Give an account a new one-time password (printed once) and sign it out everywhere.")
    static final class Reset implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ParentCommand
        UsersCommand parent;

        @Parameters(index = "0", paramLabel = "LOGIN")
        String login;

        @Override
        public Integer call() {
            ClarityConfig config = parent.config();
            LogSetup.apply(config.logFormat());
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Database db = Database.openBeside(config.database(), 2, null)) {
                AccountOutcome outcome = DashboardFeature.accounts(db.dsl(), InstantSource.system())
                        .resetPassword(login);
                switch (outcome) {
                    case AccountOutcome.Created c -> {
                        out.println("Reset " + c.login() + " (" + c.role().dbName() + "). One-time password: "
                                + c.oneTimePassword() + " (it must be changed at the next sign-in).");
                        return ExitCodes.OK;
                    }
                    case AccountOutcome.Rejected r -> {
                        err.println("clarity: " + r.message());
                        return ExitCodes.NONE;
                    }
                }
            }
        }
    }

    /** Lists every account: login, role, customer, whether it can sign in, archived. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List dashboard accounts.")
    static final class ListUsers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @ParentCommand
        UsersCommand parent;

        @Override
        public Integer call() {
            ClarityConfig config = parent.config();
            LogSetup.apply(config.logFormat());
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = Database.openBeside(config.database(), 2, null)) {
                out.printf("%-24s %-12s %-16s %s%n", "LOGIN", "ROLE", "CUSTOMER", "STATUS");
                for (Account a : DashboardFeature.accounts(db.dsl(), InstantSource.system())
                        .list()) {
                    String status = a.archivedAt() != null ? "archived" : a.canSignIn() ? "active" : "no password";
                    out.printf(
                            "%-24s %-12s %-16s %s%n",
                            a.login(), a.role().dbName(), a.customer() == null ? "-" : a.customer(), status);
                }
            }
            return ExitCodes.OK;
        }
    }
}
