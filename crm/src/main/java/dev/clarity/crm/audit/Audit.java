package dev.clarity.crm.audit;

import static dev.clarity.migrations.jooq.Tables.AUDIT;

import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;

/**
 * Writes {@code audit} rows. Callers pass the {@link DSLContext} of the transaction that makes the change, so the row
 * commits with the change and is rolled back with it: there is never a row for a change that did not happen, nor a
 * change without its row. Changes that are refused write nothing here (control requests are the exception: the
 * dashboard records refused ones too, to show who tried what). Thread-safe.
 */
public final class Audit {
    private final InstantSource clock;

    public Audit(InstantSource clock) {
        this.clock = clock;
    }

    /** Writes {@code entry} with {@code tx}, the caller's transaction. */
    public void write(DSLContext tx, AuditEntry entry) {
        write(tx, entry, null);
    }

    /** Writes {@code entry} about execution {@code executionId} (or none, when null) with {@code tx}. */
    public void write(DSLContext tx, AuditEntry entry, Long executionId) {
        tx.insertInto(AUDIT)
                .set(AUDIT.AT, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .set(AUDIT.ACTOR, entry.actor())
                .set(AUDIT.ACTION, entry.action())
                .set(AUDIT.TARGET_TYPE, entry.targetType())
                .set(AUDIT.TARGET_ID, entry.targetId())
                .set(AUDIT.EXECUTION_ID, executionId)
                .set(AUDIT.DETAIL, entry.detail())
                .execute();
    }
}
