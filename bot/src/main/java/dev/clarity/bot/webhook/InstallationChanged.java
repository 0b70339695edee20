package dev.clarity.bot.webhook;

import java.util.List;

/** {@code installation} and {@code installation_repositories}: what the App's installation on an account reaches. */
public sealed interface InstallationChanged extends WebhookEvent {
    long installationId();

    /** The App was uninstalled ({@code deleted}) or suspended: the installation reaches nothing any more. */
    record Withdrawn(String deliveryId, long installationId, String action) implements InstallationChanged {}

    /**
     * The installation on {@code account} was created, unsuspended or changed: it reaches {@code added} now, and
     * {@code removed} no longer.
     */
    record Repositories(
            String deliveryId, long installationId, Account account, List<Repository> added, List<Repository> removed)
            implements InstallationChanged {
        public Repositories {
            added = List.copyOf(added);
            removed = List.copyOf(removed);
        }
    }

    /** The GitHub account (user or organisation) the App is installed on. */
    record Account(long id, String login) {}

    /** A repository of the installation: its id and {@code owner/name}. */
    record Repository(long id, String fullName) {}
}
