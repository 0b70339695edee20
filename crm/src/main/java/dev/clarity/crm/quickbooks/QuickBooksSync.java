package dev.clarity.crm.quickbooks;

import static dev.clarity.migrations.jooq.Tables.INVOICES;

import dev.clarity.crm.billing.Invoice;
import dev.clarity.crm.billing.JooqInvoiceStore;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the QuickBooks outbox, oldest due row first, each in its own transaction holding that row's lock (so two
 * workers never send the same row). An invoice, sales receipt or credit memo whose customer is not in QuickBooks yet
 * sends the customer first, with the customer's own row and requestid ({@link QuickBooksCustomers}, which adopts a
 * QuickBooks customer of the same name). On 401 the access token is refreshed once and the call repeated; on 429
 * the row waits for Retry-After and the drain stops (every call would be refused); on 5xx or no answer the row waits
 * 30 s doubling up to an hour; a request QuickBooks rejects waits a day with the fault kept for the settings page.
 * Called by a scheduled task of the composition root, or directly by tests.
 */
public final class QuickBooksSync {
    private static final Logger log = LoggerFactory.getLogger(QuickBooksSync.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    private static final Duration LAST_RETRY = Duration.ofHours(1);

    private final DSLContext dsl;
    private final JooqQuickBooksConnection connection;
    private final QuickBooksClient client;
    private final JooqInvoiceStore invoices;
    private final InstantSource clock;
    private final QuickBooksCustomers customers;
    private final String itemId;

    public QuickBooksSync(
            DSLContext dsl,
            JooqQuickBooksConnection connection,
            QuickBooksClient client,
            JooqInvoiceStore invoices,
            InstantSource clock,
            Supplier<UUID> ids,
            String itemId) {
        this.dsl = dsl;
        this.connection = connection;
        this.client = client;
        this.invoices = invoices;
        this.clock = clock;
        this.customers = new QuickBooksCustomers(client, clock, ids);
        this.itemId = itemId;
    }

    /** What one drain did. */
    public record Drained(int sent, int deferred, boolean rateLimited) {}

    /** Sends up to {@code max} due rows; nothing when QuickBooks is not connected. */
    public Drained drain(int max) {
        int sent = 0;
        int deferred = 0;
        for (int i = 0; i < max; i++) {
            Optional<JooqQuickBooksConnection.Access> access = connection.access();
            if (access.isEmpty()) {
                break;
            }
            Turn step = dsl.transactionResult(cfg -> one(DSL.using(cfg), access.get()));
            switch (step) {
                case NONE -> {
                    return new Drained(sent, deferred, false);
                }
                case SENT -> sent++;
                case DEFERRED -> deferred++;
                case RATE_LIMITED -> {
                    return new Drained(sent, deferred + 1, true);
                }
            }
        }
        return new Drained(sent, deferred, false);
    }

    private enum Turn {
        NONE,
        SENT,
        DEFERRED,
        RATE_LIMITED
    }

    private Turn one(DSLContext tx, JooqQuickBooksConnection.Access access) {
        Instant now = clock.instant();
        Optional<OutboxRow> found = JooqQuickBooksOutbox.next(tx, now);
        if (found.isEmpty()) {
            return Turn.NONE;
        }
        OutboxRow row = found.get();
        QuickBooksAnswer answer = send(tx, row, access);
        if (answer instanceof QuickBooksAnswer.Unauthorized) {
            Optional<JooqQuickBooksConnection.Access> fresh = connection.refreshed();
            if (fresh.isPresent()) {
                answer = send(tx, row, fresh.get());
            }
        }
        switch (answer) {
            case QuickBooksAnswer.Ok ok -> {
                JooqQuickBooksOutbox.done(tx, row, ok.entity().path("Id").asText(null), now);
                return Turn.SENT;
            }
            case QuickBooksAnswer.RateLimited r -> {
                JooqQuickBooksOutbox.later(tx, row, now.plus(r.retryAfter()), "rate limited by QuickBooks");
                JooqQuickBooksOutbox.holdAll(tx, now.plus(r.retryAfter()));
                return Turn.RATE_LIMITED;
            }
            case QuickBooksAnswer.Unavailable u -> {
                JooqQuickBooksOutbox.later(tx, row, now.plus(backoff(row.attempts())), u.what());
                log.warn("QuickBooks {} {} deferred: {}", row.kind(), row.targetId(), u.what());
                return Turn.DEFERRED;
            }
            case QuickBooksAnswer.Unauthorized u -> {
                JooqQuickBooksOutbox.later(
                        tx, row, now.plus(backoff(row.attempts())), "QuickBooks refused the refreshed access token");
                return Turn.DEFERRED;
            }
            case QuickBooksAnswer.Rejected r -> {
                JooqQuickBooksOutbox.later(
                        tx, row, now.plus(Duration.ofDays(1)), "QuickBooks rejected it: " + r.message());
                log.warn("QuickBooks rejected {} {}: {}", row.kind(), row.targetId(), r.message());
                return Turn.DEFERRED;
            }
        }
    }

    private QuickBooksAnswer send(DSLContext tx, OutboxRow row, JooqQuickBooksConnection.Access access) {
        if (row.kind().equals("customer")) {
            return customers.ensure(tx, row.targetId(), access);
        }
        Invoice invoice = invoices.find(row.targetId()).orElseThrow();
        if (invoice.quickbooksId() != null) {
            return new QuickBooksAnswer.Ok(QuickBooksCustomers.idNode(invoice.quickbooksId()));
        }
        QuickBooksAnswer customer = customers.ensure(tx, invoice.customerId(), access);
        if (!(customer instanceof QuickBooksAnswer.Ok ok)) {
            return customer;
        }
        String customerRef = ok.entity().path("Id").asText();
        QuickBooksAnswer answer = switch (row.kind()) {
            case "credit_memo" ->
                client.create(
                        access.realmId(),
                        access.accessToken(),
                        "creditmemo",
                        QuickBooksDocuments.creditMemo(invoice, customerRef, itemId),
                        row.requestId());
            case "sales_receipt" ->
                client.create(
                        access.realmId(),
                        access.accessToken(),
                        "salesreceipt",
                        QuickBooksDocuments.invoice(invoice, customerRef, itemId, true),
                        row.requestId());
            default ->
                client.create(
                        access.realmId(),
                        access.accessToken(),
                        "invoice",
                        QuickBooksDocuments.invoice(invoice, customerRef, itemId, false),
                        row.requestId());
        };
        if (answer instanceof QuickBooksAnswer.Ok created) {
            tx.update(INVOICES)
                    .set(INVOICES.QUICKBOOKS_ID, created.entity().path("Id").asText())
                    .where(INVOICES.ID.eq(invoice.id()))
                    .execute();
        }
        return answer;
    }

    static Duration backoff(int attempts) {
        Duration d = FIRST_RETRY.multipliedBy(1L << Math.min(attempts, 10));
        return d.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : d;
    }
}
