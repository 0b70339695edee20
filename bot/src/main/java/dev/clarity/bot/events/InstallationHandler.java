package dev.clarity.bot.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarity.bot.github.GitHubException;
import dev.clarity.bot.github.GitHubGateway;
import dev.clarity.bot.github.RepoRef;
import dev.clarity.bot.webhook.Delivery;
import dev.clarity.bot.webhook.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code installation} and {@code installation_repositories}: the account becomes a customer, each repository a
 * project (its default branch asked of GitHub, {@code main} when GitHub cannot say); removed repositories and
 * deleted installations archive their projects.
 */
public final class InstallationHandler implements EventHandler {
    private static final Logger log = LoggerFactory.getLogger(InstallationHandler.class);

    private final ProjectDirectory projects;
    private final GitHubGateway github;

    public InstallationHandler(ProjectDirectory projects, GitHubGateway github) {
        this.projects = projects;
        this.github = github;
    }

    @Override
    public void handle(Delivery delivery) {
        JsonNode p = delivery.payload();
        JsonNode installation = p.path("installation");
        long installationId = installation.path("id").asLong();
        String action = delivery.action().orElse("");
        if (delivery.event().equals("installation") && (action.equals("deleted") || action.equals("suspend"))) {
            projects.archiveInstallation(installationId);
            log.info("Installation {} {}: its projects are archived", installationId, action);
            return;
        }
        JsonNode account = installation.path("account");
        long customer = projects.upsertCustomer(
                account.path("id").asLong(), account.path("login").asText());
        JsonNode added =
                delivery.event().equals("installation") ? p.path("repositories") : p.path("repositories_added");
        for (JsonNode repo : added) {
            String fullName = repo.path("full_name").asText();
            projects.upsertProject(
                    customer,
                    installationId,
                    repo.path("id").asLong(),
                    fullName,
                    defaultBranch(installationId, fullName));
        }
        for (JsonNode repo : p.path("repositories_removed")) {
            projects.archiveRepository(repo.path("full_name").asText());
        }
        log.info(
                "Installation {} ({}): {} repositories added, {} removed",
                installationId,
                account.path("login").asText(),
                added.size(),
                p.path("repositories_removed").size());
    }

    private String defaultBranch(long installationId, String fullName) {
        try {
            return github.defaultBranch(installationId, RepoRef.parse(fullName));
        } catch (GitHubException e) {
            log.warn("Default branch of {} unknown ({}); keeping main until the next event", fullName, e.getMessage());
            return null;
        }
    }
}
