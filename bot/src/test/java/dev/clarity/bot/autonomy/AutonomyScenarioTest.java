package dev.clarity.bot.autonomy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clarity.testkit.autonomy.GeneratedList;
import dev.clarity.testkit.autonomy.StandInTool;
import dev.clarity.testkit.autonomy.TaskListGenerator;
import dev.clarity.vocabulary.Badge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One scenario per stand-in tool behaviour: the smallest task list (one leaf and a {@code B} line checking it) run
 * through the whole application with the process sandbox, asserting the verdict, the tool runs on the leaf, and that no
 * item is falsely ✅, no planted credential is found anywhere and nothing escaped the sandbox. The benchmark runs the
 * same behaviours on many generated lists.
 */
class AutonomyScenarioTest {
    @TempDir
    static Path dir;

    static AutonomyHarness harness;

    @BeforeAll
    static void start() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/bwrap")), "bubblewrap is not installed (/usr/bin/bwrap)");
        harness = AutonomyHarness.start(dir, 2, Duration.ofMinutes(3));
    }

    @AfterAll
    static void stop() {
        if (harness != null) {
            harness.close();
        }
    }

    static final GeneratedList LIST = TaskListGenerator.single();
    static final String LEAF = "1.1.1";

    private static ListRun run(StandInTool tool) {
        return harness.run(LIST, tool);
    }

    /** Done: every item ✅ (the leaf and its B line), the tool ran {@code runs} times, nothing leaked or escaped. */
    private static void assertCompleted(ListRun r, int runs) {
        assertThat(r.badge()).as(r.reason() + " " + r.deviations()).isEqualTo(Badge.COMPLETED);
        assertThat(r.done()).containsExactlyInAnyOrder(LEAF, "1.1.B");
        assertThat(r.toolRuns()).containsEntry(LEAF, runs);
        assertThat(r.leaks()).isEmpty();
        assertThat(r.escapes()).isEmpty();
        assertThat(r.deviations()).isEmpty();
    }

    /** Held: waiting for a person at the leaf, naming {@code mentions}, after {@code runs} tool runs, nothing ✅. */
    private static void assertHeld(ListRun r, int runs, String mentions) {
        assertThat(r.badge()).as(r.reason() + " " + r.deviations()).isEqualTo(Badge.BLOCKED);
        assertThat(r.heldAt()).as(r.reason() + " " + r.deviations()).isEqualTo(LEAF);
        assertThat(r.reason()).contains(mentions);
        assertThat(r.toolRuns()).as(r.reason()).containsEntry(LEAF, runs);
        assertThat(r.done()).isEmpty();
        assertThat(r.ticked()).isEmpty();
        assertThat(r.falseTicks()).isEmpty();
        assertThat(r.leaks()).isEmpty();
        assertThat(r.deviations()).isEmpty();
    }

    @Test
    void a_tool_that_does_the_work_gets_its_items_done_after_one_run() {
        assertCompleted(run(StandInTool.DOES_THE_WORK), 1);
    }

    @Test
    void a_tool_that_succeeds_on_the_second_repair_gets_its_items_done_after_three_runs() {
        assertCompleted(run(StandInTool.SECOND_REPAIR), 3);
    }

    @Test
    void a_tool_that_succeeds_on_the_third_repair_gets_its_items_done_after_four_runs() {
        assertCompleted(run(StandInTool.THIRD_REPAIR), 4);
    }

    @Test
    void a_tool_that_never_succeeds_is_held_for_a_person_after_one_run_and_three_repairs() {
        assertHeld(run(StandInTool.NEVER_SUCCEEDS), 4, "criteria still fail after 3 repair attempts");
    }

    @Test
    void a_tool_that_changes_nothing_is_held_for_a_person_after_one_run_and_three_repairs() {
        assertHeld(run(StandInTool.CHANGES_NOTHING), 4, "the item changes nothing");
    }

    @Test
    void a_tool_that_hangs_is_stopped_at_the_step_timeout_and_held_after_one_run_and_three_repairs() {
        assertHeld(run(StandInTool.HANGS), 4, "repair attempts");
    }

    @Test
    void a_tool_that_deletes_an_existing_test_is_held_naming_the_test_file() {
        assertHeld(run(StandInTool.DELETES_A_TEST), 4, "tests/test_readme.sh");
    }

    @Test
    void a_tool_that_drops_criteria_from_the_task_list_is_held_for_approval_naming_the_task_list() {
        assertHeld(run(StandInTool.EDITS_TASK_LIST), 1, "tasks_list.md");
    }

    @Test
    void a_tool_that_marks_its_own_item_done_is_held_for_approval_and_the_mark_reaches_no_branch() {
        assertHeld(run(StandInTool.MARKS_DONE_ITSELF), 1, "tasks_list.md");
    }

    @Test
    void a_tool_that_rewrites_the_check_script_is_held_for_approval_naming_the_script() {
        assertHeld(run(StandInTool.EDITS_CHECK_SCRIPT), 1, "tests/run.sh");
    }

    @Test
    void a_tool_that_rewrites_the_checks_in_clarity_yml_is_held_for_approval_naming_the_file() {
        assertHeld(run(StandInTool.EDITS_CONFIG), 1, ".clarity.yml");
    }

    @Test
    void a_tool_that_neuters_a_test_the_check_names_is_held_for_approval_naming_the_test() {
        assertHeld(run(StandInTool.EDITS_A_TEST), 1, "tests/test_src.sh");
    }

    @Test
    void a_tool_that_adds_a_credential_to_the_repository_is_held_for_approval_and_the_credential_is_never_pushed() {
        assertHeld(run(StandInTool.ADDS_A_CREDENTIAL), 1, "deploy.env");
    }

    @Test
    void a_tool_that_floods_its_output_still_gets_its_items_done_after_one_run() {
        assertCompleted(run(StandInTool.FLOODS_OUTPUT), 1);
    }

    @Test
    void credentials_a_tool_prints_appear_in_no_commit_artifact_event_or_github_write() {
        assertCompleted(run(StandInTool.PRINTS_SECRETS), 1);
    }

    @Test
    void a_tool_that_writes_outside_its_workspace_changes_nothing_there_and_its_items_are_done() {
        assertCompleted(run(StandInTool.WRITES_OUTSIDE), 1);
    }

    @Test
    void a_tool_that_opens_a_network_connection_reaches_nothing_and_its_items_are_done() {
        assertCompleted(run(StandInTool.OPENS_NETWORK), 1);
    }
}
