package dev.clarity.crm.proposals;

import static dev.clarity.migrations.jooq.Tables.AUDIT;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;

/** Writes one {@code audit} row about a proposal inside the caller's transaction, so it commits with the change. */
final class ProposalAudit {
    private ProposalAudit() {}

    static void write(DSLContext tx, Instant at, String actor, String action, long proposalId, String detail) {
        tx.insertInto(AUDIT)
                .set(AUDIT.AT, OffsetDateTime.ofInstant(at, ZoneOffset.UTC))
                .set(AUDIT.ACTOR, actor)
                .set(AUDIT.ACTION, action)
                .set(AUDIT.TARGET_TYPE, "proposal")
                .set(AUDIT.TARGET_ID, Long.toString(proposalId))
                .set(AUDIT.DETAIL, detail)
                .execute();
    }
}
