package dev.clarity.bot.app;

import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.orchestrator.LocalWorkspaceFiles;
import dev.clarity.bot.orchestrator.RunnerPool;
import dev.clarity.bot.orchestrator.WorkspaceFiles;
import dev.clarity.runner.api.Runner;
import dev.clarity.runner.gateway.ProviderKeys;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;

/** Where {@code serve} runs steps: the runner inside this process, or the remote runners of the configuration. */
sealed interface RunnerSide {
    /** No runner URLs are configured: the in-process runner, whose workspaces this process reads directly. */
    record InProcess(Runner runner, WorkspaceFiles files) implements RunnerSide {}

    /** {@code CLARITY_RUNNER_URLS} is set: each execution is placed on one of these runners when it is claimed. */
    record Remote(RunnerPool pool) implements RunnerSide {}

    /** The runner side {@code config} asks for, started; what it runs on is added to {@code parts}. */
    static RunnerSide start(ClarityConfig config, InstantSource clock, Parts parts) {
        return start(config, clock, parts, Optional.empty());
    }

    /**
     * As the other {@code start}; the in-process runner's model gateway asks {@code storedKeys} (wrapping the
     * environment's) for each request. Remote runners hold their own keys (their environment).
     */
    static RunnerSide start(
            ClarityConfig config, InstantSource clock, Parts parts, Optional<UnaryOperator<ProviderKeys>> storedKeys) {
        if (config.runner().remoteUrls().isEmpty()) {
            Path workspaces = config.dataDir().resolve("workspaces");
            InProcessRunner runner = parts.add(InProcessRunner.create(config, workspaces, clock, storedKeys));
            return new InProcess(runner.runner(), new LocalWorkspaceFiles(workspaces));
        }
        ExecutorService surveys = Executors.newVirtualThreadPerTaskExecutor();
        parts.add(surveys::shutdownNow);
        return new Remote(RemoteRunners.pool(config.runner(), surveys));
    }
}
