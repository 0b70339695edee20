package dev.clarity.bot.events;

import dev.clarity.bot.github.GitHubException;
import dev.clarity.bot.github.GitHubGateway;
import dev.clarity.bot.github.RepoRef;
import dev.clarity.bot.webhook.InstallationChanged;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code installation} and {@code installation_repositories}: the account becomes a customer, each repository a
 * project (its default branch asked of GitHub, {@code main} when GitHub cannot say); removed repositories and
 * deleted installations archive their projects. A payload without the ids, login or {@code owner/name} this needs
 * is refused when it is read ({@link dev.clarity.bot.webhook.WebhookEvents#installationChanged}), before anything is
 * written.
 */
public final class InstallationHandler {
    private static final Logger log = LoggerFactory.getLogger(InstallationHandler.class);

    private final ProjectDirectory projects;
    private final GitHubGateway github;

    public InstallationHandler(ProjectDirectory projects, GitHubGateway github) {
        this.projects = projects;
        this.github = github;
    }

    public void handle(InstallationChanged change) {
        switch (change) {
            case InstallationChanged.Withdrawn withdrawn -> {
                projects.archiveInstallation(withdrawn.installationId());
                log.info(
                        "Installation {} {}: its projects are archived",
                        withdrawn.installationId(),
                        withdrawn.action());
            }
            case InstallationChanged.Repositories reach -> {
                long installationId = reach.installationId();
                long customer = projects.upsertCustomer(
                        reach.account().id(), reach.account().login());
                for (InstallationChanged.Repository repo : reach.added()) {
                    projects.upsertProject(
                            customer,
                            installationId,
                            repo.id(),
                            repo.fullName(),
                            defaultBranch(installationId, repo.fullName()));
                }
                for (InstallationChanged.Repository repo : reach.removed()) {
                    projects.archiveRepository(repo.fullName());
                }
                log.info(
                        "Installation {} ({}): {} repositories added, {} removed",
                        installationId,
                        reach.account().login(),
                        reach.added().size(),
                        reach.removed().size());
            }
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
