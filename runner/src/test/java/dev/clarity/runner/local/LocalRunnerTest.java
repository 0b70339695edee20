package dev.clarity.runner.local;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.runner.api.Runner;
import dev.clarity.runner.api.ToolResult;
import dev.clarity.runner.api.VerifyRequest;
import dev.clarity.runner.api.VerifyResult;
import dev.clarity.runner.redaction.CredentialSamples;
import dev.clarity.runner.tools.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
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
    void a_test_check_that_runs_fewer_tests_than_on_the_base_fails_with_both_counts_and_the_base_is_measured_once()
            throws Exception {
        seed(
                ".clarity.yml",
                "sandbox:\n  timeout: 20s\ncommands: [sh, grep]\nchecks:\n  test: [[\"sh\", \"count.sh\"]]\n");
        seed("count.sh", "echo \"$(grep -c 'def test_' tests/test_cart.py) passed\"\n");
        String three = "def test_a(): pass\ndef test_b(): pass\ndef test_c(): pass\n";
        seed("tests/test_cart.py", three);
        LocalRunner runner = local();
        runner.prep(prep("ex-31", "p1"));
        Files.writeString(root.resolve("ex-31/tests/test_cart.py"), "def test_a(): pass\n");
        Files.writeString(root.resolve("ex-31/feature.txt"), "hello\n");

        VerifyResult fewer =
                runner.verify(new VerifyRequest("ex-31", "1.1", List.of(), true, "v1", true, List.of("tasks_list.md")));
        assertThat(fewer).isInstanceOf(VerifyResult.Failed.class);
        assertThat(fewer.failed()).singleElement().satisfies(f -> {
            assertThat(f.criterionKey()).isEqualTo("standard.test");
            assertThat(f.summary()).isEqualTo("sh count.sh: 1 tests ran, 3 on the base (tests only grow)");
        });
        assertThat(runner.baseMeasurements()).isEqualTo(1);

        // a second item on the same base commit reads the kept counts
        runner.prep(prep("ex-32", "p1"));
        Files.writeString(root.resolve("ex-32/tests/test_cart.py"), three + "def test_d(): pass\n");
        VerifyResult more =
                runner.verify(new VerifyRequest("ex-32", "1.1", List.of(), true, "v1", true, List.of("tasks_list.md")));
        assertThat(more).as(more.failed().toString()).isInstanceOf(VerifyResult.Passed.class);
        assertThat(runner.baseMeasurements()).isEqualTo(1);
        LocalRunner restarted = local();
        assertThat(restarted
                        .verify(new VerifyRequest(
                                "ex-31", "1.1", List.of(), true, "v2", true, List.of("tasks_list.md")))
                        .failed())
                .isNotEmpty();
        assertThat(restarted.baseMeasurements()).as("kept across a restart").isZero();
    }

    @Test
    void stored_results_survive_a_restart_of_the_runner() throws Exception {
        runner().prep(prep("ex-9", "p1"));
        var first = runner().implement(implement("ex-9", "aider", "i1"));
        LocalRunner restarted = local();
        assertThat(restarted.implement(implement("ex-9", "aider", "i1"))).isEqualTo(first);
        assertThat(Files.readAllLines(root.resolve("ex-9/runs.log"))).hasSize(1);
    }

    @Test
    void a_result_stored_before_results_carried_their_outcome_is_not_used_and_the_call_runs_again() throws Exception {
        runner().prep(prep("ex-13", "p1"));
        String id = java.util.HexFormat.of()
                .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                        .digest("ex-13\nprep\np1".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        Path stored = root.resolve(".results/ex-13/" + id + ".json");
        assertThat(stored).exists();
        Files.writeString(stored, "{\"ok\":true,\"branch\":\"task/1.1-add-feature\",\"logs\":[],\"personHead\":null}");

        var again = local().prep(prep("ex-13", "p1"));

        assertThat(again).isInstanceOf(dev.clarity.runner.api.PrepResult.Ready.class);
        assertThat(Files.readString(stored)).contains("\"outcome\":\"ready\"");
    }

    @Test
    void a_workspace_the_disk_lost_is_made_again_and_its_stored_results_no_longer_answer() throws Exception {
        var prepared = runner().prep(prep("ex-11", "p1"));
        assertThat(prepared).isInstanceOf(dev.clarity.runner.api.PrepResult.Ready.class);
        runner().implement(implement("ex-11", "aider", "i1"));
        assertThat(Files.readAllLines(root.resolve("ex-11/runs.log"))).hasSize(1);

        org.eclipse.jgit.util.FileUtils.delete(
                root.resolve("ex-11").toFile(), org.eclipse.jgit.util.FileUtils.RECURSIVE);
        LocalRunner restarted = local();
        assertThat(restarted.prep(prep("ex-11", "p1"))).isInstanceOf(dev.clarity.runner.api.PrepResult.Ready.class);
        assertThat(root.resolve("ex-11/.git")).isDirectory();
        // the repeat of the implement call runs the tool again in the new copy instead of answering from the old one
        restarted.implement(implement("ex-11", "aider", "i1"));
        assertThat(Files.readAllLines(root.resolve("ex-11/runs.log"))).hasSize(1);
        assertThat(root.resolve("ex-11/feature.txt")).exists();
    }

    @Test
    void a_runner_started_after_a_kill_clears_the_git_locks_the_killed_one_left() throws Exception {
        runner().prep(prep("ex-10", "p1"));
        Path git = root.resolve("ex-10/.git");
        Files.writeString(git.resolve("index.lock"), "");
        Files.writeString(git.resolve("HEAD.lock"), "");

        LocalRunner restarted = local();
        var implemented = restarted.implement(implement("ex-10", "aider", "i1"));

        assertThat(implemented)
                .as(implemented.logs().toString())
                .isInstanceOf(dev.clarity.runner.api.ToolResult.Changed.class);
        assertThat(git.resolve("index.lock")).doesNotExist();
        assertThat(git.resolve("HEAD.lock")).doesNotExist();
        assertThat(restarted.merge(new dev.clarity.runner.api.MergeRequest(
                        "ex-10", "1.1", "task/1.1-add-feature", "Task 1.1: Add feature", "m1")))
                .isInstanceOf(dev.clarity.runner.api.MergeResult.Committed.class);
    }

    @Test
    void every_credential_format_a_tool_prints_or_writes_is_masked_in_its_logs_output_log_and_diff() throws Exception {
        StringBuilder script = new StringBuilder();
        for (CredentialSamples.Sample sample : CredentialSamples.ALL) {
            script.append("cat <<'LINE' | tee -a credentials.txt\n")
                    .append(sample.line())
                    .append("\nLINE\n");
        }
        StandIns.write(bin, "aider", script.toString());
        runner().prep(prep("ex-30", "p1"));

        ToolResult implemented = runner().implement(implement("ex-30", "aider", "i1"));

        Path artifacts = root.resolve("ex-30/artifacts/1.1");
        String logs = String.join("\n", implemented.logs());
        String outputLog = Files.readString(artifacts.resolve("implement-output.log"));
        assertThat(implemented.diff()).contains("+++ b/credentials.txt");
        for (CredentialSamples.Sample sample : CredentialSamples.ALL) {
            if (!sample.line().contains("\n")) {
                assertThat(logs).as(sample.toString()).contains(sample.redacted());
                assertThat(outputLog).as(sample.toString()).contains(sample.redacted());
            }
            assertThat(logs).as(sample.toString()).doesNotContain(sample.secret());
            assertThat(outputLog).as(sample.toString()).doesNotContain(sample.secret());
            assertThat(implemented.diff()).as(sample.toString()).doesNotContain(sample.secret());
        }
        try (Stream<Path> files = Files.walk(artifacts)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String text = Files.readString(file);
                for (CredentialSamples.Sample sample : CredentialSamples.ALL) {
                    assertThat(text).as(file + ": " + sample).doesNotContain(sample.secret());
                }
            }
        }
    }
}
