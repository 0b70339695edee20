package dev.clarity.dashboard.crm;

import dev.clarity.dashboard.auth.Role;
import java.time.OffsetDateTime;

/**
 * A person (a dashboard account) as the CRM shows it.
 *
 * @param displayName their name, or null
 * @param email or null
 * @param customerId the customer a client belongs to, null for staff
 * @param archivedAt when it was archived, or null while it is active
 */
public record Person(
        long id,
        String login,
        String displayName,
        String email,
        Role role,
        Long customerId,
        OffsetDateTime archivedAt) {
    public boolean archived() {
        return archivedAt != null;
    }
}
