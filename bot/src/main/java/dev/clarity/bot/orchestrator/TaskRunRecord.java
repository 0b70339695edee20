package dev.clarity.bot.orchestrator;

import java.time.Instant;

/**
 * One item of an execution as stored in {@code task_runs}. {@code pushedBy} is set once a person pushed to the item's
 * branch (their login, or empty when git found the push rather than a webhook); {@code personCommit} is their commit
 * whose check passed.
 */
public record TaskRunRecord(
        long executionId,
        String taskId,
        String title,
        String step,
        int attempts,
        String tool,
        String baseBranch,
        String branch,
        String commit,
        String prUrl,
        String errorSummary,
        Instant startedAt,
        Instant finishedAt,
        String pushedBy,
        String personCommit) {
    /** The item is a person's: Clarity no longer writes to its branch. */
    public boolean persons() {
        return pushedBy != null;
    }

    /** The person's commit passed the item's criteria: Clarity records the item on its record branch. */
    public boolean recorded() {
        return personCommit != null;
    }

    /** The branch that holds Clarity's record (✅, outcome, evidence) of an item a person completed on {@code branch}. */
    public static String recordBranch(String branch) {
        return branch + "-done";
    }

    /**
     * Where MERGE, PUSH and DONE write for the item on {@code branch}: that branch, or the record branch once a
     * person's commit passed (a push of theirs that comes in while Clarity's own push of the item finishes does not
     * move a finished item).
     */
    public String writtenBranch(String branch) {
        return recorded() ? recordBranch(branch) : branch;
    }

    /** "completed by a person (@login) at sha", the words of the outcome section and the event log. */
    public String completedBy() {
        return "completed by a person" + (pushedBy == null || pushedBy.isBlank() ? "" : " (@" + pushedBy + ")") + " at "
                + personCommit;
    }
}
