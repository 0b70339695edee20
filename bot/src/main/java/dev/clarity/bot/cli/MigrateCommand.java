package dev.clarity.bot.cli;

import dev.clarity.bot.app.LogSetup;
import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.migrations.Database;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./clarity migrate}: applies pending migrations and prints the schema version. */
@Command(
        name = "migrate",
        mixinStandardHelpOptions = true,
        description = "Apply the database migrations and print the schema version.")
final class MigrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ClarityConfig config = EnvironmentConfig.fromSystem();
        LogSetup.apply(config.logFormat());
        try (Database db = Database.open(config.database(), 2, null)) {
            spec.commandLine().getOut().println("schema version " + db.schemaVersion());
        }
        return ExitCodes.OK;
    }
}
