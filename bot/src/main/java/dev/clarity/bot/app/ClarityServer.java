package dev.clarity.bot.app;

import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.ConfigException;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.config.GitHubSettings;
import dev.clarity.bot.server.HealthSource;
import dev.clarity.bot.server.HttpServer;
import dev.clarity.bot.server.RouteContributor;
import dev.clarity.dashboard.DashboardFeature;
import dev.clarity.dashboard.DashboardOptions;
import dev.clarity.dashboard.auth.AccountOutcome;
import dev.clarity.migrations.Database;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
    private final DashboardFeature dashboard;
    private final ScheduledExecutorService liveUpdates;

    private ClarityServer(
            Database database, HttpServer http, DashboardFeature dashboard, ScheduledExecutorService liveUpdates) {
        this.database = database;
        this.http = http;
        this.dashboard = dashboard;
        this.liveUpdates = liveUpdates;
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
        ScheduledExecutorService liveUpdates = null;
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
            liveUpdates = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dashboard-live-updates");
                t.setDaemon(true);
                return t;
            });
            DashboardFeature dashboard = new DashboardFeature(
                    database.dsl(),
                    new NotRunningControls(),
                    clock,
                    config.dataDir().resolve("jte-classes"),
                    liveUpdates,
                    DashboardOptions.defaults()
                            .withSecureCookies(config.publicUrl()
                                    .map(u -> "https".equalsIgnoreCase(u.getScheme()))
                                    .orElse(false)));
            routes.add(dashboard::contribute);
            announceFirstAdmin(dashboard);
            HttpServer http =
                    new HttpServer(host, config.port(), metrics, health, clock, routes, Json.mapper()).start();
            return new ClarityServer(database, http, dashboard, liveUpdates);
        } catch (RuntimeException e) {
            if (liveUpdates != null) {
                liveUpdates.shutdownNow();
            }
            database.close();
            throw e;
        }
    }

    /** On first start, creates the account "admin" and prints its one-time password once, to stderr. */
    private static void announceFirstAdmin(DashboardFeature dashboard) {
        dashboard.accounts().ensureFirstAdmin().ifPresent((AccountOutcome.Created admin) -> {
            System.err.println("First start: created the dashboard account '" + admin.login()
                    + "' with the one-time password " + admin.oneTimePassword()
                    + " (shown only now; sign in at /login).");
            System.err.flush();
        });
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
            dashboard.close();
            liveUpdates.shutdownNow();
        } finally {
            database.close();
        }
    }
}
