package dev.clarity.bot.app;

import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.GitHubSettings;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.runner.api.Runner;
import dev.clarity.runner.app.RunnerAssembly;
import dev.clarity.runner.gateway.ProviderKeys;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.DockerSandbox;
import dev.clarity.runner.sandbox.EngineProbe;
import dev.clarity.runner.sandbox.SandboxImage;
import dev.clarity.runner.sandbox.SandboxResources;
import dev.clarity.runner.toolchain.SandboxCeilings;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner inside {@code serve} and {@code run}: the same {@code LocalRunner} that {@code clarity runner}
 * serves over HTTP. With no sandbox chosen, the container engine is used when it answers and holds the sandbox
 * image; otherwise the process sandbox (bubblewrap when installed).
 */
public final class InProcessRunner implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InProcessRunner.class);

    private final Runner runner;
    private final ExecutorService executor;

    private InProcessRunner(Runner runner, ExecutorService executor) {
        this.runner = runner;
        this.executor = executor;
    }

    /**
     * Every secret value this deployment holds, for the redactor: the App's key and webhook secret, the runner token,
     * the metrics token and the database password (the embedded server's, made at its first start, or the one in
     * {@code CLARITY_DATABASE_URL}).
     */
    /**
     * {@link #secretsOf(ClarityConfig)} and the values of the environment's variables whose names say they hold a
     * secret (a provider's {@code ANTHROPIC_API_KEY} or {@code OPENAI_API_KEY}, an {@code SMTP_PASSWORD}, any
     * {@code *_TOKEN}, {@code *_SECRET}, {@code *_PASSWORD}, {@code *_KEY}): what every channel Clarity writes redacts.
     */
    public static List<String> secretsOf(ClarityConfig config, java.util.Map<String, String> environment) {
        List<String> secrets = new ArrayList<>(secretsOf(config));
        secrets.addAll(environmentSecrets(environment));
        // the password inside CLARITY_SMTP_URL, whose name says nothing of it
        dev.clarity.crm.mail.MailEnvironment.password(environment).ifPresent(secrets::add);
        return secrets;
    }

    /** The values of the variables whose names say they hold a secret ({@code *_KEY}, {@code *_TOKEN}, …). */
    public static List<String> environmentSecrets(java.util.Map<String, String> environment) {
        List<String> secrets = new ArrayList<>();
        environment.forEach((name, value) -> {
            String upper = name.toUpperCase(java.util.Locale.ROOT);
            if (upper.endsWith("_KEY")
                    || upper.endsWith("_TOKEN")
                    || upper.endsWith("_SECRET")
                    || upper.endsWith("PASSWORD")) {
                secrets.add(value);
            }
        });
        return secrets;
    }

    static List<String> secretsOf(ClarityConfig config) {
        List<String> secrets = new ArrayList<>();
        if (config.github() instanceof GitHubSettings.Complete c) {
            secrets.add(c.webhookSecret());
            secrets.add(c.privateKeyPem());
        }
        if (config.runner().token() != null) {
            secrets.add(config.runner().token());
        }
        config.metricsToken().ifPresent(secrets::add);
        switch (config.database()) {
            case DatabaseLocation.Embedded embedded -> embedded.password().ifPresent(secrets::add);
            case DatabaseLocation.External external -> {
                if (external.password() != null) {
                    secrets.add(external.password());
                }
            }
        }
        return secrets;
    }

    public static InProcessRunner create(ClarityConfig config, Path workspaces, InstantSource clock) {
        return create(config, workspaces, clock, Optional.empty());
    }

    /**
     * As the other {@code create}, with the provider keys stored per customer or project: {@code storedKeys} wraps the
     * environment's keys, which answer for what the store does not hold.
     */
    public static InProcessRunner create(
            ClarityConfig config,
            Path workspaces,
            InstantSource clock,
            Optional<UnaryOperator<ProviderKeys>> storedKeys) {
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        String image = SandboxResources.DEFAULT_IMAGE;
        String choice = switch (config.sandbox()) {
            case DOCKER -> "docker";
            case PROCESS -> "process";
            case AUTO ->
                EngineProbe.find(config.dockerHost())
                        .filter(host -> SandboxImage.exists(DockerSandbox.client(host), image))
                        .map(host -> "docker")
                        .orElseGet(() -> {
                            log.info("No container engine with image {} answers; using the process sandbox", image);
                            return "process";
                        });
        };
        List<String> secrets = secretsOf(config, System.getenv());
        var sandbox =
                RunnerAssembly.sandbox(choice, config.dockerHost(), image, workspaces.getParent(), executor, clock);
        Runner runner = RunnerAssembly.localRunner(
                workspaces.getParent(),
                sandbox,
                Redactor.builtIn().with(secrets),
                clock,
                executor,
                Math.max(2, config.maxParallel()),
                SandboxCeilings.fromEnvironment(System.getenv()),
                storedKeys);
        return new InProcessRunner(runner, executor);
    }

    public Runner runner() {
        return runner;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
