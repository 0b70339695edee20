package dev.clarity.bot.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.config.RunnerServiceSettings;
import dev.clarity.runner.app.RunnerAssembly;
import dev.clarity.runner.http.RunnerHttpServer;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.SandboxImage;
import dev.clarity.runner.sandbox.SandboxResources;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./clarity runner}: the standalone runner service, or {@code --build-image} for the sandbox image. */
@Command(
        name = "runner",
        mixinStandardHelpOptions = true,
        description = "The standalone runner service (HTTP, default :9001) that executes steps in sandboxes.")
final class RunnerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(
            names = "--build-image",
            arity = "0..1",
            fallbackValue = "",
            paramLabel = "NAME",
            description = "Build a sandbox image and exit: without NAME the default image from local files (busybox),"
                    + " with NAME the recipe sandbox/NAME/Dockerfile as localhost/clarity-sandbox-NAME:latest.")
    String buildImage;

    @Option(
            names = "--recipes",
            paramLabel = "DIR",
            description = "Where the image recipes are (default CLARITY_SANDBOX_RECIPES, else ./sandbox).")
    Path recipes;

    @Option(names = "--image", description = "Sandbox image (default ${DEFAULT-VALUE}).")
    String image = SandboxResources.DEFAULT_IMAGE;

    @Option(names = "--host", description = "Address to listen on (default ${DEFAULT-VALUE}).")
    String host = "0.0.0.0";

    @Option(names = "--port", description = "Port (default CLARITY_RUNNER_PORT or 9001).")
    Integer port;

    @Option(names = "--capacity", description = "Steps run at once (default CLARITY_MAX_PARALLEL or 2).")
    Integer capacity;

    private final Map<String, String> environment;

    RunnerCommand() {
        this(System.getenv());
    }

    /** With {@code environment} in place of the process environment (tests). */
    RunnerCommand(Map<String, String> environment) {
        this.environment = environment;
    }

    /**
     * Reads and checks every setting before anything starts: a missing or malformed one (a token shorter than 16
     * characters, a port that is not a number) is a {@link dev.clarity.bot.config.ConfigException}, printed as one
     * line naming the variable.
     */
    @Override
    public Integer call() throws InterruptedException {
        var err = spec.commandLine().getErr();
        if (buildImage != null && buildImage.isEmpty()) {
            String id = RunnerAssembly.buildImage(env("DOCKER_HOST"), image);
            err.printf("Built sandbox image %s (%s)%n", image, id);
            return ExitCodes.OK;
        }
        if (buildImage != null) {
            Path dir = recipes != null
                    ? recipes
                    : env("CLARITY_SANDBOX_RECIPES").map(Path::of).orElse(Path.of("sandbox"));
            try {
                String id = RunnerAssembly.buildRecipe(env("DOCKER_HOST"), dir, buildImage);
                err.printf("Built sandbox image %s (%s)%n", SandboxImage.recipeTag(buildImage), id);
                return ExitCodes.OK;
            } catch (IllegalArgumentException e) {
                err.println(e.getMessage());
                return ExitCodes.BAD_INPUT;
            }
        }
        RunnerServiceSettings settings =
                EnvironmentConfig.runnerService(environment, Path.of(System.getProperty("user.home")));
        int listen = port != null ? port : settings.port();
        int slots = capacity != null ? capacity : settings.capacity();
        List<String> secrets = new ArrayList<>();
        secrets.add(settings.token());
        env("GITHUB_WEBHOOK_SECRET").ifPresent(secrets::add);
        env("GITHUB_PRIVATE_KEY").ifPresent(secrets::add);
        // a provider's key or a password in this process's environment never reaches a result or an artifact
        secrets.addAll(dev.clarity.bot.app.InProcessRunner.environmentSecrets(environment));
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        InstantSource clock = InstantSource.system();
        var sandbox = RunnerAssembly.sandbox(
                settings.sandbox().name().toLowerCase(Locale.ROOT),
                settings.dockerHost(),
                image,
                settings.dataDir(),
                executor,
                clock);
        var runner = RunnerAssembly.localRunner(
                settings.dataDir(), sandbox, Redactor.builtIn().with(secrets), clock, executor, slots);
        var server = RunnerHttpServer.start(
                runner, settings.token(), host, listen, new ObjectMapper().findAndRegisterModules());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            executor.shutdownNow();
                            stopped.countDown();
                        },
                        "clarity-runner-shutdown"));
        err.printf(
                "Clarity runner is ready on http://%s:%d (sandbox %s, image %s, capacity %d)%n",
                host, server.port(), sandbox.engine(), sandbox.image(), slots);
        err.flush();
        stopped.await();
        return ExitCodes.OK;
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }
}
