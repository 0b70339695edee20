package dev.clarity.bot.config;

import dev.clarity.migrations.DatabaseLocation;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything Clarity reads from its environment (DESIGN §4.6), validated. Built once by
 * {@link EnvironmentConfig#load}; immutable, so it can be shared freely.
 *
 * @param publicUrl how GitHub and browsers reach this server, when set
 * @param dockerHost the container engine's address, when {@code DOCKER_HOST} is set
 */
public record ClarityConfig(
        DatabaseLocation database,
        Path dataDir,
        int port,
        LogFormat logFormat,
        GitHubSettings github,
        Optional<URI> publicUrl,
        RunnerSettings runner,
        SandboxChoice sandbox,
        Optional<String> dockerHost,
        int maxParallel) {}
