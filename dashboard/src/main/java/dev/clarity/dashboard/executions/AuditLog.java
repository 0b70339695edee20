package dev.clarity.dashboard.executions;

import static dev.clarity.migrations.jooq.Tables.AUDIT;

import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;

/**
 * Writes who asked for which control from the dashboard, and what came of it (accepted or refused, with the
 * sentence shown), into {@code audit}. Refused requests are written too: they show who tried what.
 */
public final class AuditLog {
    private final DSLContext dsl;
    private final InstantSource clock;

    public AuditLog(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    public void record(String actor, String action, Long executionId, String targetId, String detail) {
        dsl.insertInto(AUDIT)
                .set(AUDIT.AT, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .set(AUDIT.ACTOR, actor)
                .set(AUDIT.ACTION, action)
                .set(AUDIT.TARGET_TYPE, executionId == null ? "project" : "execution")
                .set(AUDIT.TARGET_ID, targetId)
                .set(AUDIT.EXECUTION_ID, executionId)
                .set(AUDIT.DETAIL, detail)
                .execute();
    }
}
