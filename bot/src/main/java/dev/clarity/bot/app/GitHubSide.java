package dev.clarity.bot.app;

import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.ConfigException;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.config.GitHubSettings;
import dev.clarity.bot.github.GitHubGateway;
import dev.clarity.bot.orchestrator.ExecutionSnapshot;
import dev.clarity.bot.orchestrator.ItemPublisher;
import dev.clarity.bot.orchestrator.JooqExecutionStore;
import dev.clarity.bot.outbox.GitHubOutbox;
import dev.clarity.bot.publish.GitHubItemPublisher;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.runner.api.GitCredentials;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * The GitHub side of {@code serve}: the App's settings with what talks to GitHub, or the form of a process without
 * them (local projects only). What the orchestrator needs of it ({@link #publisher()}, {@link #credentials()}) is
 * there in both forms; the webhook endpoint exists only when it is {@link Configured}.
 */
sealed interface GitHubSide {
    /** What the orchestrator announces through: pull requests, check runs and progress comments, or nothing. */
    ItemPublisher publisher();

    /** The credentials clone and push use for an execution's repository (null: none needed). */
    Function<ExecutionSnapshot, GitCredentials> credentials();

    /** The App's settings are complete: the REST gateway, the outbox of writes (running) and the publisher. */
    record Configured(
            GitHubSettings.Complete settings,
            GitHubGateway gateway,
            GitHubOutbox outbox,
            GitHubItemPublisher gitHubPublisher)
            implements GitHubSide {
        @Override
        public ItemPublisher publisher() {
            return gitHubPublisher;
        }

        @Override
        public Function<ExecutionSnapshot, GitCredentials> credentials() {
            return gitHubPublisher::credentials;
        }
    }

    /** No GitHub variable is set: nothing is published, repositories are reached without credentials. */
    record NotConfigured() implements GitHubSide {
        @Override
        public ItemPublisher publisher() {
            return ItemPublisher.NONE;
        }

        @Override
        public Function<ExecutionSnapshot, GitCredentials> credentials() {
            return execution -> null;
        }
    }

    /**
     * Refuses settings that are neither complete nor absent, with a sentence naming the first missing variable.
     * Called before anything is started.
     */
    static void refuseIncomplete(GitHubSettings settings) {
        if (settings instanceof GitHubSettings.Partial p) {
            String first = p.missing().getFirst();
            throw new ConfigException(
                    first,
                    first + " is missing: the other GitHub App settings are set, so Clarity needs all of "
                            + EnvironmentConfig.APP_ID + ", " + EnvironmentConfig.PRIVATE_KEY_PATH + " (or "
                            + EnvironmentConfig.PRIVATE_KEY + ") and " + EnvironmentConfig.WEBHOOK_SECRET
                            + " (for example " + EnvironmentConfig.WEBHOOK_SECRET
                            + "=$(openssl rand -hex 20)), or none of them");
        }
    }

    /**
     * The GitHub side {@code config} describes, started: with complete settings, the gateway, and the outbox of
     * writes with its worker (added to {@code parts} before the orchestrator, so that it stops after it and the last
     * progress update is queued before it stops).
     *
     * @param store the orchestrator's store, which the publisher reads an execution's items from
     * @param owner names this process in the claims the outbox takes
     */
    static GitHubSide start(
            ClarityConfig config,
            Database database,
            JooqExecutionStore store,
            InstantSource clock,
            String owner,
            Parts parts) {
        return switch (config.github()) {
            case GitHubSettings.Complete settings -> {
                GitHubGateway gateway = GitHubAppFeature.gateway(settings, Json.mapper(), clock);
                GitHubOutbox outbox = startOutbox(database, gateway, clock, owner, parts);
                GitHubItemPublisher publisher = new GitHubItemPublisher(
                        database.dsl(),
                        gateway,
                        outbox,
                        store,
                        config.publicUrl().map(Object::toString).orElse(null),
                        clock);
                yield new Configured(settings, gateway, outbox, publisher);
            }
            case GitHubSettings.Absent absent -> new NotConfigured();
            case GitHubSettings.Partial partial -> {
                refuseIncomplete(partial);
                throw new IllegalStateException("partial GitHub settings were not refused");
            }
        };
    }

    /** The outbox of GitHub writes and its worker, which starts with the writes left from before a restart. */
    private static GitHubOutbox startOutbox(
            Database database, GitHubGateway gateway, InstantSource clock, String owner, Parts parts) {
        GitHubOutbox outbox = new GitHubOutbox(
                database.dsl(),
                gateway,
                clock,
                () -> ThreadLocalRandom.current().nextDouble(),
                owner);
        ScheduledExecutorService worker = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("github-writes").daemon().factory());
        parts.add(worker::shutdownNow);
        parts.add(outbox);
        outbox.start(worker, Duration.ofSeconds(1), database.location() instanceof DatabaseLocation.Embedded);
        return outbox;
    }
}
