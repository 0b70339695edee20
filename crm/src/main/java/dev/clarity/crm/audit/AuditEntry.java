package dev.clarity.crm.audit;

import java.util.Objects;

/**
 * One change worth keeping: who ({@code actor}: a login, or a phrase such as "unsubscribe link" when nobody signed
 * in), what ({@code action}, a dotted verb such as {@code campaign.created}, listed in docs/audit.md), on what
 * ({@code targetType} and {@code targetId}) and a short {@code detail}. A detail never holds a secret, a token or the
 * body of a mail or message.
 */
public record AuditEntry(String actor, String action, String targetType, String targetId, String detail) {
    public AuditEntry {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(targetType, "targetType");
    }

    public static AuditEntry of(String actor, String action, String targetType, long targetId, String detail) {
        return new AuditEntry(actor, action, targetType, Long.toString(targetId), detail);
    }
}
