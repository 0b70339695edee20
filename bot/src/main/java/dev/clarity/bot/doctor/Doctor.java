package dev.clarity.bot.doctor;

import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.config.GitHubSettings;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.migrations.DatabaseStartException;
import dev.clarity.runner.sandbox.BubblewrapProbe;
import dev.clarity.runner.sandbox.EngineProbe;
import java.util.List;

/** Runs every check once and returns the findings in a fixed order. */
public final class Doctor {
    private final ClarityConfig config;
    private final String pathVariable;

    public Doctor(ClarityConfig config, String pathVariable) {
        this.config = config;
        this.pathVariable = pathVariable;
    }

    public List<Finding> examine() {
        return List.of(jdk(), database(), engine(), bubblewrap(), github());
    }

    Finding jdk() {
        Runtime.Version v = Runtime.version();
        return v.feature() >= 21
                ? Finding.pass("JDK", "Java " + v + " (" + System.getProperty("java.home") + ")")
                : Finding.fail(
                        "JDK", true, "Java " + v + " is older than 21", "install a JDK 21 or newer and set JAVA_HOME");
    }

    Finding database() {
        String where = switch (config.database()) {
            case DatabaseLocation.Embedded e -> "embedded PostgreSQL in " + e.dataDir();
            case DatabaseLocation.External x -> "PostgreSQL at " + x.jdbcUrl();
        };
        try (Database db = Database.open(config.database(), 1, null)) {
            return Finding.pass("database", where + ", reachable, schema version " + db.schemaVersion());
        } catch (DatabaseStartException e) {
            if (e.getMessage().contains("in use by another Clarity process")) {
                return Finding.pass("database", where + ", in use by a running Clarity process");
            }
            return Finding.fail(
                    "database",
                    true,
                    e.getMessage(),
                    config.database() instanceof DatabaseLocation.External
                            ? "check " + EnvironmentConfig.DATABASE_URL + " and that the server accepts connections"
                            : "check that " + EnvironmentConfig.DATA_DIR
                                    + " is writable, or unset it to use ~/.clarity");
        }
    }

    Finding engine() {
        return EngineProbe.find(config.dockerHost())
                .map(host -> Finding.pass("container engine", host + " answers"))
                .orElseGet(() -> Finding.fail(
                        "container engine",
                        false,
                        config.dockerHost()
                                        .map(h -> "DOCKER_HOST=" + h + " does not answer")
                                        .orElse("no engine answers on "
                                                + String.join(", ", EngineProbe.DEFAULT_SOCKETS))
                                + "; the process sandbox will be used",
                        "start one, e.g. 'podman system service --time=0 unix:///run/clarity-podman.sock &' and"
                                + " DOCKER_HOST=unix:///run/clarity-podman.sock"));
    }

    Finding bubblewrap() {
        return BubblewrapProbe.find(pathVariable)
                .map(p -> Finding.pass("bubblewrap", p.toString()))
                .orElseGet(() -> Finding.fail(
                        "bubblewrap",
                        false,
                        "bwrap is not on PATH; the process sandbox would run tools without isolation",
                        "apt-get install bubblewrap"));
    }

    Finding github() {
        return switch (config.github()) {
            case GitHubSettings.Absent a -> Finding.pass("GitHub App", "not configured: local mode only");
            case GitHubSettings.Partial p ->
                Finding.fail(
                        "GitHub App",
                        true,
                        "partly configured, missing " + String.join(", ", p.missing()),
                        "set " + String.join(" and ", p.missing())
                                + ", or unset every GITHUB_* variable for local mode");
            case GitHubSettings.Complete c -> Finding.pass("GitHub App", "App " + c.appId() + " via " + c.apiUrl());
        };
    }
}
