package dev.clarity.dashboard.auth;

import java.time.OffsetDateTime;

/** One API token as an admin sees it (never its value); {@code revokedAt} is null while it works. */
public record ApiToken(long id, String name, OffsetDateTime createdAt, OffsetDateTime revokedAt) {
    public boolean revoked() {
        return revokedAt != null;
    }
}
