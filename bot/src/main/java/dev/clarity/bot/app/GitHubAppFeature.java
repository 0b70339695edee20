package dev.clarity.bot.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.clarity.bot.commands.CommandParser;
import dev.clarity.bot.config.GitHubSettings;
import dev.clarity.bot.events.CommentCommandHandler;
import dev.clarity.bot.events.CommenterPermissions;
import dev.clarity.bot.events.InstallationHandler;
import dev.clarity.bot.events.ProjectDirectory;
import dev.clarity.bot.events.RepositoryEventHandler;
import dev.clarity.bot.github.AppKey;
import dev.clarity.bot.github.GitHubGateway;
import dev.clarity.bot.github.RestGitHubGateway;
import dev.clarity.bot.github.RetryPolicy;
import dev.clarity.bot.github.Sleeper;
import dev.clarity.bot.orchestrator.ports.IdempotentControls;
import dev.clarity.bot.orchestrator.ports.OrchestratorSignals;
import dev.clarity.bot.outbox.GitHubOutbox;
import dev.clarity.bot.server.RouteContributor;
import dev.clarity.bot.webhook.DeliveryLog;
import dev.clarity.bot.webhook.DeliveryReplay;
import dev.clarity.bot.webhook.EventHandler;
import dev.clarity.bot.webhook.EventRoutes;
import dev.clarity.bot.webhook.WebhookEndpoint;
import dev.clarity.bot.webhook.WebhookEvents;
import dev.clarity.bot.webhook.WebhookSignature;
import io.javalin.config.JavalinConfig;
import java.net.URI;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;

/**
 * Wires the GitHub App side: the webhook endpoint, its event handlers, the executor they run on, and the replay of
 * deliveries a previous process accepted and never finished ({@link #replayUnfinished}). Closing it stops the replay,
 * stops taking deliveries onto the executor and waits briefly for the ones running.
 */
public final class GitHubAppFeature implements RouteContributor, AutoCloseable {
    private final WebhookEndpoint endpoint;
    private final ExecutorService executor;
    private final DeliveryLog deliveries;
    private final DeliveryReplay replay;

    private GitHubAppFeature(
            WebhookEndpoint endpoint, ExecutorService executor, DeliveryLog deliveries, DeliveryReplay replay) {
        this.endpoint = endpoint;
        this.executor = executor;
        this.deliveries = deliveries;
        this.replay = replay;
    }

    /**
     * The REST adapter for these settings, with real time, real sleeps and the standard retry policy, behind the last
     * redaction of everything Clarity writes on GitHub (the App's key, the webhook secret, the installation tokens it
     * mints, the credential shapes).
     */
    public static GitHubGateway gateway(GitHubSettings.Complete settings, ObjectMapper json, InstantSource clock) {
        return new dev.clarity.bot.github.RedactingGitHubGateway(rest(settings, json, clock), secrets(settings));
    }

    /** The secrets of the App's settings, which no GitHub write may hold. */
    static dev.clarity.runner.redaction.KnownSecrets secrets(GitHubSettings.Complete settings) {
        return new dev.clarity.runner.redaction.KnownSecrets(
                java.util.List.of(settings.webhookSecret(), settings.privateKeyPem()));
    }

    private static GitHubGateway rest(GitHubSettings.Complete settings, ObjectMapper json, InstantSource clock) {
        return new RestGitHubGateway(
                settings.apiUrl(),
                settings.appId(),
                AppKey.fromPem(settings.privateKeyPem()),
                RestGitHubGateway.httpClient(),
                json,
                clock,
                Ticker.systemTicker(),
                Sleeper.system(),
                RetryPolicy.standard(),
                () -> ThreadLocalRandom.current().nextDouble());
    }

    public static GitHubAppFeature create(
            GitHubSettings.Complete settings,
            DSLContext db,
            GitHubGateway github,
            GitHubOutbox outbox,
            IdempotentControls controls,
            OrchestratorSignals signals,
            ObjectMapper json,
            InstantSource clock,
            Ticker ticker,
            ExecutorService executor,
            String owner) {
        return create(
                settings,
                db,
                github,
                outbox,
                controls,
                signals,
                json,
                clock,
                ticker,
                executor,
                owner,
                dev.clarity.bot.webhook.DeliveryMeters.NONE);
    }

    /** As the other {@code create}, counting deliveries on {@code meters}. */
    public static GitHubAppFeature create(
            GitHubSettings.Complete settings,
            DSLContext db,
            GitHubGateway github,
            GitHubOutbox outbox,
            IdempotentControls controls,
            OrchestratorSignals signals,
            ObjectMapper json,
            InstantSource clock,
            Ticker ticker,
            ExecutorService executor,
            String owner,
            dev.clarity.bot.webhook.DeliveryMeters meters) {
        ProjectDirectory projects = new ProjectDirectory(db, webBase(settings.apiUrl()), clock);
        CommentCommandHandler comments = new CommentCommandHandler(
                new CommandParser(),
                outbox,
                new CommenterPermissions(github, Duration.ofMinutes(1), ticker),
                projects,
                controls,
                clock);
        InstallationHandler installations = new InstallationHandler(projects, github);
        RepositoryEventHandler repositoryEvents = new RepositoryEventHandler(projects, signals, controls);
        EventHandler comment = EventHandler.reading(WebhookEvents::issueCommentCreated, comments::handle)
                .when(comments::wants);
        EventHandler installation = EventHandler.reading(WebhookEvents::installationChanged, installations::handle);
        EventRoutes routes = new EventRoutes(Map.of(
                "issue_comment.created", comment,
                "installation.created", installation,
                "installation.deleted", installation,
                "installation.suspend", installation,
                "installation.unsuspend", installation,
                "installation_repositories", installation,
                "push", EventHandler.reading(WebhookEvents::pushReceived, repositoryEvents::push),
                "pull_request.closed",
                        EventHandler.reading(WebhookEvents::pullRequestClosed, repositoryEvents::pullRequestClosed),
                "check_run.rerequested",
                        EventHandler.reading(WebhookEvents::checkRunRequested, repositoryEvents::checkRunRequested)));
        DeliveryLog deliveries = new DeliveryLog(db, owner, clock);
        WebhookEndpoint endpoint = new WebhookEndpoint(
                new WebhookSignature(settings.webhookSecret()), deliveries, routes, executor, json, meters);
        return new GitHubAppFeature(
                endpoint, executor, deliveries, new DeliveryReplay(db, endpoint, json, clock, owner));
    }

    /**
     * Handles again, at once and then every {@code every}, the deliveries that were answered and never finished
     * (see {@link DeliveryReplay}). Called once, before the HTTP server takes deliveries.
     *
     * @param onlyProcess the database is this process's own (embedded): everything left unfinished is stale now
     */
    public void replayUnfinished(ScheduledExecutorService timer, Duration every, boolean onlyProcess) {
        replay.start(timer, every, onlyProcess);
    }

    /** The replay, for a caller that drives its passes itself. */
    public DeliveryReplay replay() {
        return replay;
    }

    /** Where repositories live for browsers and git: github.com for api.github.com, else the API's host. */
    public static String webBase(URI apiUrl) {
        if ("api.github.com".equalsIgnoreCase(apiUrl.getHost())) {
            return "https://github.com";
        }
        return dev.clarity.bot.setup.SetupFeature.webBase(apiUrl);
    }

    @Override
    public void contribute(JavalinConfig config) {
        config.routes.post(WebhookEndpoint.PATH, endpoint);
    }

    @Override
    public void close() {
        replay.close();
        executor.shutdown();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deliveries.close();
        }
    }
}
