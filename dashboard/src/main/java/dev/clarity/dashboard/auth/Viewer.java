package dev.clarity.dashboard.auth;

/**
 * The signed-in person behind a request. {@code customerId} is set for clients (and only then limits what they
 * see); {@code csrfToken} is null for API-token requests, which carry no ambient credential to forge.
 * {@code mustChangePassword} is true for a browser session opened with a one-time password: until the person chooses
 * a password, every route but the change-password page and sign-out sends them there. API tokens are separate
 * credentials (created after a real sign-in, revoked by an admin) and never carry it.
 */
public record Viewer(
        long personId, String login, Role role, Long customerId, String csrfToken, boolean mustChangePassword) {
    /** True when this viewer may see data belonging to {@code customer}. */
    public boolean sees(long customer) {
        return role != Role.CLIENT || (customerId != null && customerId == customer);
    }
}
