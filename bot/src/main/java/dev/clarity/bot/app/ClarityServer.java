package dev.clarity.bot.app;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.ConfigException;
import dev.clarity.bot.metrics.MicrometerDeliveryMeters;
import dev.clarity.bot.metrics.MicrometerStepMeters;
import dev.clarity.bot.orchestrator.JooqExecutionStore;
import dev.clarity.bot.orchestrator.RepositorySignals;
import dev.clarity.bot.server.HealthSource;
import dev.clarity.bot.server.HttpServer;
import dev.clarity.bot.server.MetricsAccess;
import dev.clarity.bot.server.RouteContributor;
import dev.clarity.bot.setup.SetupFeature;
import dev.clarity.bot.usage.JooqUsageLedger;
import dev.clarity.bot.usage.PriceTable;
import dev.clarity.bot.usage.UsageMeters;
import dev.clarity.crm.quickbooks.QuickBooksSettings;
import dev.clarity.crm.secrets.AesGcmSealer;
import dev.clarity.dashboard.DashboardFeature;
import dev.clarity.dashboard.DashboardOptions;
import dev.clarity.dashboard.auth.AccountOutcome;
import dev.clarity.dashboard.keys.ProviderKeyStore;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code clarity serve} runs in one process, built feature by feature: the database and the one
 * execution store, the GitHub side ({@link GitHubSide}: configured, or not), the runner side ({@link RunnerSide}: in
 * this process, or the remote runners of {@code CLARITY_RUNNER_URLS}), the orchestrator, the dashboard and the
 * webhooks of a configured App, behind one HTTP server. Parts are started in order and {@link #close()} stops them
 * in reverse order, leaving no PostgreSQL process behind.
 */
public final class ClarityServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClarityServer.class);
    /** How often the dashboard's runner panel asks the runners how they are. */
    private static final Duration RUNNER_SURVEY_INTERVAL = Duration.ofSeconds(5);

    private final Database database;
    private final Orchestration orchestration;
    private final HttpServer http;
    private final Parts parts;

    private ClarityServer(Database database, Orchestration orchestration, HttpServer http, Parts parts) {
        this.database = database;
        this.orchestration = orchestration;
        this.http = http;
        this.parts = parts;
    }

    /**
     * Starts everything, one feature after the other, each from its own factory; on failure, whatever was started is
     * stopped again before the exception leaves. Settings that cannot work (part of the GitHub App's) are refused
     * before anything starts.
     *
     * @param host the address to bind ("0.0.0.0" for serve, "127.0.0.1" in tests)
     */
    public static ClarityServer start(ClarityConfig config, String host, InstantSource clock) {
        GitHubSide.refuseIncomplete(config.github());
        PrometheusMeterRegistry metrics = Observability.prometheus();
        Database database = Database.open(config.database(), poolSize(config), metrics);
        Parts parts = new Parts();
        try {
            String owner = processName();
            // event rows never hold a secret of the deployment (App key, webhook secret, runner and metrics tokens,
            // database password) nor a credential shape
            // provider keys, QuickBooks tokens and queued mail are sealed with one key, kept like the App's key is:
            // in the data directory, mode 0600 (or CLARITY_SECRETS_KEY)
            AesGcmSealer sealer = AesGcmSealer.fromKeyOrFile(
                    config.secretsKey(),
                    config.dataDir().resolve("secrets").resolve("provider-keys.key"),
                    new SecureRandom());
            // mail first: the store tells it, inside each transition, when an execution completes, pauses or blocks
            MailSide mail = MailSide.start(config, System.getenv(), database, clock, parts, sealer);
            JooqExecutionStore store = new JooqExecutionStore(
                    database.dsl(),
                    clock,
                    new dev.clarity.runner.redaction.KnownSecrets(InProcessRunner.secretsOf(config, System.getenv())),
                    mail.notifications());
            GitHubSide github = GitHubSide.start(config, database, store, clock, owner, parts);
            ProviderKeyStore keys = new ProviderKeyStore(database.dsl(), sealer, clock);
            RunnerSide runners = RunnerSide.start(
                    config,
                    clock,
                    parts,
                    Optional.of(fromEnvironment ->
                            new StoredProviderKeys(database.dsl(), keys, fromEnvironment, System.getenv(), clock)));
            JooqUsageLedger usage = new JooqUsageLedger(
                    database.dsl(),
                    PriceTable.defaultsWith(config.modelPrices().orElse(null)),
                    new UsageMeters(metrics),
                    clock);
            Orchestration orchestration = parts.add(Orchestration.start(
                    database,
                    store,
                    runners,
                    github.publisher(),
                    github.credentials(),
                    config.maxParallel(),
                    clock,
                    usage,
                    new MicrometerStepMeters(metrics)));
            Observability.work(metrics, database.dsl(), clock);
            Observability.runners(metrics, runners, clock);
            DashboardFeature dashboard = dashboard(
                    config, database, orchestration, clock, parts, sealer, RunnerBoard.of(runners), mail.sends());
            announceFirstAdmin(dashboard);
            syncQuickBooks(dashboard, parts);
            List<RouteContributor> routes = new ArrayList<>();
            // first among the routes: the framework tries routes in order, and deliveries come in bursts
            webhooks(github, database, orchestration, clock, owner, parts, new MicrometerDeliveryMeters(metrics))
                    .ifPresent(routes::add);
            routes.add(dashboard::contribute);
            routes.add(SetupFeature.create(config, Json.mapper(), dashboard.guard()));
            routes.add(new MetricsAccess(config.metricsToken()));
            HttpServer http = new HttpServer(
                            host, config.port(), metrics, health(database), clock, routes, Json.mapper())
                    .start();
            return new ClarityServer(database, orchestration, http, parts);
        } catch (RuntimeException e) {
            parts.close();
            database.close();
            throw e;
        }
    }

    /** The dashboard on the orchestrator's controls, with the thread that pushes its live updates. */
    private static DashboardFeature dashboard(
            ClarityConfig config,
            Database database,
            Orchestration orchestration,
            InstantSource clock,
            Parts parts,
            AesGcmSealer sealer,
            RunnerBoard runnerBoard,
            boolean mailSends) {
        ScheduledExecutorService liveUpdates = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("dashboard-live-updates").daemon().factory());
        parts.add(liveUpdates::shutdownNow);
        // its own thread: a runner that does not answer holds up the survey, never the live updates
        ScheduledExecutorService surveys = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("dashboard-runner-survey").daemon().factory());
        parts.add(surveys::shutdownNow);
        runnerBoard.watch(surveys, RUNNER_SURVEY_INTERVAL);
        return parts.add(new DashboardFeature(
                database.dsl(),
                orchestration.controls(),
                clock,
                config.dataDir().resolve("jte-classes"),
                liveUpdates,
                DashboardOptions.defaults()
                        .withSecureCookies(config.publicUrl()
                                .map(u -> "https".equalsIgnoreCase(u.getScheme()))
                                .orElse(false))
                        .withPublicUrl(config.publicUrl())
                        .withRunners(runnerBoard)
                        .withSealer(sealer)
                        .withQuickBooks(quickBooks(System.getenv()))
                        .withMailSends(mailSends)));
    }

    /** QuickBooks Online when {@code CLARITY_QUICKBOOKS_CLIENT_ID} is set; a partial setting stops the start. */
    static Optional<QuickBooksSettings> quickBooks(java.util.Map<String, String> env) {
        try {
            return QuickBooksSettings.fromEnvironment(env);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("CLARITY_QUICKBOOKS_CLIENT_ID", e.getMessage());
        }
    }

    /** Drains the QuickBooks outbox every 30 s on a thread of its own (a slow QuickBooks holds up nothing else). */
    private static void syncQuickBooks(DashboardFeature dashboard, Parts parts) {
        dashboard.quickBooksSync().ifPresent(sync -> {
            ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("quickbooks-sync").daemon().factory());
            parts.add(timer::shutdownNow);
            timer.scheduleWithFixedDelay(
                    () -> {
                        try {
                            sync.drain(100);
                        } catch (RuntimeException e) {
                            log.error("Sending queued documents to QuickBooks Online", e);
                        }
                    },
                    30,
                    30,
                    java.util.concurrent.TimeUnit.SECONDS);
        });
    }

    /**
     * The webhook endpoint of a configured GitHub App, its handlers on the orchestrator's ports, and the replay of
     * the deliveries a previous process accepted and never finished (started now, before the HTTP server takes new
     * ones). Nothing without the App.
     */
    private static Optional<RouteContributor> webhooks(
            GitHubSide github,
            Database database,
            Orchestration orchestration,
            InstantSource clock,
            String owner,
            Parts parts,
            MicrometerDeliveryMeters meters) {
        return switch (github) {
            case GitHubSide.NotConfigured none -> Optional.empty();
            case GitHubSide.Configured app -> {
                GitHubAppFeature feature = parts.add(GitHubAppFeature.create(
                        app.settings(),
                        database.dsl(),
                        app.gateway(),
                        app.outbox(),
                        orchestration.controls(),
                        new RepositorySignals(orchestration.store(), orchestration.controls()),
                        Json.mapper(),
                        clock,
                        Ticker.systemTicker(),
                        Executors.newVirtualThreadPerTaskExecutor(),
                        owner,
                        meters));
                ScheduledExecutorService replayTimer = Executors.newSingleThreadScheduledExecutor(
                        Thread.ofPlatform().name("webhook-replay").daemon().factory());
                parts.add(replayTimer::shutdownNow);
                feature.replayUnfinished(
                        replayTimer, Duration.ofMinutes(1), database.location() instanceof DatabaseLocation.Embedded);
                yield Optional.of(feature);
            }
        };
    }

    /** What {@code /healthz} reports: whether the database answers, and its schema version. */
    private static HealthSource health(Database database) {
        return new HealthSource() {
            @Override
            public boolean databaseReachable() {
                return database.isReachable();
            }

            @Override
            public String schemaVersion() {
                return database.schemaVersion();
            }
        };
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
                    + " (shown only now; sign in at /login, where you choose your own password).");
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
            parts.close();
        } finally {
            database.close();
        }
    }
}
