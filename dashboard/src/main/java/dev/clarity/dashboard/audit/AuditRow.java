package dev.clarity.dashboard.audit;

import java.time.Instant;

/** One row of the audit page. */
public record AuditRow(
        long id, Instant at, String actor, String action, String targetType, String targetId, String detail) {}
