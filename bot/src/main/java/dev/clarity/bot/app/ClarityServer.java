package dev.clarity.bot.app;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.ConfigException;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.config.GitHubSettings;
import dev.clarity.bot.events.OrchestratorSignals;
import dev.clarity.bot.server.HealthSource;
import dev.clarity.bot.server.HttpServer;
import dev.clarity.bot.server.RouteContributor;
import dev.clarity.bot.setup.SetupFeature;
import dev.clarity.migrations.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code clarity serve} runs in one process: the database, and the HTTP server with every feature's
 * routes. {@link #close()} stops them in reverse order and leaves no PostgreSQL process behind.
 */
public final class ClarityServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClarityServer.class);

    private final Database database;
    private final HttpServer http;
    private final List<AutoCloseable> features;

    private ClarityServer(Database database, HttpServer http, List<AutoCloseable> features) {
        this.database = database;
        this.http = http;
        this.features = features;
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
        PrometheusMeterRegistry metrics = Observability.prometheus();
        Database database = Database.open(config.database(), poolSize(config), metrics);
        try {
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
            List<AutoCloseable> features = new ArrayList<>();
            if (config.github() instanceof GitHubSettings.Complete github) {
                GitHubAppFeature app = GitHubAppFeature.create(
                        github,
                        database.dsl(),
                        GitHubAppFeature.gateway(github, Json.mapper(), clock),
                        new ControlsNotWired(),
                        OrchestratorSignals.loggingOnly(),
                        Json.mapper(),
                        clock,
                        Ticker.systemTicker(),
                        Executors.newVirtualThreadPerTaskExecutor());
                routes.add(app);
                features.add(app);
            }
            routes.add(SetupFeature.create(config, Json.mapper()));
            HttpServer http =
                    new HttpServer(host, config.port(), metrics, health, clock, routes, Json.mapper()).start();
            return new ClarityServer(database, http, features);
        } catch (RuntimeException e) {
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

    @Override
    public void close() {
        log.info("Stopping: HTTP server, then database");
        try {
            http.close();
            for (AutoCloseable feature : features) {
                closeQuietly(feature);
            }
        } finally {
            database.close();
        }
    }

    private static void closeQuietly(AutoCloseable feature) {
        try {
            feature.close();
        } catch (Exception e) {
            log.warn("Stopping {}", feature.getClass().getSimpleName(), e);
        }
    }
}
