package dev.clarity.bot.orchestrator;

import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.MergePolicy;
import dev.clarity.vocabulary.Step;
import java.util.Objects;

/**
 * The execution state machine as pure functions: no I/O, no clock. {@link #afterStep} says where an execution goes
 * once a step has produced its outcome; {@link #onControl} where a person's control takes it. The shell
 * ({@link ExecutionLoop}) persists each transition before it carries out the next step.
 */
public final class Transitions {
    private Transitions() {}

    /** Where the execution goes after {@code cursor}'s step produced {@code outcome}. */
    public static Transition afterStep(Cursor cursor, StepOutcome outcome, String stopAfter, MergePolicy policy) {
        return switch (cursor.step()) {
            case SELECT -> afterSelect(outcome);
            case PREP -> afterPrep(cursor, outcome);
            case IMPLEMENT ->
                switch (outcome) {
                    case StepOutcome.Succeeded s -> move(cursor.at(Step.VERIFY), "implemented: " + s.detail());
                    case StepOutcome.TakenByPerson t -> humanCheck(cursor, t.summary());
                    case StepOutcome.NeedsPerson n -> review(cursor, n.reason());
                    case StepOutcome.Held h -> held(cursor, h.reason());
                    default -> move(new Cursor(cursor.taskId(), cursor.kind(), Step.ERROR_SOLVE, 1), failure(outcome));
                };
            case VERIFY -> afterVerify(cursor, outcome);
            case ERROR_SOLVE ->
                switch (outcome) {
                    case StepOutcome.TakenByPerson t -> humanCheck(cursor, t.summary());
                    case StepOutcome.NeedsPerson n -> review(cursor, n.reason());
                    case StepOutcome.Held h -> held(cursor, h.reason());
                    default ->
                        move(cursor.at(Step.VERIFY), "repair attempt " + cursor.attempts() + ": " + detail(outcome));
                };
            case HUMAN_CHECK -> afterHumanCheck(cursor, outcome);
            case MERGE ->
                switch (outcome) {
                    case StepOutcome.Succeeded s -> move(cursor.at(Step.PUSH), "committed " + s.detail());
                    case StepOutcome.TakenByPerson t -> humanCheck(cursor, t.summary());
                    default -> review(cursor, failure(outcome));
                };
            case PUSH -> afterPush(cursor, outcome, stopAfter, policy);
            case DONE ->
                outcome instanceof StepOutcome.Succeeded s
                        ? move(Cursor.START, "next".equals(s.detail()) ? "next item" : "next item (" + s.detail() + ")")
                        : new Transition(cursor, Badge.PAUSED, "still waiting: " + failure(outcome));
            case SKIPPED -> move(Cursor.START, "next item");
            case HUMAN_REVIEW ->
                throw new IllegalStateException(
                        "an item in human review moves only by a control, not by a step: " + cursor);
        };
    }

    private static Transition afterSelect(StepOutcome outcome) {
        return switch (outcome) {
            case StepOutcome.Selected s ->
                s.gated()
                        ? new Transition(
                                new Cursor(s.taskId(), s.kind(), Step.HUMAN_REVIEW, 0),
                                Badge.BLOCKED,
                                "item " + s.taskId() + " matches a gate: waiting for /clarity approve " + s.taskId())
                        : move(new Cursor(s.taskId(), s.kind(), Step.PREP, 0), "selected " + s.taskId());
            case StepOutcome.NothingSelectable n ->
                switch (n.reason()) {
                    case ALL_DONE -> new Transition(Cursor.START, Badge.COMPLETED, "every item is done");
                    case BLOCKED -> new Transition(Cursor.START, Badge.BLOCKED, "no item is eligible: " + n.detail());
                    case NO_TASKS -> new Transition(Cursor.START, Badge.FAILED, "the task list holds no tasks");
                    case NO_CHECKS -> new Transition(Cursor.START, Badge.FAILED, n.detail());
                };
            default -> throw new IllegalArgumentException("SELECT cannot produce " + outcome);
        };
    }

    private static Transition afterPrep(Cursor cursor, StepOutcome outcome) {
        return switch (outcome) {
            case StepOutcome.Succeeded s ->
                move(
                        cursor.at(
                                switch (cursor.kind()) {
                                    case TASK -> Step.IMPLEMENT;
                                    case CHECK_A, CHECK_B -> Step.VERIFY;
                                    case CHECK_C -> Step.MERGE;
                                }),
                        "branch ready: " + s.detail());
            case StepOutcome.TakenByPerson t -> humanCheck(cursor, t.summary());
            default -> review(cursor, failure(outcome));
        };
    }

    private static Transition afterVerify(Cursor cursor, StepOutcome outcome) {
        return switch (outcome) {
            case StepOutcome.Succeeded s -> move(cursor.at(Step.MERGE), "criteria passed: " + s.detail());
            case StepOutcome.TakenByPerson t -> humanCheck(cursor, t.summary());
            case StepOutcome.Held h -> held(cursor, h.reason());
            default ->
                cursor.attempts() < Cursor.MAX_ATTEMPTS
                        ? move(
                                new Cursor(cursor.taskId(), cursor.kind(), Step.ERROR_SOLVE, cursor.attempts() + 1),
                                "criteria failed (" + failure(outcome) + "); repair attempt " + (cursor.attempts() + 1))
                        : review(
                                cursor,
                                "criteria still fail after " + Cursor.MAX_ATTEMPTS + " repair attempts: "
                                        + failure(outcome));
        };
    }

