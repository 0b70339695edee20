package dev.clarity.bot.config;

import dev.clarity.migrations.DatabaseLocation;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Everything Clarity reads from its environment, validated. Built once by
 * {@link EnvironmentConfig#load}; immutable, so it can be shared freely.
 *
 * @param publicUrl how GitHub and browsers reach this server, when set
 * @param dockerHost the container engine's address, when {@code DOCKER_HOST} is set
 * @param metricsToken the bearer token {@code GET /metrics} requires, when {@code CLARITY_METRICS_TOKEN} is set
 * @param modelPrices price overrides, {@code model=input/output,…} in US dollars per million tokens, when
 *     {@code CLARITY_MODEL_PRICES} is set (checked)
 * @param secretsKey the base64 AES key that seals provider keys at rest, when {@code CLARITY_SECRETS_KEY} is set
 *     (else a key file in the data directory)
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
        int maxParallel,
        Optional<String> metricsToken,
        Optional<String> modelPrices,
        Optional<String> secretsKey) {

    /** Without price overrides or a secrets key from the environment. */
    public ClarityConfig(
            DatabaseLocation database,
            Path dataDir,
            int port,
            LogFormat logFormat,
            GitHubSettings github,
            Optional<URI> publicUrl,
            RunnerSettings runner,
            SandboxChoice sandbox,
            Optional<String> dockerHost,
            int maxParallel,
            Optional<String> metricsToken) {
        this(
                database,
                dataDir,
                port,
                logFormat,
                github,
                publicUrl,
                runner,
                sandbox,
                dockerHost,
                maxParallel,
                metricsToken,
                Optional.empty(),
                Optional.empty());
    }

    /** Everything but the metrics token, which stays unset ({@code /metrics} open). */
    public ClarityConfig(
            DatabaseLocation database,
            Path dataDir,
            int port,
            LogFormat logFormat,
            GitHubSettings github,
            Optional<URI> publicUrl,
            RunnerSettings runner,
            SandboxChoice sandbox,
            Optional<String> dockerHost,
            int maxParallel) {
        this(
                database,
                dataDir,
                port,
                logFormat,
                github,
                publicUrl,
                runner,
                sandbox,
                dockerHost,
                maxParallel,
                Optional.empty());
    }

    /** As a record prints itself, with the metrics token and the secrets key left out (the other secrets print redacted already). */
    @Override
    public String toString() {
        return "ClarityConfig[database=" + database + ", dataDir=" + dataDir + ", port=" + port + ", logFormat="
                + logFormat + ", github=" + github + ", publicUrl=" + publicUrl + ", runner=" + runner + ", sandbox="
                + sandbox + ", dockerHost=" + dockerHost + ", maxParallel=" + maxParallel + ", metricsToken="
                + (metricsToken.isPresent() ? "(set)" : "(unset)") + ", modelPrices=" + modelPrices + ", secretsKey="
                + (secretsKey.isPresent() ? "(set)" : "(unset)") + "]";
    }
}
