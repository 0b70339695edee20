package dev.clarity.dashboard.auth;

/** What became of creating an account or resetting its password. */
public sealed interface AccountOutcome {
    /** Done; {@code oneTimePassword} is shown once and never stored in clear. */
    record Created(long personId, String login, Role role, String oneTimePassword) implements AccountOutcome {}

    /** Nothing changed; {@code message} says why, for the user. */
    record Rejected(String message) implements AccountOutcome {}
}