    /**
     * The person's commit against the item's criteria: passing, the item is recorded done as theirs (MERGE and PUSH on
     * the record branch); failing, a person is needed, and no repair is asked of the tool: the branch is the person's,
     * and their next push checks it again.
     */
    private static Transition afterHumanCheck(Cursor cursor, StepOutcome outcome) {
        return switch (outcome) {
            case StepOutcome.Succeeded s ->
                move(
                        new Cursor(cursor.taskId(), cursor.kind(), Step.MERGE, 0),
                        "criteria passed on the person's commit: " + s.detail());
            case StepOutcome.TakenByPerson t -> humanCheck(cursor, t.summary());
            default ->
                review(
                        cursor,
                        "the person's commit does not pass (" + failure(outcome)
                                + "); push a fix to the branch to check it again");
        };
    }

    private static Transition afterPush(Cursor cursor, StepOutcome outcome, String stopAfter, MergePolicy policy) {
        if (outcome instanceof StepOutcome.TakenByPerson t) {
            return humanCheck(cursor, t.summary());
        }
        if (outcome instanceof StepOutcome.Waiting w) {
            return new Transition(cursor, Badge.BLOCKED, w.reason());
        }
        if (!(outcome instanceof StepOutcome.Succeeded s)) {
            return review(cursor, failure(outcome));
        }
        if (Objects.equals(stopAfter, cursor.taskId()) && policy == MergePolicy.WAIT) {
            // paused at DONE, so that the resume still finds out whether the item was merged before going on
            return new Transition(
                    cursor.at(Step.DONE),
                    Badge.PAUSED,
                    "stop point reached after " + cursor.taskId() + " (" + s.detail()
                            + "); its pull request must be merged before the next item");
        }
        if (Objects.equals(stopAfter, cursor.taskId())) {
            return new Transition(
                    Cursor.START,
                    Badge.PAUSED,
                    "stop point reached after " + cursor.taskId() + " (" + s.detail() + ")");
        }
        if (policy == MergePolicy.WAIT) {
            return new Transition(
                    cursor.at(Step.DONE),
                    Badge.PAUSED,
                    "waiting for the pull request of " + cursor.taskId() + " to be merged");
        }
        return move(Cursor.START, "done " + cursor.taskId() + " (" + s.detail() + ")");
    }

    /**
     * A budget of the item or its execution is crossed ({@code sentence} says which): the step's work stops there and
     * the item waits in human review, whatever the step produced. An execution budget stops the execution the same
     * way, and every later tool step of it finds the budget used up before it starts.
     */
    public static Transition overBudget(Cursor cursor, String sentence) {
        return review(cursor, sentence);
    }

    /** Where a person's control takes an execution, or why it is refused. */
    public static ControlResult onControl(Cursor cursor, Badge badge, Control control) {
        if (badge.isTerminal()) {
            return new ControlResult.Refused("the execution has already ended (" + badge.spelling() + ")");
        }
        return switch (control) {
            case Control.Stop s ->
                badge == Badge.STOPPED
                        ? new ControlResult.Refused("the execution is already stopped")
                        : moved(cursor, Badge.STOPPED, "emergency stop");
            case Control.Resume r -> resume(cursor, badge);
            case Control.Retry r -> retry(cursor, r.taskId());
            case Control.Skip s -> {
                if (cursor.taskId() == null || !cursor.taskId().equals(s.taskId())) {
                    yield new ControlResult.Refused("item " + s.taskId() + " is not the current item"
                            + (cursor.taskId() == null ? "" : " (" + cursor.taskId() + " is)"));
                }
                yield moved(
                        Cursor.START,
                        badge == Badge.STOPPED ? Badge.STOPPED : Badge.AUTONOMOUS,
                        "item " + s.taskId() + " skipped");
            }
            case Control.Approve a -> {
                if (cursor.step() != Step.HUMAN_REVIEW || !a.taskId().equals(cursor.taskId())) {
                    yield new ControlResult.Refused("item " + a.taskId() + " is not waiting for approval");
                }
                if (a.resumeAt() != null) {
                    Cursor next = new Cursor(cursor.taskId(), cursor.kind(), a.resumeAt(), a.attempts());
                    yield moved(
                            next,
                            badgeFor(next),
                            "item " + a.taskId() + " approved: its held change goes on to " + a.resumeAt());
                }
                yield moved(Cursor.START, Badge.AUTONOMOUS, "item " + a.taskId() + " approved");
            }
            case Control.PersonPushed p -> {
                if (cursor.step() != Step.HUMAN_REVIEW || !p.taskId().equals(cursor.taskId())) {
                    yield new ControlResult.Refused("item " + p.taskId() + " is not waiting in human review"
                            + (cursor.taskId() == null
                                    ? ""
                                    : " (" + cursor.taskId() + " is at " + cursor.step() + ")"));
                }
                yield moved(
                        new Cursor(cursor.taskId(), cursor.kind(), Step.HUMAN_CHECK, 0),
                        Badge.TASK_EXECUTING,
                        "a person pushed to the branch of " + p.taskId() + ": checking their commit");
            }
            case Control.Merged m ->
                cursor.step() == Step.DONE && badge == Badge.PAUSED
                        ? moved(Cursor.START, Badge.AUTONOMOUS, "pull request of " + cursor.taskId() + " merged")
                        : new ControlResult.Refused("the execution is not waiting for a merge");
        };
    }

