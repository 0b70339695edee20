package dev.clarity.runner.app;

import dev.clarity.runner.gateway.EnvironmentProviderKeys;
import dev.clarity.runner.gateway.ModelGateway;
import dev.clarity.runner.gateway.Provider;
import dev.clarity.runner.gateway.ProviderKeys;
import dev.clarity.runner.local.LocalRunner;
import dev.clarity.runner.policy.CommandPolicy;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.BubblewrapProbe;
import dev.clarity.runner.sandbox.DockerSandbox;
import dev.clarity.runner.sandbox.EngineProbe;
import dev.clarity.runner.sandbox.OutputLimits;
import dev.clarity.runner.sandbox.ProcessSandbox;
import dev.clarity.runner.sandbox.Sandbox;
import dev.clarity.runner.sandbox.SandboxImage;
import dev.clarity.runner.sandbox.SandboxResources;
import dev.clarity.runner.toolchain.SandboxCeilings;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the runner from settings. {@code sandboxChoice} is {@code docker}, {@code process} or {@code auto} (the
 * engine when one answers, else the process sandbox). The orchestrator calls {@link #localRunner} for the
 * in-process runner; {@code clarity runner} wraps the same runner in its HTTP server.
 */
public final class RunnerAssembly {
    /** What every sandboxed step gets; the command policy filters it again. */
    public static final Map<String, String> BASE_ENVIRONMENT =
            Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/tmp", "LANG", "C.UTF-8", "CI", "true");

    private static final Logger log = LoggerFactory.getLogger(RunnerAssembly.class);

    private RunnerAssembly() {}

    public static Sandbox sandbox(
            String sandboxChoice,
            Optional<String> dockerHost,
            String image,
            Path dataDir,
            Executor executor,
            InstantSource clock) {
        String choice = sandboxChoice == null ? "auto" : sandboxChoice.toLowerCase(Locale.ROOT);
        Optional<String> engine = choice.equals("process") ? Optional.empty() : EngineProbe.find(dockerHost);
        if (choice.equals("docker") && engine.isEmpty()) {
            throw new IllegalStateException("CLARITY_SANDBOX=docker but no container engine answers at "
                    + dockerHost.orElse("the usual sockets") + "; set DOCKER_HOST or CLARITY_SANDBOX=process");
        }
        if (engine.isPresent()) {
            var docker = DockerSandbox.client(engine.get());
            if (!SandboxImage.exists(docker, image)) {
                log.warn("{}", SandboxImage.missing(image));
            }
            DockerSandbox sandbox = new DockerSandbox(
                    docker, SandboxResources.defaults(image), clock, OutputLimits.DEFAULT, owner(dataDir));
            sandbox.reapLeftovers();
            log.info("Sandbox: container engine at {} with image {}", engine.get(), image);
            return sandbox;
        }
        return new ProcessSandbox(BubblewrapProbe.find(System.getenv("PATH")), executor, clock, OutputLimits.DEFAULT);
    }

    /** Containers of runners with the same data directory are this runner's own (reaped at start). */
    static String owner(Path dataDir) {
        return "runner-"
                + Integer.toHexString(
                        dataDir.toAbsolutePath().normalize().toString().hashCode());
    }

    /**
     * The in-process runner over {@code dataDir/workspaces}, with the admin's sandbox ceilings from the process
     * environment ({@link SandboxCeilings#fromEnvironment}).
     */
    public static LocalRunner localRunner(
            Path dataDir, Sandbox sandbox, Redactor redactor, InstantSource clock, Executor executor, int capacity) {
        return localRunner(
                dataDir,
                sandbox,
                redactor,
                clock,
                executor,
                capacity,
                SandboxCeilings.fromEnvironment(System.getenv()));
    }

    /**
     * The in-process runner over {@code dataDir/workspaces}; repositories' {@code sandbox:} stay within
     * {@code ceilings}. With the model gateway: provider keys and upstreams from Clarity's environment
     * ({@link EnvironmentProviderKeys}), step sockets under {@code dataDir/gw}. The keys join the redactor's secrets.
     */
    public static LocalRunner localRunner(
            Path dataDir,
            Sandbox sandbox,
            Redactor redactor,
            InstantSource clock,
            Executor executor,
            int capacity,
            SandboxCeilings ceilings) {
        return localRunner(dataDir, sandbox, redactor, clock, executor, capacity, ceilings, Optional.empty());
    }

    /**
     * As the other {@code localRunner}, with the keys a deployment stores per customer or project ({@code stored},
     * asked first for each model request; Clarity's environment answers for what it does not hold).
     */
    public static LocalRunner localRunner(
            Path dataDir,
            Sandbox sandbox,
            Redactor redactor,
            InstantSource clock,
            Executor executor,
            int capacity,
            SandboxCeilings ceilings,
            Optional<java.util.function.UnaryOperator<ProviderKeys>> stored) {
        Map<String, String> environment = System.getenv();
        ProviderKeys fromEnvironment = new EnvironmentProviderKeys(environment);
        ModelGateway gateway = new ModelGateway(
                stored.map(s -> s.apply(fromEnvironment)).orElse(fromEnvironment),
                dataDir.resolve("gw"),
                ModelGateway.randomTokens(),
                sandbox.takesHandoffs());
        List<String> keys = Stream.of(Provider.values())
                .flatMap(p -> p.keyVariable().stream())
                .map(environment::get)
                .filter(k -> k != null && !k.isBlank())
                .toList();
        return new LocalRunner(
                dataDir.resolve("workspaces"),
                sandbox,
                CommandPolicy.defaults(),
                BASE_ENVIRONMENT,
                redactor.with(keys),
                clock,
                executor,
                capacity,
                Optional.of(gateway),
                ceilings);
    }

    /** Builds the default sandbox image through the engine's API; returns its id. */
    public static String buildImage(Optional<String> dockerHost, String image) {
        return SandboxImage.build(DockerSandbox.client(engine(dockerHost)), image, SandboxImage.BUSYBOX);
    }

    /**
     * Builds the recipe {@code name} from {@code recipes/name/Dockerfile} through the engine's API as
     * {@link SandboxImage#recipeTag(String)}; returns the image id.
     */
    public static String buildRecipe(Optional<String> dockerHost, Path recipes, String name) {
        SandboxImage.recipe(recipes, name); // an unknown recipe is named before any engine is looked for
        return SandboxImage.buildRecipe(DockerSandbox.client(engine(dockerHost)), recipes, name);
    }

    private static String engine(Optional<String> dockerHost) {
        return EngineProbe.find(dockerHost)
                .orElseThrow(() -> new IllegalStateException("no container engine answers at "
                        + dockerHost.orElse("the usual sockets") + "; set DOCKER_HOST"));
    }
}
