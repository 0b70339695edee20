package dev.clarity.bot.app;

import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.ConfigException;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.config.GitHubSettings;
import dev.clarity.bot.orchestrator.ItemPublisher;
import dev.clarity.bot.orchestrator.LocalWorkspaceFiles;
import dev.clarity.bot.server.HealthSource;
import dev.clarity.bot.server.HttpServer;
import dev.clarity.bot.server.RouteContributor;
import dev.clarity.migrations.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code clarity serve} runs in one process: the database, and the HTTP server with every feature's
 * routes. {@link #close()} stops them in reverse order and leaves no PostgreSQL process behind.
 */
public final class ClarityServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClarityServer.class);

    private final Database database;
    private final InProcessRunner runner;
    private final Orchestration orchestration;
    private final HttpServer http;

    private ClarityServer(Database database, InProcessRunner runner, Orchestration orchestration, HttpServer http) {
        this.database = database;
        this.runner = runner;
        this.orchestration = orchestration;
        this.http = http;
    }

    /**
     * Starts everything; on failure, whatever was started is stopped again before the exception leaves.
     *
     * @param host the address to bind ("0.0.0.0" for serve, "127.0.0.1" in tests)
     */
    public static ClarityServer start(ClarityConfig config, String host, InstantSource clock) {
        if (config.github() instanceof GitHubSettings.Partial p) {
            throw new ConfigException(
                    p.missing().getFirst(),
                    p.missing().getFirst()
                            + " is missing: the other GitHub App settings are set, so Clarity needs all of "
                            + EnvironmentConfig.APP_ID + ", " + EnvironmentConfig.PRIVATE_KEY_PATH + " (or "
                            + EnvironmentConfig.PRIVATE_KEY + ") and " + EnvironmentConfig.WEBHOOK_SECRET
                            + " (for example " + EnvironmentConfig.WEBHOOK_SECRET
                            + "=$(openssl rand -hex 20)), or none of them");
        }
        if (!config.runner().remoteUrls().isEmpty()) {
            throw new ConfigException(
                    EnvironmentConfig.RUNNER_URLS,
                    EnvironmentConfig.RUNNER_URLS
                            + " is not supported by serve yet: it runs steps in its in-process runner (for example unset "
                            + EnvironmentConfig.RUNNER_URLS + ")");
        }
        PrometheusMeterRegistry metrics = Observability.prometheus();
        Database database = Database.open(config.database(), poolSize(config), metrics);
        InProcessRunner runner = null;
        Orchestration orchestration = null;
        try {
            var workspaces = config.dataDir().resolve("workspaces");
            runner = InProcessRunner.create(config, workspaces, clock);
            orchestration = Orchestration.start(
                    database,
                    runner.runner(),
                    new LocalWorkspaceFiles(workspaces),
                    ItemPublisher.NONE,
                    s -> null,
                    config.maxParallel(),
                    clock);
            HealthSource health = new HealthSource() {
                @Override
                public boolean databaseReachable() {
                    return database.isReachable();
                }

                @Override
                public String schemaVersion() {
                    return database.schemaVersion();
                }
            };
            List<RouteContributor> routes = new ArrayList<>();
            HttpServer http =
                    new HttpServer(host, config.port(), metrics, health, clock, routes, Json.mapper()).start();
            return new ClarityServer(database, runner, orchestration, http);
        } catch (RuntimeException e) {
            if (orchestration != null) {
                orchestration.close();
            }
            if (runner != null) {
                runner.close();
            }
            database.close();
            throw e;
        }
    }

    private static int poolSize(ClarityConfig config) {
        return Math.max(10, config.maxParallel() * 2 + 4);
    }

    public int port() {
        return http.port();
    }

    public Database database() {
        return database;
    }

    public Orchestration orchestration() {
        return orchestration;
    }

    @Override
    public void close() {
        log.info("Stopping: HTTP server, orchestrator (running steps are cancelled and resume on the next start),"
                + " runner, database");
        try {
            http.close();
            orchestration.close();
            runner.close();
        } finally {
            database.close();
        }
    }
}
