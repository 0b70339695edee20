package dev.clarity.crm.quickbooks;

import static dev.clarity.migrations.jooq.Tables.INVOICES;
import static dev.clarity.migrations.jooq.Tables.QUICKBOOKS_OUTBOX;

import java.time.Instant;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;

/**
 * What is to be sent to QuickBooks, one row per document, kept until QuickBooks took it. Adding a document twice
 * keeps the first row (and its requestid), so a document is never sent as two. Thread-safe.
 */
public final class JooqQuickBooksOutbox {
    private final DSLContext dsl;
    private final InstantSource clock;
    private final Supplier<UUID> ids;

    public JooqQuickBooksOutbox(DSLContext dsl, InstantSource clock, Supplier<UUID> ids) {
        this.dsl = dsl;
        this.clock = clock;
        this.ids = ids;
    }

    public void customer(long customerId) {
        add("customer", customerId);
    }

    /**
     * An issued invoice or credit note: an invoice is sent as an Invoice, or as a SalesReceipt when it was already
     * paid when it is queued (paid at once); a credit note as a CreditMemo. Drafts are not sent.
     */
    public void invoice(long invoiceId) {
        var r = dsl.select(INVOICES.STATE, INVOICES.KIND)
                .from(INVOICES)
                .where(INVOICES.ID.eq(invoiceId))
                .fetchOne();
        if (r == null || r.value1().equals("draft")) {
            return;
        }
        if (r.value2().equals("credit_note")) {
            add("credit_memo", invoiceId);
            return;
        }
        if (dsl.fetchExists(
                QUICKBOOKS_OUTBOX,
                QUICKBOOKS_OUTBOX.TARGET_ID.eq(invoiceId).and(QUICKBOOKS_OUTBOX.KIND.in("invoice", "sales_receipt")))) {
            return;
        }
        add(r.value1().equals("paid") ? "sales_receipt" : "invoice", invoiceId);
    }

    /** How many documents are still to send, and the last error of the oldest one. */
    public record Backlog(int pending, String lastError) {}

    public Backlog backlog() {
        var pending = dsl.selectFrom(QUICKBOOKS_OUTBOX)
                .where(QUICKBOOKS_OUTBOX.DONE_AT.isNull())
                .orderBy(QUICKBOOKS_OUTBOX.ID)
                .fetch();
        return new Backlog(
                pending.size(),
                pending.stream()
                        .map(r -> r.getLastError())
                        .filter(e -> e != null)
                        .findFirst()
                        .orElse(null));
    }

    private void add(String kind, long targetId) {
        add(dsl, kind, targetId, ids.get().toString(), clock.instant());
    }

    /** Adds a row unless one for the same document exists; returns the requestid of the row that is there. */
    static String add(DSLContext tx, String kind, long targetId, String requestId, Instant at) {
        OffsetDateTime now = at(at);
        tx.insertInto(QUICKBOOKS_OUTBOX)
                .set(QUICKBOOKS_OUTBOX.KIND, kind)
                .set(QUICKBOOKS_OUTBOX.TARGET_ID, targetId)
                .set(QUICKBOOKS_OUTBOX.REQUEST_ID, requestId)
                .set(QUICKBOOKS_OUTBOX.NEXT_ATTEMPT_AT, now)
                .set(QUICKBOOKS_OUTBOX.CREATED_AT, now)
                .onConflictDoNothing()
                .execute();
        return tx.select(QUICKBOOKS_OUTBOX.REQUEST_ID)
                .from(QUICKBOOKS_OUTBOX)
                .where(QUICKBOOKS_OUTBOX.KIND.eq(kind).and(QUICKBOOKS_OUTBOX.TARGET_ID.eq(targetId)))
                .fetchSingle(QUICKBOOKS_OUTBOX.REQUEST_ID);
    }

    /** The next due row, locked (skipping rows another worker holds) in the caller's transaction. */
    static Optional<OutboxRow> next(DSLContext tx, Instant now) {
        return tx.selectFrom(QUICKBOOKS_OUTBOX)
                .where(QUICKBOOKS_OUTBOX.DONE_AT.isNull())
                .and(QUICKBOOKS_OUTBOX.NEXT_ATTEMPT_AT.le(at(now)))
                .orderBy(QUICKBOOKS_OUTBOX.NEXT_ATTEMPT_AT, QUICKBOOKS_OUTBOX.ID)
                .limit(1)
                .forUpdate()
                .skipLocked()
                .fetchOptional()
                .map(r -> new OutboxRow(r.getId(), r.getKind(), r.getTargetId(), r.getRequestId(), r.getAttempts()));
    }

    static void done(DSLContext tx, OutboxRow row, String quickbooksId, Instant now) {
        tx.update(QUICKBOOKS_OUTBOX)
                .set(QUICKBOOKS_OUTBOX.DONE_AT, at(now))
                .set(QUICKBOOKS_OUTBOX.QUICKBOOKS_ID, quickbooksId)
                .set(QUICKBOOKS_OUTBOX.ATTEMPTS, row.attempts() + 1)
                .setNull(QUICKBOOKS_OUTBOX.LAST_ERROR)
                .where(QUICKBOOKS_OUTBOX.ID.eq(row.id()))
                .execute();
    }

    static void later(DSLContext tx, OutboxRow row, Instant when, String error) {
        tx.update(QUICKBOOKS_OUTBOX)
                .set(QUICKBOOKS_OUTBOX.NEXT_ATTEMPT_AT, at(when))
                .set(QUICKBOOKS_OUTBOX.ATTEMPTS, row.attempts() + 1)
                .set(QUICKBOOKS_OUTBOX.LAST_ERROR, error)
                .where(QUICKBOOKS_OUTBOX.ID.eq(row.id()))
                .execute();
    }

    /** Nothing is sent before {@code until}: QuickBooks refuses every call of the company until then. */
    static void holdAll(DSLContext tx, Instant until) {
        tx.update(QUICKBOOKS_OUTBOX)
                .set(QUICKBOOKS_OUTBOX.NEXT_ATTEMPT_AT, at(until))
                .where(QUICKBOOKS_OUTBOX.DONE_AT.isNull())
                .and(QUICKBOOKS_OUTBOX.NEXT_ATTEMPT_AT.lt(at(until)))
                .execute();
    }

    static OffsetDateTime at(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
