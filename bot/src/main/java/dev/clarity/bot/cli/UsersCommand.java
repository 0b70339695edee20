package dev.clarity.bot.cli;

import dev.clarity.bot.app.LogSetup;
import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.dashboard.DashboardFeature;
import dev.clarity.dashboard.auth.Account;
import dev.clarity.dashboard.auth.AccountOutcome;
import dev.clarity.migrations.Database;
import java.io.PrintWriter;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ./clarity users add LOGIN --role R [--customer C]} and {@code ./clarity users list}. */
@Command(
        name = "users",
        mixinStandardHelpOptions = true,
        description = "Dashboard accounts: users add LOGIN --role R [--customer C], users list.",
        subcommands = {UsersCommand.Add.class, UsersCommand.ListUsers.class})
final class UsersCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

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
            ClarityConfig config = EnvironmentConfig.fromSystem();
            LogSetup.apply(config.logFormat());
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try (Database db = Database.open(config.database(), 2, null)) {
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

    /** Lists every account: login, role, customer, whether it can sign in, archived. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List dashboard accounts.")
    static final class ListUsers implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            ClarityConfig config = EnvironmentConfig.fromSystem();
            LogSetup.apply(config.logFormat());
            PrintWriter out = spec.commandLine().getOut();
            try (Database db = Database.open(config.database(), 2, null)) {
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
