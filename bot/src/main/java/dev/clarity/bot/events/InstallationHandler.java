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
 * deleted installations archive their projects. A payload without the ids, login or {@code owner/name} this needs
 * is {@link EventHandler.Unusable}, before anything is written.
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
        long installationId = positive(installation.path("id"), "installation.id");
        String action = delivery.action().orElse("");
        if (delivery.event().equals("installation") && (action.equals("deleted") || action.equals("suspend"))) {
            projects.archiveInstallation(installationId);
            log.info("Installation {} {}: its projects are archived", installationId, action);
            return;
        }
        JsonNode account = installation.path("account");
        long accountId = positive(account.path("id"), "installation.account.id");
        if (!account.path("login").isTextual() || account.path("login").asText().isBlank()) {
            throw new Unusable("installation.account.login is missing or not a name");
        }
        String field = delivery.event().equals("installation") ? "repositories" : "repositories_added";
        JsonNode added = p.path(field);
        for (JsonNode repo : added) {
            repository(repo, field);
        }
        for (JsonNode repo : p.path("repositories_removed")) {
            repository(repo, "repositories_removed");
        }
        long customer = projects.upsertCustomer(accountId, account.path("login").asText());
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

    /** A positive whole number, or {@link Unusable} naming the field. */
    private static long positive(JsonNode value, String field) {
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() <= 0) {
            throw new Unusable(field + " is missing or not a positive whole number");
        }
        return value.asLong();
    }

    /** Checks that a repository of the payload has an id and an {@code owner/name}. */
    private static void repository(JsonNode repo, String field) {
        positive(repo.path("id"), field + "[].id");
        try {
            RepoRef.parse(
                    repo.path("full_name").isTextual() ? repo.path("full_name").asText() : null);
        } catch (IllegalArgumentException e) {
            throw new Unusable(field + "[].full_name is missing or not owner/name");
        }
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
