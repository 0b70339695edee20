package dev.clarity.bot.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarity.bot.orchestrator.ports.IdempotentControls;
import dev.clarity.bot.orchestrator.ports.OrchestratorSignals;
import dev.clarity.bot.webhook.Delivery;
import dev.clarity.bot.webhook.EventHandler;
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
public final class RepositoryEventHandler implements EventHandler {
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

    @Override
    public void handle(Delivery delivery) {
        Optional<ProjectRef> project =
                Optional.ofNullable(delivery.repository()).flatMap(projects::find);
        if (project.isEmpty()) {
            log.debug("{} on {} ignored: not a Clarity project", delivery.key(), delivery.repository());
            return;
        }
        switch (delivery.event()) {
            case "push" -> push(project.get(), delivery.payload());
            case "pull_request" -> pullRequest(project.get(), delivery.payload());
            case "check_run" -> checkRun(delivery.id(), delivery.payload());
            default -> log.debug("{} ignored", delivery.key());
        }
    }

    private void push(ProjectRef project, JsonNode p) {
        String ref = p.path("ref").asText("");
        if (!ref.startsWith(HEADS) || p.path("deleted").asBoolean(false)) {
            return;
        }
        String branch = ref.substring(HEADS.length());
        String sha = p.path("after").asText();
        String defaultBranch = p.path("repository").path("default_branch").asText(project.defaultBranch());
        if (branch.equals(defaultBranch)) {
            if (touches(p.path("commits"), project.taskListPath())) {
                signals.taskListChanged(project.id(), sha);
            }
        } else if (branch.startsWith("task/")
                && !"Bot".equals(p.path("sender").path("type").asText())) {
            signals.manualPush(
                    project.id(), branch, p.path("sender").path("login").asText(), sha);
        }
    }

    private static boolean touches(JsonNode commits, String path) {
        for (JsonNode commit : commits) {
            for (String kind : new String[] {"added", "modified", "removed"}) {
                for (JsonNode file : commit.path(kind)) {
                    if (file.asText().equals(path)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void pullRequest(ProjectRef project, JsonNode p) {
        JsonNode pr = p.path("pull_request");
        if (!pr.path("merged").asBoolean(false)) {
            return;
        }
        signals.pullRequestMerged(
                project.id(),
                pr.path("number").asInt(),
                pr.path("head").path("ref").asText(),
                pr.path("base").path("ref").asText());
    }

    private void checkRun(String deliveryId, JsonNode p) {
        String externalId = p.path("check_run").path("external_id").asText("");
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
        Actor actor = new Actor(p.path("sender").path("login").asText(), "webhook");
        String outcome;
        try {
            outcome = controls.once(
                    "delivery/" + deliveryId,
                    c -> c.retry(execution, taskId, actor).message());
        } catch (IdempotentControls.NotNow e) {
            throw new EventHandler.Deferred(
                    "Clarity is shutting down; the re-run of " + externalId + " waits for the next start");
        }
        log.info("Re-run of {}: {}", externalId, outcome);
    }
}
