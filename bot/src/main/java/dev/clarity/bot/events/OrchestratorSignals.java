package dev.clarity.bot.events;

/**
 * Repository events the orchestrator reacts to, declared here so that webhook handling does not depend on how the
 * orchestrator is built. Called on the webhook executor; implementations return quickly (record, then wake the
 * scheduler) and must be idempotent, since GitHub may deliver the same change twice under different ids.
 */
public interface OrchestratorSignals {
    /** The default branch moved and the push touched the project's task list: wake executions waiting on it. */
    void taskListChanged(long projectId, String commitSha);

    /**
     * A person (not a bot) pushed to a {@code task/…} branch: a manual override. Clarity stops touching that branch,
     * runs the item's criteria on it, and marks the item done as human-completed if they pass.
     */
    void manualPush(long projectId, String branch, String pusher, String commitSha);

    /** A pull request was merged: resume {@code wait} executions and retarget stacked pull requests on its head. */
    void pullRequestMerged(long projectId, int number, String headBranch, String baseBranch);

    /** What {@code serve} uses until an orchestrator is wired: every signal is logged and otherwise dropped. */
    static OrchestratorSignals loggingOnly() {
        return new LoggingSignals();
    }
}
