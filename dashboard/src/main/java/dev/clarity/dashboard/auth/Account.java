package dev.clarity.dashboard.auth;

import java.time.OffsetDateTime;

/** One dashboard account as listed by {@code users list}; {@code customer} is the customer's slug for clients. */
public record Account(
        long id, String login, Role role, String customer, boolean canSignIn, OffsetDateTime archivedAt) {}
