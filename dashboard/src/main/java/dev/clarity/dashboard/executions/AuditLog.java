package dev.clarity.dashboard.executions;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import java.time.InstantSource;
import org.jooq.DSLContext;

/**
 * Writes who asked for which control from the dashboard, and what came of it (accepted or refused, with the
 * sentence shown), into {@code audit} through {@link Audit}. Refused requests are written too: they show who tried
 * what. A control runs in the orchestrator's own transaction, so this row is written on its own, after the outcome.
 */
public final class AuditLog {
    private final DSLContext dsl;
    private final Audit audit;

    public AuditLog(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.audit = new Audit(clock);
    }

    public void record(String actor, String action, Long executionId, String targetId, String detail) {
        audit.write(
                dsl,
                new AuditEntry(actor, action, executionId == null ? "project" : "execution", targetId, detail),
                executionId);
    }
}
