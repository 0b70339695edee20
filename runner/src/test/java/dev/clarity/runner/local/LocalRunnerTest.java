package dev.clarity.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.runner.api.Runner;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class LocalRunnerTest extends RunnerContract {
    private LocalRunner runner;

    @Override
    protected Runner runner() {
        if (runner == null) {
            runner = local();
        }
        return runner;
    }

    @Test
    void stored_results_survive_a_restart_of_the_runner() throws Exception {
        runner().prep(prep("ex-9", "p1"));
        var first = runner().implement(implement("ex-9", "aider", "i1"));
        LocalRunner restarted = local();
        assertThat(restarted.implement(implement("ex-9", "aider", "i1"))).isEqualTo(first);
        assertThat(Files.readAllLines(root.resolve("ex-9/runs.log"))).hasSize(1);
    }
}
