package dev.clarity.crm.billing;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.INVOICES;
import static dev.clarity.migrations.jooq.Tables.INVOICE_LINES;

import dev.clarity.crm.money.Money;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/** Reads invoices into records; used by {@link JooqInvoiceStore} inside and outside its transactions. */
final class InvoiceReads {
    private final DSLContext dsl;

    InvoiceReads(DSLContext dsl) {
        this.dsl = dsl;
    }

    Optional<Invoice> find(long id) {
        return dsl.select(INVOICES.asterisk(), CUSTOMERS.NAME)
                .from(INVOICES)
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(INVOICES.CUSTOMER_ID))
                .where(INVOICES.ID.eq(id))
                .fetchOptional()
                .map(r -> {
                    Currency c = Money.currency(r.get(INVOICES.CURRENCY));
                    List<InvoiceLine> lines = dsl.selectFrom(INVOICE_LINES)
                            .where(INVOICE_LINES.INVOICE_ID.eq(id))
                            .orderBy(INVOICE_LINES.POSITION, INVOICE_LINES.ID)
                            .fetch(l -> new InvoiceLine(
                                    l.getPosition(),
                                    l.getProjectId(),
                                    l.getPersonId(),
                                    l.getDescription(),
                                    l.getQuantity(),
                                    l.getUnit(),
                                    new Money(l.getUnitPrice(), c),
                                    new Money(l.getAmount(), c)));
                    return new Invoice(
                            id,
                            r.get(INVOICES.CUSTOMER_ID),
                            r.get(CUSTOMERS.NAME),
                            InvoiceKind.of(r.get(INVOICES.KIND)),
                            InvoiceState.of(r.get(INVOICES.STATE)),
                            r.get(INVOICES.NUMBER),
                            r.get(INVOICES.CORRECTS_INVOICE_ID),
                            r.get(INVOICES.PERIOD_FROM),
                            r.get(INVOICES.PERIOD_TO),
                            r.get(INVOICES.ISSUED_ON),
                            r.get(INVOICES.DUE_ON),
                            r.get(INVOICES.PAID_ON),
                            new Money(r.get(INVOICES.TOTAL), c),
                            r.get(INVOICES.NOTES),
                            r.get(INVOICES.QUICKBOOKS_ID),
                            lines);
                });
    }

    /** The ids of the lines of an invoice in order, for forms that edit them. */
    List<Long> lineIds(long id) {
        return dsl.select(INVOICE_LINES.ID)
                .from(INVOICE_LINES)
                .where(INVOICE_LINES.INVOICE_ID.eq(id))
                .orderBy(INVOICE_LINES.POSITION, INVOICE_LINES.ID)
                .fetch(INVOICE_LINES.ID);
    }

    List<InvoiceSummary> list(CustomerScope scope, Long before, int limit) {
        return dsl.select(INVOICES.asterisk(), CUSTOMERS.NAME)
                .from(INVOICES)
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(INVOICES.CUSTOMER_ID))
                .where(JooqInvoiceStore.visibleTo(scope))
                .and(before == null ? org.jooq.impl.DSL.trueCondition() : INVOICES.ID.lt(before))
                .orderBy(INVOICES.ID.desc())
                .limit(limit)
                .fetch(InvoiceReads::summary);
    }

    private static InvoiceSummary summary(Record r) {
        return new InvoiceSummary(
                r.get(INVOICES.ID),
                r.get(INVOICES.CUSTOMER_ID),
                r.get(CUSTOMERS.NAME),
                InvoiceKind.of(r.get(INVOICES.KIND)),
                InvoiceState.of(r.get(INVOICES.STATE)),
                r.get(INVOICES.NUMBER),
                r.get(INVOICES.ISSUED_ON),
                r.get(INVOICES.DUE_ON),
                r.get(INVOICES.PAID_ON),
                new Money(r.get(INVOICES.TOTAL), Money.currency(r.get(INVOICES.CURRENCY))),
                r.get(INVOICES.QUICKBOOKS_ID));
    }
}
