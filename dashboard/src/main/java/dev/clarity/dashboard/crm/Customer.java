package dev.clarity.dashboard.crm;

import java.time.OffsetDateTime;

/**
 * A customer as the CRM and the API show it.
 *
 * @param githubLogin the GitHub account that installed the App, or null
 * @param archivedAt when it was archived, or null while it is active
 */
public record Customer(long id, String name, String slug, String githubLogin, OffsetDateTime archivedAt) {
    public boolean archived() {
        return archivedAt != null;
    }
}
