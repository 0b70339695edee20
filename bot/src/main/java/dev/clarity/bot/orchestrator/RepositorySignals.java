package dev.clarity.bot.orchestrator;

import dev.clarity.bot.orchestrator.ports.OrchestratorSignals;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.Step;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repository events turned into the same controls a person would use: a changed task list re-selects a blocked
 * execution, a person's push to a task branch takes that item over (Clarity stops writing to the branch and checks
 * the person's commit), a merged pull request resumes an execution waiting for it. Each is idempotent: a control that
 * does not apply is refused and only logged, and a merge resumes only the execution waiting for that very branch, so
 * the same merge signalled again once the execution waits for its next item's pull request does not let that item go
 * on unmerged.
 */
public final class RepositorySignals implements OrchestratorSignals {
    private static final Logger log = LoggerFactory.getLogger(RepositorySignals.class);

    private final ExecutionStore store;
    private final OrchestratorControls controls;

    public RepositorySignals(ExecutionStore store, OrchestratorControls controls) {
        this.store = store;
        this.controls = controls;
    }

    @Override
    public void taskListChanged(long projectId, String commitSha) {
        store.current(projectId)
                .filter(s -> s.badge() == Badge.BLOCKED && s.cursor().step() == Step.SELECT)
                .ifPresent(s -> log.info(
                        "Task list changed at {}: {}",
                        commitSha,
                        controls.retry(s.id(), null, new Actor("github", "webhook"))
                                .message()));
    }

    /**
     * The item of a push: the item whose stored branch it is (nothing when that item is done already), else the item
     * the branch is named after ({@code task/<id>-…}) when the execution has not reached it yet.
     */
    @Override
    public void manualPush(long projectId, String branch, String pusher, String commitSha) {
        store.current(projectId).ifPresent(s -> {
            Optional<TaskRunRecord> run = store.taskRuns(s.id()).stream()
                    .filter(r -> branch.equals(r.branch()))
                    .findFirst();
            Optional<String> item = run.isPresent()
                    ? run.filter(r -> !Step.DONE.name().equals(r.step())).map(TaskRunRecord::taskId)
                    : itemOf(branch);
            item.ifPresent(taskId -> log.info(
                    "{} pushed {} at {}: {}",
                    pusher,
                    branch,
                    commitSha,
                    controls.personPushed(s.id(), taskId, new Actor(pusher, "webhook"))
                            .message()));
        });
    }

    /** Possessive loops: a greedy group loop recurses per {@code .N} and overflowed on a long branch name. */
    private static final Pattern TASK_BRANCH = Pattern.compile("task/(\\d++(?:\\.\\d++)++(?:\\.[A-Za-z])?+)-.*+");

    /** The item id a task branch is named after ({@code task/1.2.3-…}, {@code task/1.2.B-…}), if it is one. */
    static Optional<String> itemOf(String branch) {
        Matcher m = TASK_BRANCH.matcher(branch);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    @Override
    public void pullRequestMerged(long projectId, int number, String headBranch, String baseBranch) {
        store.current(projectId)
                .filter(s -> s.badge() == Badge.PAUSED && s.cursor().step() == Step.DONE)
                // paused at its stop point: the merge alone does not go past it, a person resumes
                .filter(s -> !java.util.Objects.equals(s.stopAfter(), s.cursor().taskId()))
                .filter(s -> store.taskRuns(s.id()).stream()
                        .anyMatch(r -> r.taskId().equals(s.cursor().taskId())
                                // the item's branch, or its record branch when a person completed it
                                && (headBranch.equals(r.branch())
                                        || headBranch.equals(TaskRunRecord.recordBranch(r.branch())))))
                .ifPresent(s -> log.info(
                        "#{} merged: {}",
                        number,
                        controls.merged(s.id(), new Actor("github", "webhook")).message()));
    }
}
