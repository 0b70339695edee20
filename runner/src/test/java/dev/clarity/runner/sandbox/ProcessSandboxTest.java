package dev.clarity.runner.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProcessSandboxTest extends SandboxContract {
    private static final ExecutorService executor = Executors.newCachedThreadPool();
    private static Optional<Path> bwrap;

    @BeforeAll
    static void findBubblewrap() {
        bwrap = Optional.of(TestHost.bwrap());
    }

    @AfterAll
    static void stop() {
        executor.shutdownNow();
    }

    private Sandbox sandbox;

    @Override
    Sandbox sandbox() {
        if (sandbox == null) {
            sandbox = new ProcessSandbox(bwrap, executor, InstantSource.system(), OutputLimits.DEFAULT);
        }
        return sandbox;
    }

    @Override
    Sandbox sandboxWithLimits(OutputLimits limits) {
        return new ProcessSandbox(bwrap, executor, InstantSource.system(), limits);
    }

    @Test
    void without_bubblewrap_a_plain_child_process_still_runs_with_the_same_rules() throws Exception {
        Sandbox plain = new ProcessSandbox(Optional.empty(), executor, InstantSource.system(), OutputLimits.DEFAULT);
        assertThat(plain.engine()).isEqualTo("process");
        // no network namespace: the tool is pointed at the gateway's host port, and no handoff is offered
        assertThat(plain.gatewayPort(4321)).isEqualTo(4321);
        assertThat(plain.takesHandoffs()).isFalse();
        assertThat(sandbox().takesHandoffs()).isEqualTo(ListenHelper.binary().isPresent());
        var lines = new java.util.concurrent.CopyOnWriteArrayList<OutputLine>();
        SandboxResult result = plain.run(
                new SandboxStep(
                        List.of("sh", "-c", "echo $HOME; pwd"), workspace(), ENV, Duration.ofSeconds(10), false, "p"),
                lines::add);
        assertThat(result.succeeded()).isTrue();
        assertThat(lines)
                .extracting(OutputLine::text)
                .containsExactly("/tmp", workspace().toString());
        assertThat(plain.run(
                                new SandboxStep(
                                        List.of("sleep", "30"), workspace(), ENV, Duration.ofMillis(500), false, "p"),
                                line -> {})
                        .ending())
                .isEqualTo(SandboxResult.Ending.TIMED_OUT);
    }

    @Test
    void tools_that_only_read_git_history_keep_working() throws Exception {
        commitInWorkspace();
        List<String> out =
                run("echo new > new.txt; echo changed > README.md; git log --format=%s; git status --porcelain;"
                        + " git diff --stat | tail -n 1");
        assertThat(out)
                .containsExactly(
                        "first", " M README.md", "?? new.txt", " 1 file changed, 1 insertion(+), 1 deletion(-)");
    }
}
