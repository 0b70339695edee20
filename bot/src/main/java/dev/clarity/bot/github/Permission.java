package dev.clarity.bot.github;

import java.util.Locale;

/** A person's role on a repository, as GitHub names it ({@code role_name}, falling back to {@code permission}). */
public enum Permission {
    ADMIN,
    MAINTAIN,
    WRITE,
    TRIAGE,
    READ,
    NONE;

    /** Write, maintain and admin may run {@code /clarity} commands. */
    public boolean mayRunCommands() {
        return this == ADMIN || this == MAINTAIN || this == WRITE;
    }

    static Permission fromGitHub(String value) {
        if (value == null) {
            return NONE;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "admin" -> ADMIN;
            case "maintain" -> MAINTAIN;
            case "write", "push" -> WRITE;
            case "triage" -> TRIAGE;
            case "read", "pull" -> READ;
            default -> NONE;
        };
    }
}
