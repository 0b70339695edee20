package dev.clarity.bot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.bot.config.RunnerSettings;
import dev.clarity.dashboard.executions.RunnerSlot;
import dev.clarity.runner.api.RunnerHealth;
import dev.clarity.runner.app.RunnerAssembly;
import dev.clarity.runner.http.RunnerHttpServer;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.BubblewrapProbe;
import dev.clarity.runner.sandbox.SandboxResources;
import dev.clarity.runner.sandbox.SandboxStep;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's runner panel is the real runners: a runner service that answers shows its slots, version and
 * engine; a URL nobody answers at shows as unreachable with the reason.
 */
class RunnerBoardTest {
    private static final String TOKEN = "runner-token-for-the-board-0123";

    @Test
    void each_configured_runner_shows_its_slots_version_and_whether_it_answers(@TempDir Path dir) throws Exception {
        assumeTrue(BubblewrapProbe.find(System.getenv("PATH")).isPresent(), "bubblewrap is not installed");
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        var sandbox = RunnerAssembly.sandbox(
                "process", Optional.empty(), SandboxResources.DEFAULT_IMAGE, dir, executor, InstantSource.system());
        var runner = RunnerAssembly.localRunner(
                dir, sandbox, Redactor.builtIn().with(List.of(TOKEN)), InstantSource.system(), executor, 3);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (RunnerHttpServer server = RunnerHttpServer.start(runner, TOKEN, "127.0.0.1", 0, new ObjectMapper())) {
            String up = "http://127.0.0.1:" + server.port();
            String down = "http://127.0.0.1:" + closedPort;
            RunnerBoard board = new RunnerBoard(RemoteRunners.pool(
                    new RunnerSettings(List.of(URI.create(up), URI.create(down)), TOKEN, 0), executor));

            assertThat(board.get())
                    .as("before the first survey")
                    .extracting(RunnerSlot::reachable, RunnerSlot::detail)
                    .containsOnly(org.assertj.core.groups.Tuple.tuple(false, "not asked yet"));
            board.refresh();

            List<RunnerSlot> slots = board.get();
            assertThat(slots).extracting(RunnerSlot::name).containsExactly(up, down);
            RunnerSlot answering = slots.get(0);
            assertThat(answering.reachable()).isTrue();
            assertThat(answering.capacity()).isEqualTo(3);
            assertThat(answering.busy()).isZero();
            assertThat(answering.version()).isEqualTo(RunnerHealth.currentVersion());
            assertThat(answering.detail()).isEqualTo("bubblewrap sandbox");
            RunnerSlot silent = slots.get(1);
            assertThat(silent.reachable()).isFalse();
            assertThat(silent.detail()).startsWith("does not answer: ");
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void a_step_running_on_a_remote_runner_shows_its_cpu_and_memory_under_its_execution(@TempDir Path dir)
            throws Exception {
        assumeTrue(BubblewrapProbe.find(System.getenv("PATH")).isPresent(), "bubblewrap is not installed");
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        var sandbox = RunnerAssembly.sandbox(
                "process", Optional.empty(), SandboxResources.DEFAULT_IMAGE, dir, executor, InstantSource.system());
        var runner = RunnerAssembly.localRunner(
                dir, sandbox, Redactor.builtIn().with(List.of(TOKEN)), InstantSource.system(), executor, 3);
        Path ws = java.nio.file.Files.createDirectories(dir.resolve("execution-42"));
        var step = new SandboxStep(
                List.of("sh", "-c", "echo started; while :; do :; done"),
                ws,
                java.util.Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "HOME", "/tmp"),
                java.time.Duration.ofSeconds(120),
                false,
                "execution-42");
        var started = new java.util.concurrent.CompletableFuture<Void>();
        var ran = java.util.concurrent.CompletableFuture.runAsync(
                () -> sandbox.run(step, line -> started.complete(null)), executor);
        try (RunnerHttpServer server = RunnerHttpServer.start(runner, TOKEN, "127.0.0.1", 0, new ObjectMapper())) {
            started.get(30, java.util.concurrent.TimeUnit.SECONDS);
            RunnerBoard board = new RunnerBoard(RemoteRunners.pool(
                    new RunnerSettings(List.of(URI.create("http://127.0.0.1:" + server.port())), TOKEN, 0), executor));

            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
            board.refresh();
            while (board.get().getFirst().steps().stream().noneMatch(l -> l.cpuPercent() > 0)) {
                assertThat(System.nanoTime())
                        .as("the step's CPU shows within 20 s")
                        .isLessThan(deadline);
                java.util.concurrent.locks.LockSupport.parkNanos(
                        java.time.Duration.ofMillis(100).toNanos());
                board.refresh();
            }

            RunnerSlot slot = board.get().getFirst();
            assertThat(slot.steps()).singleElement().satisfies(load -> {
                assertThat(load.executionId()).isEqualTo(42);
                assertThat(load.cpuPercent()).isGreaterThan(0);
                assertThat(load.memoryBytes()).isBetween(1L, 1L << 30);
            });
            assertThat(slot.cpu()).endsWith("% CPU");
        } finally {
            sandbox.cancel("execution-42");
            ran.get(30, java.util.concurrent.TimeUnit.SECONDS);
            executor.shutdownNow();
        }
    }

    @Test
    void the_in_process_runner_is_one_line_with_its_own_capacity(@TempDir Path dir) {
        assumeTrue(BubblewrapProbe.find(System.getenv("PATH")).isPresent(), "bubblewrap is not installed");
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try {
            var sandbox = RunnerAssembly.sandbox(
                    "process", Optional.empty(), SandboxResources.DEFAULT_IMAGE, dir, executor, InstantSource.system());
            var runner =
                    RunnerAssembly.localRunner(dir, sandbox, Redactor.builtIn(), InstantSource.system(), executor, 2);
            RunnerBoard board = RunnerBoard.of(new RunnerSide.InProcess(runner, null));
            board.refresh();

            assertThat(board.get()).singleElement().satisfies(s -> {
                assertThat(s.name()).isEqualTo("in-process");
                assertThat(s.reachable()).isTrue();
                assertThat(s.capacity()).isEqualTo(2);
                assertThat(s.free()).isEqualTo(2);
            });
        } finally {
            executor.shutdownNow();
        }
    }
}
