package dev.clarity.crm.time;

import java.time.Instant;

/**
 * One line of a time record's trail.
 *
 * @param action {@code created}, {@code corrected} or {@code deleted}
 * @param beforeJson the record before, null when it was created
 * @param afterJson the record after
 * @param reason why, as the person wrote it, or null
 */
public record TimeChange(
        long id,
        long timeRecordId,
        Instant at,
        String actor,
        String action,
        String beforeJson,
        String afterJson,
        String reason) {}
