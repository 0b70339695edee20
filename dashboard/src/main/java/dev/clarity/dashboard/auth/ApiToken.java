package dev.clarity.dashboard.auth;

import java.time.OffsetDateTime;

/**
 * One API token as an admin sees it (never its value); {@code lastUsedAt} is null until a request first sends it
 * (and at most {@link Sessions#LAST_USED_RESOLUTION} stale after), {@code revokedAt} is null while it works.
 */
public record ApiToken(
        long id, String name, OffsetDateTime createdAt, OffsetDateTime lastUsedAt, OffsetDateTime revokedAt) {
    public boolean revoked() {
        return revokedAt != null;
    }
}
