package dev.clarity.bot.orchestrator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarity.bot.orchestrator.StepOutcome.NothingSelectable.Reason;
import dev.clarity.tasks.ItemKind;
import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.MergePolicy;
import dev.clarity.vocabulary.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class TransitionsTest {
    private static final StepOutcome OK = new StepOutcome.Succeeded("ok");
    private static final StepOutcome FAIL = new StepOutcome.Failed("test.unit failed");
    private static final StepOutcome PERSON = new StepOutcome.TakenByPerson("@ana pushed to the branch");
    private static final StepOutcome MISSING_TOOL = new StepOutcome.NeedsPerson("the tool aider cannot be started");

    private static Cursor at(ItemKind kind, Step step, int attempts) {
        return new Cursor("1.2", kind, step, attempts);
    }

    static Stream<Arguments> steps() {
        return Stream.of(
                // cursor, outcome, expected step, expected attempts, expected badge
                Arguments.of(
                        Cursor.START,
                        new StepOutcome.Selected("1.2", ItemKind.TASK, false),
                        Step.PREP,
                        0,
                        Badge.TASK_EXECUTING),
                Arguments.of(
                        Cursor.START,
                        new StepOutcome.Selected("1.2", ItemKind.TASK, true),
                        Step.HUMAN_REVIEW,
                        0,
                        Badge.BLOCKED),
                Arguments.of(
                        Cursor.START,
                        new StepOutcome.NothingSelectable(Reason.ALL_DONE, ""),
                        Step.SELECT,
                        0,
                        Badge.COMPLETED),
                Arguments.of(
                        Cursor.START,
                        new StepOutcome.NothingSelectable(Reason.BLOCKED, "1.1"),
                        Step.SELECT,
                        0,
                        Badge.BLOCKED),
                Arguments.of(
                        Cursor.START,
                        new StepOutcome.NothingSelectable(Reason.NO_TASKS, ""),
                        Step.SELECT,
                        0,
                        Badge.FAILED),
                Arguments.of(at(ItemKind.TASK, Step.PREP, 0), OK, Step.IMPLEMENT, 0, Badge.TASK_EXECUTING),
                Arguments.of(at(ItemKind.CHECK_A, Step.PREP, 0), OK, Step.VERIFY, 0, Badge.TASK_EXECUTING),
                Arguments.of(at(ItemKind.CHECK_B, Step.PREP, 0), OK, Step.VERIFY, 0, Badge.TASK_EXECUTING),
                Arguments.of(at(ItemKind.CHECK_C, Step.PREP, 0), OK, Step.MERGE, 0, Badge.TASK_EXECUTING),
                Arguments.of(at(ItemKind.TASK, Step.PREP, 0), PERSON, Step.HUMAN_CHECK, 0, Badge.TASK_EXECUTING),
                Arguments.of(at(ItemKind.TASK, Step.PREP, 0), FAIL, Step.HUMAN_REVIEW, 0, Badge.BLOCKED),
                Arguments.of(at(ItemKind.TASK, Step.IMPLEMENT, 0), OK, Step.VERIFY, 0, Badge.TASK_EXECUTING),
                Arguments.of(at(ItemKind.TASK, Step.IMPLEMENT, 0), FAIL, Step.ERROR_SOLVE, 1, Badge.ERROR_SOLVING),
                Arguments.of(at(ItemKind.TASK, Step.VERIFY, 0), OK, Step.MERGE, 0, Badge.TASK_EXECUTING),
                Arguments.of(at(ItemKind.TASK, Step.VERIFY, 0), FAIL, Step.ERROR_SOLVE, 1, Badge.ERROR_SOLVING),
                Arguments.of(at(ItemKind.TASK, Step.VERIFY, 2), FAIL, Step.ERROR_SOLVE, 3, Badge.ERROR_SOLVING),
                Arguments.of(at(ItemKind.TASK, Step.VERIFY, 3), FAIL, Step.HUMAN_REVIEW, 3, Badge.BLOCKED),
                Arguments.of(at(ItemKind.CHECK_B, Step.VERIFY, 3), FAIL, Step.HUMAN_REVIEW, 3, Badge.BLOCKED),
                Arguments.of(at(ItemKind.TASK, Step.VERIFY, 1), OK, Step.MERGE, 1, Badge.TASK_EXECUTING),
                Arguments.of(at(ItemKind.TASK, Step.ERROR_SOLVE, 1), OK, Step.VERIFY, 1, Badge.ERROR_SOLVING),
                Arguments.of(at(ItemKind.TASK, Step.ERROR_SOLVE, 2), FAIL, Step.VERIFY, 2, Badge.ERROR_SOLVING),
                // a tool that cannot start needs a person at once: no repair attempt is spent on it
                Arguments.of(at(ItemKind.TASK, Step.IMPLEMENT, 0), MISSING_TOOL, Step.HUMAN_REVIEW, 0, Badge.BLOCKED),
                Arguments.of(at(ItemKind.TASK, Step.ERROR_SOLVE, 2), MISSING_TOOL, Step.HUMAN_REVIEW, 2, Badge.BLOCKED),
                Arguments.of(at(ItemKind.TASK, Step.MERGE, 0), OK, Step.PUSH, 0, Badge.TASK_EXECUTING),
                Arguments.of(at(ItemKind.TASK, Step.MERGE, 0), FAIL, Step.HUMAN_REVIEW, 0, Badge.BLOCKED),
                Arguments.of(at(ItemKind.TASK, Step.PUSH, 0), OK, Step.SELECT, 0, Badge.AUTONOMOUS),
                Arguments.of(at(ItemKind.TASK, Step.PUSH, 0), PERSON, Step.HUMAN_CHECK, 0, Badge.TASK_EXECUTING),
                // a person's push takes the item over from any of its steps; their commit is checked, never repaired
                Arguments.of(at(ItemKind.TASK, Step.IMPLEMENT, 0), PERSON, Step.HUMAN_CHECK, 0, Badge.TASK_EXECUTING),
                Arguments.of(at(ItemKind.TASK, Step.VERIFY, 2), PERSON, Step.HUMAN_CHECK, 0, Badge.TASK_EXECUTING),
                Arguments.of(at(ItemKind.TASK, Step.ERROR_SOLVE, 3), PERSON, Step.HUMAN_CHECK, 0, Badge.TASK_EXECUTING),
                Arguments.of(at(ItemKind.TASK, Step.MERGE, 1), PERSON, Step.HUMAN_CHECK, 0, Badge.TASK_EXECUTING),
                Arguments.of(at(ItemKind.TASK, Step.HUMAN_CHECK, 0), OK, Step.MERGE, 0, Badge.TASK_EXECUTING),
                Arguments.of(at(ItemKind.CHECK_B, Step.HUMAN_CHECK, 0), OK, Step.MERGE, 0, Badge.TASK_EXECUTING),
                Arguments.of(at(ItemKind.TASK, Step.HUMAN_CHECK, 0), FAIL, Step.HUMAN_REVIEW, 0, Badge.BLOCKED),
                Arguments.of(
                        at(ItemKind.TASK, Step.HUMAN_CHECK, 0), PERSON, Step.HUMAN_CHECK, 0, Badge.TASK_EXECUTING));
    }

    @ParameterizedTest(name = "{0} + {1} -> {2}")
    @MethodSource("steps")
    void each_step_outcome_leads_to_exactly_one_next_step_and_badge(
            Cursor cursor, StepOutcome outcome, Step step, int attempts, Badge badge) {
        Transition t = Transitions.afterStep(cursor, outcome, null, MergePolicy.STACKED);
        assertThat(t.cursor().step()).isEqualTo(step);
        assertThat(t.cursor().attempts()).isEqualTo(attempts);
        assertThat(t.badge()).isEqualTo(badge);
        assertThat(t.note()).isNotBlank();
    }

    @Test
    void a_criterion_that_keeps_failing_gets_exactly_three_repairs_then_human_review() {
        Cursor c = at(ItemKind.TASK, Step.IMPLEMENT, 0);
        List<Step> path = new ArrayList<>();
        int toolRuns = 1;
        c = Transitions.afterStep(c, OK, null, MergePolicy.STACKED).cursor();
        while (c.step() != Step.HUMAN_REVIEW) {
            path.add(c.step());
            if (c.step() == Step.ERROR_SOLVE) {
                toolRuns++;
            }
            c = Transitions.afterStep(c, c.step() == Step.VERIFY ? FAIL : OK, null, MergePolicy.STACKED)
                    .cursor();
        }
        assertThat(path)
                .containsExactly(
                        Step.VERIFY,
                        Step.ERROR_SOLVE,
                        Step.VERIFY,
                        Step.ERROR_SOLVE,
                        Step.VERIFY,
                        Step.ERROR_SOLVE,
                        Step.VERIFY);
        assertThat(toolRuns).isEqualTo(1 + Cursor.MAX_ATTEMPTS);
    }

    @Test
    void a_tool_that_cannot_start_sends_the_item_to_a_person_with_the_sentence_and_never_to_verify() {
        Transition t = Transitions.afterStep(
                at(ItemKind.TASK, Step.IMPLEMENT, 0),
                new StepOutcome.NeedsPerson("the tool aider cannot be started: 'aider' is not on PATH"),
                null,
                MergePolicy.STACKED);

        assertThat(t.cursor()).isEqualTo(at(ItemKind.TASK, Step.HUMAN_REVIEW, 0));
        assertThat(t.badge()).isEqualTo(Badge.BLOCKED);
        assertThat(t.note())
                .isEqualTo("item 1.2 needs a person: the tool aider cannot be started: 'aider' is not on PATH");
    }

    @Test
    void a_held_tool_attempt_or_verify_goes_to_human_review_with_what_to_approve_and_spends_no_repair() {
        StepOutcome held = new StepOutcome.Held("the tool changed protected files (check.sh)");
        for (Cursor from : List.of(
                at(ItemKind.TASK, Step.IMPLEMENT, 0),
                at(ItemKind.TASK, Step.ERROR_SOLVE, 2),
                at(ItemKind.TASK, Step.VERIFY, 1))) {
            Transition t = Transitions.afterStep(from, held, null, MergePolicy.STACKED);

            assertThat(t.cursor()).isEqualTo(at(ItemKind.TASK, Step.HUMAN_REVIEW, from.attempts()));
            assertThat(t.badge()).isEqualTo(Badge.BLOCKED);
            assertThat(t.note())
                    .isEqualTo("item 1.2 is held for approval: the tool changed protected files (check.sh);"
                            + " /clarity approve 1.2 accepts it, /clarity retry or skip 1.2 does not");
        }
    }

    @Test
    void approving_a_hold_continues_the_item_where_the_hold_says_and_a_gate_approval_still_goes_to_select() {
        Cursor held = at(ItemKind.TASK, Step.HUMAN_REVIEW, 2);

        assertThat(Transitions.onControl(held, Badge.BLOCKED, new Control.Approve("1.2", Step.VERIFY, 2)))
                .isEqualTo(new ControlResult.Moved(new Transition(
                        at(ItemKind.TASK, Step.VERIFY, 2),
                        Badge.ERROR_SOLVING,
                        "item 1.2 approved: its held change goes on to VERIFY")));
        assertThat(Transitions.onControl(held, Badge.BLOCKED, new Control.Approve("1.2", Step.MERGE, 2)))
                .extracting(r -> ((ControlResult.Moved) r).transition().cursor())
                .isEqualTo(at(ItemKind.TASK, Step.MERGE, 2));
        assertThat(Transitions.onControl(held, Badge.BLOCKED, new Control.Approve("1.3", Step.MERGE, 2)))
                .isInstanceOf(ControlResult.Refused.class);
    }

    @Test
    void the_stop_point_pauses_after_its_item_is_pushed() {
        Transition t = Transitions.afterStep(at(ItemKind.TASK, Step.PUSH, 0), OK, "1.2", MergePolicy.STACKED);
        assertThat(t.badge()).isEqualTo(Badge.PAUSED);
        assertThat(t.cursor()).isEqualTo(Cursor.START);
        assertThat(Transitions.afterStep(at(ItemKind.TASK, Step.PUSH, 0), OK, "9.9", MergePolicy.STACKED)
                        .badge())
                .isEqualTo(Badge.AUTONOMOUS);
    }

    @Test
    void merge_policy_wait_pauses_at_done_until_the_merge_arrives() {
        Transition t = Transitions.afterStep(at(ItemKind.TASK, Step.PUSH, 0), OK, null, MergePolicy.WAIT);
        assertThat(t.badge()).isEqualTo(Badge.PAUSED);
        assertThat(t.cursor().step()).isEqualTo(Step.DONE);
        ControlResult merged = Transitions.onControl(t.cursor(), t.badge(), new Control.Merged());
        assertThat(merged)
                .isEqualTo(new ControlResult.Moved(
                        new Transition(Cursor.START, Badge.AUTONOMOUS, "pull request of 1.2 merged")));
    }

    @Test
    void a_stop_point_under_merge_policy_wait_pauses_at_done_so_the_resume_still_checks_the_merge() {
        Transition t = Transitions.afterStep(at(ItemKind.TASK, Step.PUSH, 0), OK, "1.2", MergePolicy.WAIT);
        assertThat(t.badge()).isEqualTo(Badge.PAUSED);
        assertThat(t.cursor()).isEqualTo(at(ItemKind.TASK, Step.DONE, 0));
        assertThat(t.note()).startsWith("stop point reached after 1.2").endsWith("merged before the next item");
        ControlResult resumed = Transitions.onControl(t.cursor(), t.badge(), new Control.Resume());
        assertThat(resumed)
                .isEqualTo(new ControlResult.Moved(new Transition(t.cursor(), Badge.AUTONOMOUS, "resumed after 1.2")));
    }

    @Test
    void a_resumed_wait_goes_on_only_once_the_item_is_merged() {
        Cursor waiting = at(ItemKind.TASK, Step.DONE, 0);
        Transition notYet = Transitions.afterStep(
                waiting, new StepOutcome.Failed("task/1.2-x is not merged into main yet"), null, MergePolicy.WAIT);
        assertThat(notYet)
                .isEqualTo(
                        new Transition(waiting, Badge.PAUSED, "still waiting: task/1.2-x is not merged into main yet"));
        Transition merged = Transitions.afterStep(
                waiting, new StepOutcome.Succeeded("task/1.2-x is merged into main"), null, MergePolicy.WAIT);
        assertThat(merged)
                .isEqualTo(
                        new Transition(Cursor.START, Badge.AUTONOMOUS, "next item (task/1.2-x is merged into main)"));
    }

    @Test
    void a_failing_check_of_a_persons_commit_names_the_failure_and_asks_for_a_fix_not_a_repair() {
        Transition t = Transitions.afterStep(
                at(ItemKind.TASK, Step.HUMAN_CHECK, 0),
                new StepOutcome.Failed("answer: answer.txt does not exist"),
                null,
                MergePolicy.STACKED);
        assertThat(t)
                .isEqualTo(new Transition(
                        at(ItemKind.TASK, Step.HUMAN_REVIEW, 0),
                        Badge.BLOCKED,
                        "item 1.2 needs a person: the person's commit does not pass (answer: answer.txt does not"
                                + " exist); push a fix to the branch to check it again"));
    }

    @Test
    void a_persons_item_that_passes_is_recorded_and_pushed_like_any_other_and_honours_the_stop_point() {
        Cursor c = at(ItemKind.TASK, Step.HUMAN_CHECK, 0);
        Transition checked = Transitions.afterStep(c, OK, "1.2", MergePolicy.STACKED);
        assertThat(checked.note()).isEqualTo("criteria passed on the person's commit: ok");
        Transition committed = Transitions.afterStep(checked.cursor(), OK, "1.2", MergePolicy.STACKED);
        assertThat(committed.cursor().step()).isEqualTo(Step.PUSH);
        Transition pushed = Transitions.afterStep(committed.cursor(), OK, "1.2", MergePolicy.STACKED);
        assertThat(pushed.cursor()).isEqualTo(Cursor.START);
        assertThat(pushed.badge()).isEqualTo(Badge.PAUSED);
    }

    @Test
    void a_push_by_the_person_checks_an_item_in_review_again_and_is_refused_elsewhere() {
        Cursor review = at(ItemKind.TASK, Step.HUMAN_REVIEW, 0);
        assertThat(Transitions.onControl(review, Badge.BLOCKED, new Control.PersonPushed("1.2")))
                .isEqualTo(new ControlResult.Moved(new Transition(
                        at(ItemKind.TASK, Step.HUMAN_CHECK, 0),
                        Badge.TASK_EXECUTING,
                        "a person pushed to the branch of 1.2: checking their commit")));
        // after Clarity's own three repairs too: the attempts start again at 0 for the person's commit
        assertThat(Transitions.onControl(
                        at(ItemKind.TASK, Step.HUMAN_REVIEW, 3), Badge.BLOCKED, new Control.PersonPushed("1.2")))
                .isInstanceOfSatisfying(
                        ControlResult.Moved.class,
                        m -> assertThat(m.transition().cursor()).isEqualTo(at(ItemKind.TASK, Step.HUMAN_CHECK, 0)));
        assertThat(Transitions.onControl(review, Badge.BLOCKED, new Control.PersonPushed("2.1")))
                .isInstanceOf(ControlResult.Refused.class);
        assertThat(Transitions.onControl(
                        at(ItemKind.TASK, Step.IMPLEMENT, 0), Badge.TASK_EXECUTING, new Control.PersonPushed("1.2")))
                .isInstanceOf(ControlResult.Refused.class);
    }

    @Test
    void human_review_moves_only_by_a_control() {
        assertThatThrownBy(() ->
                        Transitions.afterStep(at(ItemKind.TASK, Step.HUMAN_REVIEW, 3), OK, null, MergePolicy.STACKED))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void stop_keeps_the_cursor_and_resume_continues_at_the_same_step() {
        Cursor c = at(ItemKind.TASK, Step.VERIFY, 2);
        ControlResult stopped = Transitions.onControl(c, Badge.ERROR_SOLVING, new Control.Stop());
        assertThat(stopped).isEqualTo(new ControlResult.Moved(new Transition(c, Badge.STOPPED, "emergency stop")));
        ControlResult resumed = Transitions.onControl(c, Badge.STOPPED, new Control.Resume());
        assertThat(resumed)
                .isEqualTo(new ControlResult.Moved(new Transition(c, Badge.ERROR_SOLVING, "resumed at VERIFY")));
    }

    @Test
    void retry_gives_an_item_in_review_a_fresh_set_of_attempts() {
        Cursor c = at(ItemKind.TASK, Step.HUMAN_REVIEW, 3);
        ControlResult r = Transitions.onControl(c, Badge.BLOCKED, new Control.Retry(null));
        assertThat(r).isInstanceOfSatisfying(ControlResult.Moved.class, m -> {
            assertThat(m.transition().cursor()).isEqualTo(at(ItemKind.TASK, Step.PREP, 0));
            assertThat(m.transition().badge()).isEqualTo(Badge.TASK_EXECUTING);
        });
        assertThat(Transitions.onControl(c, Badge.BLOCKED, new Control.Retry("7.7")))
                .isInstanceOf(ControlResult.Refused.class);
        assertThat(Transitions.onControl(
                        at(ItemKind.TASK, Step.VERIFY, 1), Badge.ERROR_SOLVING, new Control.Retry(null)))
                .isInstanceOf(ControlResult.Refused.class);
    }

    @Test
    void resume_refuses_an_item_that_needs_a_person_and_names_the_commands() {
        ControlResult r =
                Transitions.onControl(at(ItemKind.TASK, Step.HUMAN_REVIEW, 3), Badge.BLOCKED, new Control.Resume());
        assertThat(r)
                .isInstanceOfSatisfying(
                        ControlResult.Refused.class,
                        f -> assertThat(f.reason()).contains("/clarity retry").contains("/clarity skip 1.2"));
    }

    @Test
    void approve_releases_a_gated_item_to_selection_and_refuses_other_items() {
        Cursor gated = at(ItemKind.TASK, Step.HUMAN_REVIEW, 0);
        assertThat(Transitions.onControl(gated, Badge.BLOCKED, new Control.Approve("1.2")))
                .isEqualTo(
                        new ControlResult.Moved(new Transition(Cursor.START, Badge.AUTONOMOUS, "item 1.2 approved")));
        assertThat(Transitions.onControl(gated, Badge.BLOCKED, new Control.Approve("1.3")))
                .isInstanceOf(ControlResult.Refused.class);
    }

    @Test
    void skip_moves_on_from_the_current_item_only() {
        Cursor c = at(ItemKind.CHECK_B, Step.HUMAN_REVIEW, 3);
        assertThat(Transitions.onControl(c, Badge.BLOCKED, new Control.Skip("1.2")))
                .isEqualTo(new ControlResult.Moved(new Transition(Cursor.START, Badge.AUTONOMOUS, "item 1.2 skipped")));
        assertThat(Transitions.onControl(c, Badge.BLOCKED, new Control.Skip("2.1")))
                .isInstanceOf(ControlResult.Refused.class);
    }

    @ParameterizedTest
    @EnumSource(
            value = Badge.class,
            names = {"COMPLETED", "FAILED"})
    void an_ended_execution_refuses_every_control(Badge ended) {
        for (Control control : List.of(
                new Control.Stop(),
                new Control.Resume(),
                new Control.Retry(null),
                new Control.Skip("1.2"),
                new Control.Approve("1.2"),
                new Control.PersonPushed("1.2"),
                new Control.Merged())) {
            assertThat(Transitions.onControl(Cursor.START, ended, control)).isInstanceOf(ControlResult.Refused.class);
        }
    }

    @Test
    void every_step_and_kind_has_a_badge_and_no_outcome_is_left_unhandled() {
        List<StepOutcome> outcomes = List.of(OK, FAIL, PERSON, MISSING_TOOL);
        for (ItemKind kind : ItemKind.values()) {
            for (Step step : Step.values()) {
                if (step == Step.SELECT || step == Step.HUMAN_REVIEW) {
                    continue;
                }
                for (int attempts = 0; attempts <= Cursor.MAX_ATTEMPTS; attempts++) {
                    Cursor c = new Cursor("1.2", kind, step, attempts);
                    assertThat(Transitions.badgeFor(c)).isNotNull();
                    for (StepOutcome o : outcomes) {
                        Transition t = Transitions.afterStep(c, o, null, MergePolicy.STACKED);
                        assertThat(t.cursor().attempts()).isBetween(0, Cursor.MAX_ATTEMPTS);
                        assertThat(t.badge()).isNotIn(Badge.QUEUED, Badge.INITIALIZING);
                    }
                }
            }
        }
    }
}
