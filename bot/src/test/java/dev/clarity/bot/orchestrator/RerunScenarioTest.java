package dev.clarity.bot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.vocabulary.Badge;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Running a completed list again is a no-op under every merge policy: the items the first execution recorded (on
 * their task branches under {@code stacked}, merged into the default branch under {@code auto} and {@code wait})
 * count as done for the next one, so no tool runs, no branch moves and nothing is published.
 */
class RerunScenarioTest {
    static final String PLAN = """
            # Greeting plan

            ## Phase 1 — Basics
            - 1.1 Create greeting module
              - 1.1.1 Add hello file
              - 1.1.2 Add world file (Dependencies: 1.1.1)
              - 1.1.B Verify correctness of Task 1.1
                - <criterion key="files.hello" kind="test" check="file" args="hello.txt" />
            """;

    @TempDir
    static Path dbDir;

    static Database db;

    @BeforeAll
    static void start() {
        db = Database.open(new DatabaseLocation.Embedded(dbDir, false), 30, null);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @Test
    void running_a_list_completed_on_stacked_branches_again_runs_no_tool_and_moves_no_branch(@TempDir Path dir)
            throws Exception {
        rerunIsANoOp(dir, "stacked");
    }

    @Test
    void running_a_list_completed_with_merge_policy_auto_again_runs_no_tool_and_moves_no_branch(@TempDir Path dir)
            throws Exception {
        rerunIsANoOp(dir, "auto");
    }

    @Test
    void running_a_list_completed_with_merge_policy_wait_again_runs_no_tool_and_moves_no_branch(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        try (Harness h = new Harness(db, dir, OrchestratorScenarioTest.writesItsFile(), 2)) {
            long project = h.project("wait-" + dir.getFileName(), origin);
            long first = start(h, project, "wait");
            // each item waits until a person merged it: merge it in the origin, then resume
            ExecutionSnapshot s = h.awaitHeld(first);
            while (s.badge() == Badge.PAUSED) {
                String branch = h.store
                        .findTaskRun(first, s.cursor().taskId())
                        .orElseThrow()
                        .branch();
                try (Git git = Git.open(origin.toFile())) {
                    git.merge()
                            .include(git.getRepository().resolve("refs/heads/" + branch))
                            .call();
                }
                assertThat(h.controls.resume(first, Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
                s = h.awaitHeld(first);
            }
            assertThat(s.badge())
                    .as(() -> h.store.events(first).getLast().message())
                    .isEqualTo(Badge.COMPLETED);
            Map<String, String> before = heads(origin);
            Map<String, Integer> toolRuns = new TreeMap<>();
            h.runner.toolRuns.forEach((k, v) -> toolRuns.put(k, v.get()));

            long second = start(h, project, "wait");

            assertThat(h.awaitHeld(second).badge()).isEqualTo(Badge.COMPLETED);
            Map<String, Integer> after = new TreeMap<>();
            h.runner.toolRuns.forEach((k, v) -> after.put(k, v.get()));
            assertThat(after).isEqualTo(toolRuns);
            assertThat(heads(origin)).isEqualTo(before);
            assertThat(h.store.taskRuns(second)).isEmpty();
        }
    }

    @Test
    void a_third_run_after_a_no_op_rerun_is_a_no_op_too(@TempDir Path dir) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        try (Harness h = new Harness(db, dir, OrchestratorScenarioTest.writesItsFile(), 2)) {
            long project = h.project("third-" + dir.getFileName(), origin);
            assertThat(h.awaitHeld(start(h, project, null)).badge()).isEqualTo(Badge.COMPLETED);
            assertThat(h.awaitHeld(start(h, project, null)).badge()).isEqualTo(Badge.COMPLETED);
            Map<String, String> before = heads(origin);
            List<String> published = new CopyOnWriteArrayList<>();
            h.onPushed = item -> {
                published.add(item.taskId());
                return null;
            };

            long third = start(h, project, null);

            assertThat(h.awaitHeld(third).badge()).isEqualTo(Badge.COMPLETED);
            assertThat(heads(origin)).isEqualTo(before);
            assertThat(published).isEmpty();
            assertThat(h.store.taskRuns(third)).isEmpty();
        }
    }

    @Test
    void a_run_stopped_after_its_first_item_is_continued_by_the_next_run_on_top_of_that_item_s_branch(@TempDir Path dir)
            throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        try (Harness h = new Harness(db, dir, OrchestratorScenarioTest.writesItsFile(), 2)) {
            long project = h.project("grown-" + dir.getFileName(), origin);
            assertThat(h.awaitHeld(start(h, project, null, "1.1.1")).badge()).isEqualTo(Badge.PAUSED);
            long first = h.store.current(project).orElseThrow().id();
            assertThat(h.controls.stop(first, Harness.ANA)).isInstanceOf(ControlOutcome.Accepted.class);
            assertThat(h.awaitHeld(first).badge()).isNotEqualTo(Badge.PAUSED);
            Map<String, String> before = heads(origin);

            long second = start(h, project, null);

            assertThat(h.awaitHeld(second).badge()).isEqualTo(Badge.COMPLETED);
            assertThat(h.runner.toolRuns.get("1.1.1").get()).isEqualTo(1);
            assertThat(heads(origin))
                    .containsEntry("task/1.1.1-add-hello-file", before.get("task/1.1.1-add-hello-file"));
            // the next item stands on the first one's branch, as if one execution had done both
            assertThat(Harness.fileAt(origin, "task/1.1.2-add-world-file", "hello.txt"))
                    .isEqualTo("made for 1.1.1\n");
        }
    }

    private static void rerunIsANoOp(Path dir, String policy) throws Exception {
        Path origin = Harness.origin(dir.resolve("origin"), PLAN);
        try (Harness h = new Harness(db, dir, OrchestratorScenarioTest.writesItsFile(), 2)) {
            long project = h.project(policy + "-" + dir.getFileName(), origin);
            long first = start(h, project, policy);
            assertThat(h.awaitHeld(first).badge())
                    .as(() -> h.store.events(first).getLast().message())
                    .isEqualTo(Badge.COMPLETED);
            Map<String, String> before = heads(origin);
            Map<String, Integer> toolRuns = new TreeMap<>();
            h.runner.toolRuns.forEach((k, v) -> toolRuns.put(k, v.get()));
            List<String> published = new CopyOnWriteArrayList<>();
            h.onPushed = item -> {
                published.add(item.taskId());
                return null;
            };

            long second = start(h, project, policy);

            ExecutionSnapshot end = h.awaitHeld(second);
            assertThat(end.badge())
                    .as(() -> h.store.events(second).getLast().message())
                    .isEqualTo(Badge.COMPLETED);
            Map<String, Integer> after = new TreeMap<>();
            h.runner.toolRuns.forEach((k, v) -> after.put(k, v.get()));
            assertThat(after).isEqualTo(toolRuns);
            assertThat(heads(origin)).isEqualTo(before);
            assertThat(published).isEmpty();
            assertThat(h.store.taskRuns(second)).isEmpty();
            assertThat(h.store.events(second).getLast().message()).isEqualTo("every item is done");
        }
    }

    private static long start(Harness h, long project, String policy) {
        return start(h, project, policy, null);
    }

    private static long start(Harness h, long project, String policy, String stopAfter) {
        var o = h.controls.start(new StartRequest(project, Harness.ANA, stopAfter, null, null, policy, null));
        return ((ControlOutcome.Accepted) o).executionId();
    }

    /** Every branch of the repository and the commit it points at. */
    private static Map<String, String> heads(Path repo) throws Exception {
        Map<String, String> heads = new TreeMap<>();
        try (Git git = Git.open(repo.toFile())) {
            for (Ref r : git.branchList().call()) {
                heads.put(
                        r.getName().substring("refs/heads/".length()),
                        r.getObjectId().name());
            }
        }
        return heads;
    }
}