    private static ControlResult resume(Cursor cursor, Badge badge) {
        if (badge.isRunning() || badge == Badge.QUEUED) {
            return new ControlResult.Refused("the execution is already running");
        }
        if (cursor.step() == Step.HUMAN_REVIEW) {
            return new ControlResult.Refused("item " + cursor.taskId()
                    + " needs a person: /clarity retry, /clarity skip " + cursor.taskId() + " or /clarity approve "
                    + cursor.taskId() + ", or a push of theirs to its branch");
        }
        if (cursor.step() == Step.DONE) {
            // the DONE step decides: with GitHub it goes on, without it first checks that the item was merged
            return moved(cursor, Badge.AUTONOMOUS, "resumed after " + cursor.taskId());
        }
        return moved(cursor, badgeFor(cursor), "resumed at " + cursor.step());
    }

    private static ControlResult retry(Cursor cursor, String taskId) {
        if (cursor.step() == Step.SELECT) {
            return moved(Cursor.START, Badge.AUTONOMOUS, "retrying selection");
        }
        if (cursor.step() != Step.HUMAN_REVIEW) {
            return new ControlResult.Refused("item " + cursor.taskId() + " is not in human review");
        }
        if (taskId != null && !taskId.equals(cursor.taskId())) {
            return new ControlResult.Refused("item " + taskId + " is not in human review (" + cursor.taskId() + " is)");
        }
        // PREP again: it finds the branch as it is (idempotent), so the fresh attempts start from the person's fix
        return moved(
                new Cursor(cursor.taskId(), cursor.kind(), Step.PREP, 0),
                Badge.TASK_EXECUTING,
                "retrying " + cursor.taskId() + " with a fresh set of attempts");
    }

    /** The badge an execution shows while it carries out {@code cursor}'s step. */
    public static Badge badgeFor(Cursor cursor) {
        return switch (cursor.step()) {
            case SELECT, DONE, SKIPPED -> Badge.AUTONOMOUS;
            case PREP, IMPLEMENT, HUMAN_CHECK, MERGE, PUSH -> Badge.TASK_EXECUTING;
            case VERIFY -> cursor.attempts() > 0 ? Badge.ERROR_SOLVING : Badge.TASK_EXECUTING;
            case ERROR_SOLVE -> Badge.ERROR_SOLVING;
            case HUMAN_REVIEW -> Badge.BLOCKED;
        };
    }

    private static Transition move(Cursor next, String note) {
        return new Transition(next, badgeFor(next), note);
    }

    private static Transition review(Cursor cursor, String why) {
        return new Transition(
                cursor.at(Step.HUMAN_REVIEW), Badge.BLOCKED, "item " + cursor.taskId() + " needs a person: " + why);
    }

    /** Held for approval: in human review, with the sentence that says what to approve. */
    private static Transition held(Cursor cursor, String why) {
        return new Transition(
                cursor.at(Step.HUMAN_REVIEW),
                Badge.BLOCKED,
                "item " + cursor.taskId() + " is held for approval: " + why + "; /clarity approve " + cursor.taskId()
                        + " accepts it, /clarity retry or skip " + cursor.taskId() + " does not");
    }

    /** A person's push took the item over: from any step of the item, their commit is checked next. */
    private static Transition humanCheck(Cursor cursor, String why) {
        return move(
                new Cursor(cursor.taskId(), cursor.kind(), Step.HUMAN_CHECK, 0),
                "item " + cursor.taskId() + " is a person's now (" + why
                        + "): Clarity leaves their branch alone and checks their commit");
    }

    private static ControlResult moved(Cursor cursor, Badge badge, String note) {
        return new ControlResult.Moved(new Transition(cursor, badge, note));
    }

    private static String failure(StepOutcome outcome) {
        return switch (outcome) {
            case StepOutcome.Failed f -> f.summary();
            case StepOutcome.TakenByPerson t -> t.summary();
            case StepOutcome.NeedsPerson n -> n.reason();
            case StepOutcome.Held h -> h.reason();
            case StepOutcome.Waiting w -> w.reason();
            default -> outcome.toString();
        };
    }

    private static String detail(StepOutcome outcome) {
        return switch (outcome) {
            case StepOutcome.Succeeded s -> s.detail();
            default -> failure(outcome);
        };
    }
}
