package dev.clarity.bot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.runner.api.Runner;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.http.HttpRunnerClient;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerPoolTest {
    @TempDir
    Path dir;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void a_runner_that_does_not_answer_is_surveyed_as_such_and_work_goes_to_one_that_does() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String gone = "http://127.0.0.1:" + closedPort;
        Map<String, Runner> runners = new LinkedHashMap<>();
        runners.put(
                gone,
                new HttpRunnerClient(
                        URI.create(gone),
                        "token-0123456789abcdef",
                        HttpClient.newHttpClient(),
                        new ObjectMapper(),
                        Duration.ofSeconds(5)));
        runners.put("in-test", new ScriptedRunner(dir, (task, attempt, ws) -> {}));
        RunnerPool pool = new RunnerPool(runners, executor);

        RunnerPool.Survey survey = pool.survey();

        assertThat(survey.seen()).extracting(RunnerPool.Seen::runnerId).containsExactly(gone, "in-test");
        assertThat(survey.seen().getFirst().health()).isNull();
        assertThat(survey.seen().getFirst().problem()).contains(gone).contains("/healthz");
        assertThat(survey.choose(Map.of())).isEqualTo(new Placement.Decision.On("in-test"));
        assertThat(survey.choose(Map.of("in-test", 100)))
                .isInstanceOfSatisfying(
                        Placement.Decision.Nowhere.class,
                        nowhere -> assertThat(nowhere.reason())
                                .startsWith("Waiting for a runner with a free slot: " + gone + " does not answer (")
                                .contains("in-test has 0 of 100 slots free"));
    }

    @Test
    void a_runner_id_that_is_no_longer_configured_is_a_runner_failure_naming_it() {
        RunnerPool pool = new RunnerPool(Map.of("http://r1:9001", new ScriptedRunner(dir, (t, a, w) -> {})), executor);

        assertThatThrownBy(() -> pool.runner("http://old:9001"))
                .isInstanceOf(RunnerException.class)
                .hasMessageContaining("http://old:9001")
                .hasMessageContaining("CLARITY_RUNNER_URLS");
    }
}
