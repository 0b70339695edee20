package dev.clarity.bot.cli;

import dev.clarity.bot.app.ClarityServer;
import dev.clarity.bot.app.LogSetup;
import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.EnvironmentConfig;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ./clarity serve}: everything in one process until SIGTERM or Ctrl-C. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = "Everything in one process: database, runner, orchestrator, webhooks and dashboard (:8080).")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        long t0 = System.nanoTime();
        ClarityConfig config = EnvironmentConfig.fromSystem();
        LogSetup.apply(config.logFormat());
        ClarityServer server = ClarityServer.start(config, "0.0.0.0", InstantSource.system());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            try {
                                ServeMarker.remove(config.dataDir());
                                server.close();
                            } finally {
                                stopped.countDown();
                            }
                        },
                        "clarity-shutdown"));
        // commands beside the server find it here: users join its database, run hands it the execution
        ServeMarker.write(config.dataDir());
        Duration startup = Duration.ofNanos(System.nanoTime() - t0);
        spec.commandLine()
                .getErr()
                .printf(
                        "Clarity is ready on http://localhost:%d (started in %.1f s; data in %s)%n",
                        server.port(), startup.toMillis() / 1000.0, config.dataDir());
        spec.commandLine().getErr().flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
