package dev.clarity.dashboard.auth;

import java.util.Map;

/** What became of a person changing their own password. */
public sealed interface PasswordChange {
    /** The new password is stored, the one-time flag cleared and the person's other sessions ended. */
    record Changed() implements PasswordChange {}

    /** Nothing changed; {@code errors} maps each form field ({@code current}, {@code password}, {@code repeat}) to a sentence naming it. */
    record Refused(Map<String, String> errors) implements PasswordChange {}
}
