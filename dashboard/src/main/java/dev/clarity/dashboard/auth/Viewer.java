package dev.clarity.dashboard.auth;

/**
 * The signed-in person behind a request. {@code customerId} is set for clients (and only then limits what they
 * see); {@code csrfToken} is null for API-token requests, which carry no ambient credential to forge.
 * {@code mustChangePassword} is true for a browser session opened with a one-time password: until the person chooses
 * a password, every route but the change-password page and sign-out sends them there. An API-token viewer
 * ({@code csrfToken} null) carries it too, and then the guard refuses every request: a password reset or a new
 * one-time password suspends the person's tokens until they have chosen a password in the browser.
 */
public record Viewer(
        long personId, String login, Role role, Long customerId, String csrfToken, boolean mustChangePassword) {
    /** True when this viewer may see data belonging to {@code customer}. */
    public boolean sees(long customer) {
        return role != Role.CLIENT || (customerId != null && customerId == customer);
    }
}
