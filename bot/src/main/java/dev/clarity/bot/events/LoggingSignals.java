package dev.clarity.bot.events;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link OrchestratorSignals} that only logs: for a process without an orchestrator. */
final class LoggingSignals implements OrchestratorSignals {
    private static final Logger log = LoggerFactory.getLogger(LoggingSignals.class);

    @Override
    public void taskListChanged(long projectId, String commitSha) {
        log.info("Task list changed on project {} at {} (no orchestrator wired)", projectId, commitSha);
    }

    @Override
    public void manualPush(long projectId, String branch, String pusher, String commitSha) {
        log.info("{} pushed {} on project {} at {} (no orchestrator wired)", pusher, branch, projectId, commitSha);
    }

    @Override
    public void pullRequestMerged(long projectId, int number, String headBranch, String baseBranch) {
        log.info("#{} merged on project {} (no orchestrator wired)", number, projectId);
    }
}
