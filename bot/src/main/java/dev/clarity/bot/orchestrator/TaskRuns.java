package dev.clarity.bot.orchestrator;

import dev.clarity.runner.api.CriterionReport;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The items of an execution as the steps speak of them: each method says what happened to an item (selected,
 * prepared, implemented, verified, merged, pushed; taken over by a person, their commit passed), and the store
 * records what that means. Also the marks people set on items ahead of the execution, and each item's generation
 * (part of its idempotency keys).
 */
public interface TaskRuns {
    /** SELECT took the item: its row exists from now on, with what SELECT found, for the dashboard. */
    void selected(long executionId, SelectedItem item);

    /** The row of one item of an execution, created on first use. */
    TaskRunRecord taskRun(long executionId, String taskId, String title);

    /** The stored row of an item, if the execution selected it. */
    Optional<TaskRunRecord> findTaskRun(long executionId, String taskId);

    List<TaskRunRecord> taskRuns(long executionId);

    /** The item's branch is checked out, made from {@code base}. */
    void prepared(ItemRef item, String base, String branch);

    /** The person's {@code branch} is checked out on the item's record branch, standing on {@code base}. */
    void adopted(ItemRef item, String base, String branch);

    /** The tool ran for the item (the first attempt); a tool the runner did not name leaves the stored one. */
    void implemented(ItemRef item, String tool);

    /** The item's criteria ran: the counts, and the failures when some failed. */
    void verified(ItemRef item, Evidence evidence);

    /**
     * The failing criteria of the item's last VERIFY, with their output excerpts, in the order the runner reported
     * them; empty when it passed, never ran, or ran before these were kept.
     */
    List<CriterionReport> failedCriteria(long executionId, String taskId);

    /** The tool ran again to repair failed criteria (attempt {@code item.attempts()}). */
    void repairTried(ItemRef item);

    /** The item's work is committed on its branch as {@code commit}. */
    void merged(ItemRef item, String commit);

    /** Clarity's branch of the item is pushed (with its pull request, when the forge opened one): the item is done. */
    void pushed(ItemRef item, Optional<String> pullRequest);

    /** A person's item is recorded done on {@code recordBranch}, which is pushed: the next stacked item starts there. */
    void recordPushed(ItemRef item, String recordBranch, Optional<String> pullRequest);

    /**
     * A person pushed to the item's branch: the item is theirs from now on. {@code login} replaces an unknown one; a
     * check that passed before no longer counts, since the branch moved. Returns false when the execution never
     * selected the item.
     */
    boolean pushedByPerson(long executionId, String taskId, String login);

    /** The item turned out to be a person's (git found their commits, or they pushed again): as {@link #pushedByPerson}, the login kept. */
    void takenByPerson(ItemRef item);

    /** The person's {@code commit} passed the item's criteria. */
    void personsCommitPassed(ItemRef item, String commit);

    /** How many times a person gave the item a fresh set of attempts (part of its idempotency keys). */
    int generation(long executionId, String taskId);

    /** A person gave the item a fresh set of attempts (or pushed to it): nothing is answered from an older result. */
    void bumpGeneration(long executionId, String taskId);

    /**
     * The branch of the item this execution finished last, else the stack it continues ({@link #continueStack}), if
     * any: the base of the next stacked item.
     */
    Optional<String> lastFinishedBranch(long executionId);

    /**
     * The top of the stack the latest earlier execution of the same project left: its last finished item's branch,
     * else the stack it continued itself. Empty when no earlier execution finished an item.
     */
    Optional<String> earlierStackTop(long executionId);

    /** The execution goes on from {@code branch}, the top of an earlier execution's stack: its items count as done. */
    void continueStack(long executionId, String branch);

    void mark(long executionId, String taskId, Mark mark, String by);

    void unmark(long executionId, String taskId, Mark mark);

    Set<String> marked(long executionId, Mark mark);

    /** Who set {@code mark} on the item, if it is set. */
    Optional<String> markedBy(long executionId, String taskId, Mark mark);

    /** What SELECT found about an item: its dependencies and criteria, one per line. */
    record SelectedItem(String taskId, String title, String dependencies, String criteria) {}
}
