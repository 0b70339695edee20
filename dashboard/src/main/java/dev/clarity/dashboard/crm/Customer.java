package dev.clarity.dashboard.crm;

import java.time.OffsetDateTime;

/**
 * A customer as the CRM and the API show it.
 *
 * @param githubLogin the GitHub account that installed the App, or null
 * @param archivedAt when it was archived, or null while it is active
 * @param lifecycle lead, active, paused or former
 * @param billingCurrency the ISO 4217 code it is billed in
 * @param managerId the manager who looks after it, or null
 */
public record Customer(
        long id,
        String name,
        String slug,
        String githubLogin,
        OffsetDateTime archivedAt,
        String lifecycle,
        String billingCurrency,
        Long managerId) {
    public boolean archived() {
        return archivedAt != null;
    }
}
