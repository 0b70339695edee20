package dev.clarity.bot.events;

import dev.clarity.bot.orchestrator.ports.IdempotentControls;
import dev.clarity.bot.orchestrator.ports.OrchestratorSignals;
import dev.clarity.bot.webhook.CheckRunRequested;
import dev.clarity.bot.webhook.EventHandler;
import dev.clarity.bot.webhook.PullRequestClosed;
import dev.clarity.bot.webhook.PushReceived;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ExecutionControls;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code push}, {@code pull_request.closed} and {@code check_run.rerequested} on a known project: a task-list
 * change on the default branch, a person's push to a {@code task/…} branch and a merge go to
 * {@link OrchestratorSignals}; a re-run of a Clarity check run ({@code external_id} = "execution/task") retries
 * that item through {@link ExecutionControls}, once per delivery (a delivery handled again after a crash does not
 * grant a second set of attempts). Events on repositories without a project are ignored. The signals are
 * idempotent by their contract.
 */
public final class RepositoryEventHandler {
    private static final Logger log = LoggerFactory.getLogger(RepositoryEventHandler.class);
    private static final String HEADS = "refs/heads/";

    private final ProjectDirectory projects;
    private final OrchestratorSignals signals;
    private final IdempotentControls controls;

    public RepositoryEventHandler(ProjectDirectory projects, OrchestratorSignals signals, IdempotentControls controls) {
        this.projects = projects;
        this.signals = signals;
        this.controls = controls;
    }

    public void push(PushReceived push) {
        Optional<ProjectRef> found = project("push", push.repository());
        if (found.isEmpty() || !push.ref().startsWith(HEADS) || push.deleted()) {
            return;
        }
        ProjectRef project = found.get();
        String branch = push.ref().substring(HEADS.length());
        if (branch.equals(push.defaultBranch().orElse(project.defaultBranch()))) {
            if (push.changedPaths().contains(project.taskListPath())) {
                signals.taskListChanged(project.id(), push.after());
            }
        } else if (branch.startsWith("task/") && !push.byBot()) {
            signals.manualPush(project.id(), branch, push.pusher(), push.after());
        }
    }

    public void pullRequestClosed(PullRequestClosed closed) {
        Optional<ProjectRef> project = project("pull_request.closed", closed.repository());
        if (project.isEmpty() || !closed.merged()) {
            return;
        }
        signals.pullRequestMerged(project.get().id(), closed.number(), closed.headBranch(), closed.baseBranch());
    }

    public void checkRunRequested(CheckRunRequested rerun) {
        if (project("check_run.rerequested", rerun.repository()).isEmpty()) {
            return;
        }
        String externalId = rerun.externalId();
        int slash = externalId.indexOf('/');
        long executionId;
        try {
            executionId = slash > 0 ? Long.parseLong(externalId.substring(0, slash)) : -1;
        } catch (NumberFormatException e) {
            executionId = -1;
        }
        if (executionId < 0) {
            log.debug("Re-run of a check run that is not Clarity's ({}) ignored", externalId);
            return;
        }
        long execution = executionId;
        String taskId = externalId.substring(slash + 1);
        Actor actor = new Actor(rerun.requester(), "webhook");
        String outcome;
        try {
            outcome = controls.once(
                    "delivery/" + rerun.deliveryId(),
                    c -> c.retry(execution, taskId, actor).message());
        } catch (IdempotentControls.NotNow e) {
            throw new EventHandler.Deferred(
                    "Clarity is shutting down; the re-run of " + externalId + " waits for the next start");
        }
        log.info("Re-run of {}: {}", externalId, outcome);
    }

    private Optional<ProjectRef> project(String event, String repository) {
        Optional<ProjectRef> project = projects.find(repository);
        if (project.isEmpty()) {
            log.debug("{} on {} ignored: not a Clarity project", event, repository);
        }
        return project;
    }
}
