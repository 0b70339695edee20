package dev.clarity.bot.app;

import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.orchestrator.LocalWorkspaceFiles;
import dev.clarity.bot.orchestrator.RunnerPool;
import dev.clarity.bot.orchestrator.WorkspaceFiles;
import dev.clarity.runner.api.Runner;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Where {@code serve} runs steps: the runner inside this process, or the remote runners of the configuration. */
sealed interface RunnerSide {
    /** No runner URLs are configured: the in-process runner, whose workspaces this process reads directly. */
    record InProcess(Runner runner, WorkspaceFiles files) implements RunnerSide {}

    /** {@code CLARITY_RUNNER_URLS} is set: each execution is placed on one of these runners when it is claimed. */
    record Remote(RunnerPool pool) implements RunnerSide {}

    /** The runner side {@code config} asks for, started; what it runs on is added to {@code parts}. */
    static RunnerSide start(ClarityConfig config, InstantSource clock, Parts parts) {
        if (config.runner().remoteUrls().isEmpty()) {
            Path workspaces = config.dataDir().resolve("workspaces");
            InProcessRunner runner = parts.add(InProcessRunner.create(config, workspaces, clock));
            return new InProcess(runner.runner(), new LocalWorkspaceFiles(workspaces));
        }
        ExecutorService surveys = Executors.newVirtualThreadPerTaskExecutor();
        parts.add(surveys::shutdownNow);
        return new Remote(RemoteRunners.pool(config.runner(), surveys));
    }
}
