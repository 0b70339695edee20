package dev.clarity.bot.orchestrator.ports;

/**
 * Repository events the orchestrator reacts to: a port of the orchestrator, which the webhook handlers call, so the
 * orchestrator knows nothing of webhooks. Called on the webhook executor; implementations return quickly (record,
 * then wake the scheduler) and must be idempotent, since GitHub may deliver the same change twice under different
 * ids.
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
}
