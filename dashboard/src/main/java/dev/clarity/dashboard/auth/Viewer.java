package dev.clarity.dashboard.auth;

/**
 * The signed-in person behind a request. {@code customerId} is set for clients (and only then limits what they
 * see); {@code csrfToken} is null for API-token requests, which carry no ambient credential to forge.
 */
public record Viewer(long personId, String login, Role role, Long customerId, String csrfToken) {
    /** True when this viewer may see data belonging to {@code customer}. */
    public boolean sees(long customer) {
        return role != Role.CLIENT || (customerId != null && customerId == customer);
    }
}
