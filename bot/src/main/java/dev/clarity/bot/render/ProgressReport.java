package dev.clarity.bot.render;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The state of one execution as its progress comment shows it. {@code currentTaskId} and {@code currentStep} may
 * be null (between tasks); {@code estimate} is the time still expected; {@code ending} is present once the execution
 * completed, paused, stopped, failed or is blocked. {@code listDone} of {@code listTotal} atomic items of the whole
 * task list are done (the tree shows only the items this execution reached); a total of 0 means not known. {@code usage}
 * is what the execution's model requests used so far, in Clarity's words (null when none).
 */
public record ProgressReport(
        long executionId,
        String repository,
        String badge,
        List<TaskLine> tasks,
        String currentTaskId,
        String currentStep,
        Duration elapsed,
        Optional<Duration> estimate,
        Optional<Ending> ending,
        int listDone,
        int listTotal,
        String usage) {
    public ProgressReport {
        tasks = List.copyOf(tasks);
    }

    /** Without model usage. */
    public ProgressReport(
            long executionId,
            String repository,
            String badge,
            List<TaskLine> tasks,
            String currentTaskId,
            String currentStep,
            Duration elapsed,
            Optional<Duration> estimate,
            Optional<Ending> ending,
            int listDone,
            int listTotal) {
        this(
                executionId,
                repository,
                badge,
                tasks,
                currentTaskId,
                currentStep,
                elapsed,
                estimate,
                ending,
                listDone,
                listTotal,
                null);
    }

    /** Without the task list's counts: the progress cell counts the lines of the tree. */
    public ProgressReport(
            long executionId,
            String repository,
            String badge,
            List<TaskLine> tasks,
            String currentTaskId,
            String currentStep,
            Duration elapsed,
            Optional<Duration> estimate,
            Optional<Ending> ending) {
        this(executionId, repository, badge, tasks, currentTaskId, currentStep, elapsed, estimate, ending, 0, 0);
    }

    /**
     * How the execution ended (for now). {@code headline} is text (it may quote a tool's or a check's message: the
     * renderer escapes it); {@code whatToDo} is what a person must do, null when nothing, as Markdown that Clarity
     * wrote, anything untrusted in it already escaped with {@link dev.clarity.bot.markdown.Markdown}.
     */
    public record Ending(String headline, String whatToDo) {}

    /** Time left judged from the pace so far: elapsed / done × remaining; empty before the first item is done. */
    public static Optional<Duration> estimate(Duration elapsed, int done, int total) {
        if (done <= 0 || total <= done) {
            return total <= done && done > 0 ? Optional.of(Duration.ZERO) : Optional.empty();
        }
        return Optional.of(elapsed.dividedBy(done).multipliedBy(total - done));
    }
}
