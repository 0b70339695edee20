package dev.clarity.crm.mail;

import java.time.Instant;
import java.util.Optional;

/** Where one queued mail stands: for pages, the doctor and tests. */
public record MailStatus(
        long id,
        String idempotencyKey,
        String state,
        int attempts,
        Instant nextAttemptAt,
        Optional<String> lastError,
        Optional<Instant> sentAt) {}
