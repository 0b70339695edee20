package dev.clarity.bot.app;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.ConfigException;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.config.GitHubSettings;
import dev.clarity.bot.github.GitHubGateway;
import dev.clarity.bot.orchestrator.ExecutionSnapshot;
import dev.clarity.bot.orchestrator.ItemPublisher;
import dev.clarity.bot.orchestrator.JooqExecutionStore;
import dev.clarity.bot.orchestrator.LocalWorkspaceFiles;
import dev.clarity.bot.orchestrator.RepositorySignals;
import dev.clarity.bot.outbox.GitHubOutbox;
import dev.clarity.bot.publish.GitHubItemPublisher;
import dev.clarity.bot.server.HealthSource;
import dev.clarity.bot.server.HttpServer;
import dev.clarity.bot.server.MetricsAccess;
import dev.clarity.bot.server.RouteContributor;
import dev.clarity.bot.setup.SetupFeature;
import dev.clarity.dashboard.DashboardFeature;
import dev.clarity.dashboard.DashboardOptions;
import dev.clarity.dashboard.auth.AccountOutcome;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.runner.api.GitCredentials;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code clarity serve} runs in one process: the database, the in-process runner (or, with
 * {@code CLARITY_RUNNER_URLS}, the clients of remote runners), the orchestrator, the dashboard and (when configured)
 * the GitHub App, behind one HTTP server. Parts are started in order and
 * {@link #close()} stops them in reverse order, leaving no PostgreSQL process behind.
 */
public final class ClarityServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClarityServer.class);

    private final Database database;
    private final Orchestration orchestration;
    private final HttpServer http;
    private final Deque<AutoCloseable> parts;

    private ClarityServer(Database database, Orchestration orchestration, HttpServer http, Deque<AutoCloseable> parts) {
        this.database = database;
        this.orchestration = orchestration;
        this.http = http;
        this.parts = parts;
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
        Deque<AutoCloseable> parts = new ArrayDeque<>();
        String owner = processName();
        try {
            GitHubGateway gateway = config.github() instanceof GitHubSettings.Complete github
                    ? GitHubAppFeature.gateway(github, Json.mapper(), clock)
                    : null;
            GitHubOutbox outbox = gateway == null ? null : startOutbox(database, gateway, clock, owner, parts);
            GitHubItemPublisher gitHubPublisher = gateway == null
                    ? null
                    : new GitHubItemPublisher(
                            database.dsl(),
                            gateway,
                            outbox,
                            new JooqExecutionStore(database.dsl(), clock),
                            config.publicUrl().map(Object::toString).orElse(null),
                            clock);
            var publisher = gitHubPublisher == null ? ItemPublisher.NONE : gitHubPublisher;
            Function<ExecutionSnapshot, GitCredentials> credentials =
                    gitHubPublisher == null ? s -> null : gitHubPublisher::credentials;
            Orchestration orchestration;
            if (config.runner().remoteUrls().isEmpty()) {
                var workspaces = config.dataDir().resolve("workspaces");
                InProcessRunner runner = InProcessRunner.create(config, workspaces, clock);
                parts.push(runner);
                orchestration = Orchestration.start(
                        database,
                        runner.runner(),
                        new LocalWorkspaceFiles(workspaces),
                        publisher,
                        credentials,
                        config.maxParallel(),
                        clock);
            } else {
                var surveys = Executors.newVirtualThreadPerTaskExecutor();
                parts.push(surveys::shutdownNow);
                orchestration = Orchestration.start(
                        database,
                        RemoteRunners.pool(config.runner(), surveys),
                        publisher,
                        credentials,
                        config.maxParallel(),
                        clock);
            }
            parts.push(orchestration);
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
            ScheduledExecutorService liveUpdates = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("dashboard-live-updates").daemon().factory());
            parts.push(liveUpdates::shutdownNow);
            DashboardFeature dashboard = new DashboardFeature(
                    database.dsl(),
                    orchestration.controls(),
                    clock,
                    config.dataDir().resolve("jte-classes"),
                    liveUpdates,
                    DashboardOptions.defaults()
                            .withSecureCookies(config.publicUrl()
                                    .map(u -> "https".equalsIgnoreCase(u.getScheme()))
                                    .orElse(false))
                            .withPublicUrl(config.publicUrl()));
            parts.push(dashboard);
            routes.add(dashboard::contribute);
            announceFirstAdmin(dashboard);
            if (config.github() instanceof GitHubSettings.Complete github) {
                var webhookExecutor = Executors.newVirtualThreadPerTaskExecutor();
                GitHubAppFeature app = GitHubAppFeature.create(
                        github,
                        database.dsl(),
                        gateway,
                        outbox,
                        orchestration.controls(),
                        new RepositorySignals(orchestration.store(), orchestration.controls()),
                        Json.mapper(),
                        clock,
                        Ticker.systemTicker(),
                        webhookExecutor,
                        owner);
                // first among the routes: the framework tries routes in order, and deliveries come in bursts
                routes.add(0, app);
                parts.push(app);
                ScheduledExecutorService replayTimer = Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().name("webhook-replay").daemon().factory());
                parts.push(replayTimer::shutdownNow);
                app.replayUnfinished(
                        replayTimer, Duration.ofMinutes(1), database.location() instanceof DatabaseLocation.Embedded);
            }
            routes.add(SetupFeature.create(config, Json.mapper(), dashboard.guard()));
            routes.add(new MetricsAccess(config.metricsToken()));
            HttpServer http =
                    new HttpServer(host, config.port(), metrics, health, clock, routes, Json.mapper()).start();
            return new ClarityServer(database, orchestration, http, parts);
        } catch (RuntimeException e) {
            closeAll(parts);
            database.close();
            throw e;
        }
    }

    /**
     * The outbox of GitHub writes and its worker, which starts with the writes left from before a restart. Closed
     * after the orchestrator (parts close in reverse order), so the last progress update is queued before it stops.
     */
    private static GitHubOutbox startOutbox(
            Database database, GitHubGateway gateway, InstantSource clock, String owner, Deque<AutoCloseable> parts) {
        GitHubOutbox outbox = new GitHubOutbox(
                database.dsl(),
                gateway,
                clock,
                () -> ThreadLocalRandom.current().nextDouble(),
                owner);
        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("github-writes").daemon().factory());
        parts.push(worker::shutdownNow);
        parts.push(outbox);
        outbox.start(worker, Duration.ofSeconds(1), database.location() instanceof DatabaseLocation.Embedded);
        return outbox;
    }

    /** Names this server in the claims it takes (outbox writes, webhook deliveries): pid@host and a random part. */
    private static String processName() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/"
                + java.util.UUID.randomUUID().toString().substring(0, 8);
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

    public Orchestration orchestration() {
        return orchestration;
    }

    @Override
    public void close() {
        log.info("Stopping: HTTP server, features, orchestrator (running steps are cancelled and resume on the next"
                + " start), runner, database");
        try {
            http.close();
            closeAll(parts);
        } finally {
            database.close();
        }
    }

    private static void closeAll(Deque<AutoCloseable> parts) {
        while (!parts.isEmpty()) {
            try {
                parts.pop().close();
            } catch (Exception e) {
                log.warn("Stopping a part reported: {}", e.getMessage());
            }
        }
    }
}
