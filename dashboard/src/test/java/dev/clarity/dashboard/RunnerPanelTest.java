package dev.clarity.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.dashboard.executions.RunnerSlot;
import dev.clarity.dashboard.executions.StepLoad;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The runner panel shows what the runners reported (slots used and free, version, reachable or not), and the grid
 * socket tells open pages when that changes, so the panel is fetched again without any execution changing.
 */
class RunnerPanelTest {
    private final TestDashboard d = TestDashboard.shared();

    @AfterEach
    void noRunners() {
        d.runners.set(List.of());
    }

    @Test
    void the_panel_lists_each_runner_with_its_slots_version_and_reachability() {
        d.runners.set(List.of(
                new RunnerSlot("http://runner-1:9001", 4, 3, true, "1.4.0", "bubblewrap sandbox"),
                new RunnerSlot("http://runner-2:9001", 0, 0, false, null, "does not answer: connection refused")));

        String left = HttpSession.signedIn(d, "tom").get("/partials/left").body();

        assertThat(left)
                .contains("data-runner=\"http://runner-1:9001\" data-reachable=\"yes\"")
                .contains("3/4 slots used, 1 free")
                .contains("version 1.4.0 · bubblewrap sandbox")
                .contains("data-runner=\"http://runner-2:9001\" data-reachable=\"no\"")
                .contains("unreachable")
                .contains("version unknown · does not answer: connection refused");
    }

    @Test
    void a_running_execution_shows_the_cpu_and_memory_of_its_step_and_the_runner_its_totals() {
        d.runners.set(List.of(new RunnerSlot(
                "http://runner-1:9001",
                4,
                2,
                true,
                "1.4.0",
                "docker sandbox",
                List.of(new StepLoad(d.acmeExecution, 37.4, 412L << 20), new StepLoad(987_654, 100.2, 1536L << 20)))));
        HttpSession tom = HttpSession.signedIn(d, "tom");

        String grid = tom.get("/partials/grid", "HX-Request", "true").body();
        String left = tom.get("/partials/left").body();

        assertThat(grid)
                .contains("data-execution-load=\"" + d.acmeExecution + "\">37% CPU · 412 MB</span>")
                .doesNotContain("data-execution-load=\"" + d.globexExecution + "\"");
        assertThat(left).contains("2 step(s) running: 138% CPU · 1.9 GB");
    }

    @Test
    void a_running_execution_whose_runner_reports_no_step_says_so_in_the_resources_column() {
        d.runners.set(List.of(new RunnerSlot("in-process", 2, 0, true, "dev", "process sandbox")));

        String grid = HttpSession.signedIn(d, "tom")
                .get("/partials/grid", "HX-Request", "true")
                .body();

        assertThat(grid).doesNotContain("data-execution-load=").contains("no step running");
    }

    @Test
    void with_no_runner_reported_the_panel_says_so_instead_of_inventing_one() {
        String left = HttpSession.signedIn(d, "tom").get("/partials/left").body();

        assertThat(left).contains("No runner is known to this server.").doesNotContain("data-runner=");
    }

    @Test
    void the_grid_socket_signals_when_a_runner_changes() throws Exception {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        LiveLogStreamTest.Listener l = new LiveLogStreamTest.Listener();
        WebSocket ws = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Cookie", mia.cookieHeader())
                .buildAsync(URI.create("ws://127.0.0.1:" + d.port() + "/ws/grid"), l)
                .get(5, TimeUnit.SECONDS);
        await(() -> l.raw.stream().anyMatch(m -> m.contains("hello")), "hello");

        d.runners.set(List.of(new RunnerSlot("in-process", 2, 1, true, "dev", "process sandbox")));

        await(() -> l.raw.stream().anyMatch(m -> m.contains("\"runners\"")), "a runners signal");
        ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    private static void await(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            synchronized (condition) {
                condition.wait(20); // a bounded wait on a condition, re-checked; not a fixed sleep
            }
        }
    }
}
