package dev.clarity.crm.billing;

import static dev.clarity.migrations.jooq.Tables.COST_LINES;
import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.INVOICES;
import static dev.clarity.migrations.jooq.Tables.INVOICE_COUNTERS;
import static dev.clarity.migrations.jooq.Tables.INVOICE_LINES;
import static dev.clarity.migrations.jooq.Tables.INVOICE_LINE_SOURCES;
import static dev.clarity.migrations.jooq.Tables.ORGANISATION_SETTINGS;
import static dev.clarity.migrations.jooq.Tables.TIME_RECORDS;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import dev.clarity.crm.money.Money;
import dev.clarity.migrations.jooq.tables.records.InvoicesRecord;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Invoices as stored, with intent methods: edit a draft, issue, mark paid, correct with a credit note. Every change
 * locks the invoice row first and checks its state, so an issued invoice is never changed whatever the caller does;
 * issuing takes the next number of its kind and year from {@code invoice_counters} in the same transaction (a
 * rollback gives the number back: the series has no gaps) and bills its sources, refusing when one is already
 * billed.
 */
public final class JooqInvoiceStore {
    private static final String FROZEN = "is issued and can no longer be changed: a credit note corrects it.";

    private final DSLContext dsl;
    private final InstantSource clock;
    private final Audit audit;

    public JooqInvoiceStore(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
        this.audit = new Audit(clock);
    }

    public Optional<Invoice> find(long id) {
        return new InvoiceReads(dsl).find(id);
    }

    /** The ids of a document's lines in their order, for forms that edit them. */
    public List<Long> lineIds(long id) {
        return new InvoiceReads(dsl).lineIds(id);
    }

    /** Newest first, {@code limit} of them, with ids below {@code before} when given. */
    public List<InvoiceSummary> list(CustomerScope scope, Long before, int limit) {
        return new InvoiceReads(dsl).list(scope, before, limit);
    }

    /** Applies {@code edits} and {@code notes} to a draft; refused for an issued invoice or when no line is left. */
    public BillingOutcome editDraft(long id, String notes, List<LineEdit> edits, String actor) {
        return change(id, tx -> {
            InvoicesRecord inv = lockDraft(tx, id);
            Money zero = Money.zero(Money.currency(inv.getCurrency()));
            List<InvoiceLine> added = new ArrayList<>();
            int next = tx.fetchCount(INVOICE_LINES, INVOICE_LINES.INVOICE_ID.eq(id)) + 1;
            for (LineEdit e : edits) {
                if (e.remove()) {
                    tx.deleteFrom(INVOICE_LINES)
                            .where(INVOICE_LINES.ID.eq(e.lineId()).and(INVOICE_LINES.INVOICE_ID.eq(id)))
                            .execute();
                    continue;
                }
                String field = e.lineId() == null ? "new_line" : "line_" + e.lineId();
                if (e.description() == null || e.description().isBlank()) {
                    throw new Refusal(field, "A line needs a description.");
                }
                if (e.quantity() == null
                        || e.unitPrice() == null
                        || e.unitPrice().signum() < 0) {
                    throw new Refusal(field, "A line needs a quantity and a unit price of zero or more.");
                }
                InvoiceLine line = InvoiceLine.priced(
                        next,
                        null,
                        null,
                        e.description().strip(),
                        e.quantity(),
                        e.unit() == null || e.unit().isBlank()
                                ? "item"
                                : e.unit().strip(),
                        new Money(e.unitPrice(), zero.currency()));
                if (e.lineId() == null) {
                    added.add(line);
                    next++;
                } else {
                    tx.update(INVOICE_LINES)
                            .set(INVOICE_LINES.DESCRIPTION, line.description())
                            .set(INVOICE_LINES.QUANTITY, line.quantity())
                            .set(INVOICE_LINES.UNIT, line.unit())
                            .set(INVOICE_LINES.UNIT_PRICE, line.unitPrice().amount())
                            .set(INVOICE_LINES.AMOUNT, line.amount().amount())
                            .where(INVOICE_LINES.ID.eq(e.lineId()).and(INVOICE_LINES.INVOICE_ID.eq(id)))
                            .execute();
                }
            }
            insertLines(tx, id, added);
            if (tx.fetchCount(INVOICE_LINES, INVOICE_LINES.INVOICE_ID.eq(id)) == 0) {
                throw new Refusal("lines", "An invoice needs at least one line.");
            }
            tx.update(INVOICES)
                    .set(INVOICES.NOTES, notes == null || notes.isBlank() ? null : notes.strip())
                    .set(INVOICES.TOTAL, total(tx, id))
                    .set(INVOICES.UPDATED_AT, now())
                    .where(INVOICES.ID.eq(id))
                    .execute();
            audit.write(tx, AuditEntry.of(actor, "invoice.edited", "invoice", id, edits.size() + " line change(s)"));
        });
    }

    /**
     * Numbers the draft ({@code INV-2026-0001}), dates it and bills its time records and cost lines. Refused, with
     * nothing changed, when one of them is already billed or was deleted since the draft was made.
     */
    public BillingOutcome issue(long id, String actor) {
        return change(id, tx -> {
            InvoicesRecord inv = lockDraft(tx, id);
            if (tx.fetchCount(INVOICE_LINES, INVOICE_LINES.INVOICE_ID.eq(id)) == 0) {
                throw new Refusal("lines", "An invoice needs at least one line.");
            }
            String number = number(tx, inv, InvoiceKind.INVOICE);
            billSources(tx, id);
            audit.write(tx, AuditEntry.of(actor, "invoice.issued", "invoice", id, number));
        });
    }

    /** Marks an issued invoice paid on {@code paidOn}; an invoice already paid stays as it is (a repeat is harmless). */
    public BillingOutcome markPaid(long id, LocalDate paidOn, String actor) {
        return change(id, tx -> {
            InvoicesRecord inv = lock(tx, id);
            InvoiceState state = InvoiceState.of(inv.getState());
            if (state == InvoiceState.PAID) {
                return;
            }
            if (state != InvoiceState.ISSUED || !inv.getKind().equals(InvoiceKind.INVOICE.dbName())) {
                throw new Refusal("state", "Only an issued invoice can be paid; this one is " + inv.getState() + ".");
            }
            tx.update(INVOICES)
                    .set(INVOICES.STATE, InvoiceState.PAID.dbName())
                    .set(INVOICES.PAID_ON, paidOn)
                    .set(INVOICES.UPDATED_AT, now())
                    .where(INVOICES.ID.eq(id))
                    .execute();
            audit.write(
                    tx, AuditEntry.of(actor, "invoice.paid", "invoice", id, inv.getNumber() + " paid on " + paidOn));
        });
    }

    /**
     * Issues a credit note for the whole of an issued invoice: the same lines negated, numbered in its own series
     * ({@code CN-2026-0001}). The invoice itself is not changed. Refused for a draft, a credit note, or an invoice
     * already credited.
     */
    public BillingOutcome creditNote(long invoiceId, String reason, String actor) {
        long[] created = new long[1];
        BillingOutcome outcome = change(invoiceId, tx -> {
            InvoicesRecord inv = lock(tx, invoiceId);
            if (!inv.getKind().equals(InvoiceKind.INVOICE.dbName()) || inv.getNumber() == null) {
                throw new Refusal("state", "Only an issued invoice can be corrected by a credit note.");
            }
            if (tx.fetchExists(INVOICES, INVOICES.CORRECTS_INVOICE_ID.eq(invoiceId))) {
                throw new Refusal("state", inv.getNumber() + " already has a credit note.");
            }
            Invoice original = new InvoiceReads(tx).find(invoiceId).orElseThrow();
            InvoicesRecord note = tx.newRecord(INVOICES);
            note.setCustomerId(inv.getCustomerId());
            note.setKind(InvoiceKind.CREDIT_NOTE.dbName());
            note.setState(InvoiceState.DRAFT.dbName());
            note.setCorrectsInvoiceId(invoiceId);
            note.setCurrency(inv.getCurrency());
            note.setPeriodFrom(inv.getPeriodFrom());
            note.setPeriodTo(inv.getPeriodTo());
            note.setTotal(inv.getTotal().negate());
            note.setNotes(
                    "Corrects " + inv.getNumber() + (reason == null || reason.isBlank() ? "." : ": " + reason.strip()));
            note.setCreatedBy(actor);
            note.setCreatedAt(now());
            note.setUpdatedAt(now());
            note.store();
            insertLines(
                    tx,
                    note.getId(),
                    original.lines().stream().map(InvoiceLine::negated).toList());
            String number = number(tx, note, InvoiceKind.CREDIT_NOTE);
            created[0] = note.getId();
            audit.write(
                    tx,
                    AuditEntry.of(
                            actor, "invoice.credited", "invoice", invoiceId, number + " corrects " + inv.getNumber()));
        });
        return outcome instanceof BillingOutcome.Done
                ? new BillingOutcome.Done(find(created[0]).orElseThrow())
                : outcome;
    }

    /**
     * Lines in the order given, positions as they are; returns their ids in the same order. One statement whatever
     * the number of lines (each column an array, unnested side by side): a 1,000-line draft used to render 9,000 bind
     * values. Rows are inserted in the arrays' order, so their identity ids ascend in it.
     */
    static List<Long> insertLines(DSLContext tx, long invoiceId, List<InvoiceLine> lines) {
        if (lines.isEmpty()) {
            return List.of();
        }
        int n = lines.size();
        Integer[] position = new Integer[n];
        Long[] project = new Long[n];
        Long[] person = new Long[n];
        String[] description = new String[n];
        BigDecimal[] quantity = new BigDecimal[n];
        String[] unit = new String[n];
        BigDecimal[] unitPrice = new BigDecimal[n];
        BigDecimal[] amount = new BigDecimal[n];
        for (int i = 0; i < n; i++) {
            InvoiceLine l = lines.get(i);
            position[i] = l.position();
            project[i] = l.projectId();
            person[i] = l.personId();
            description[i] = l.description();
            quantity[i] = l.quantity();
            unit[i] = l.unit();
            unitPrice[i] = l.unitPrice().amount();
            amount[i] = l.amount().amount();
        }
        List<Long> ids = tx.fetch(
                        "insert into invoice_lines (invoice_id, position, project_id, person_id, description,"
                                + " quantity, unit, unit_price, amount)"
                                + " select ?, u.position, u.project_id, u.person_id, u.description, u.quantity, u.unit,"
                                + " u.unit_price, u.amount from unnest(?, ?, ?, ?, ?, ?, ?, ?) with ordinality"
                                + " as u(position, project_id, person_id, description, quantity, unit, unit_price,"
                                + " amount, n) order by u.n returning id",
                        invoiceId,
                        position,
                        project,
                        person,
                        description,
                        quantity,
                        unit,
                        unitPrice,
                        amount)
                .getValues(0, Long.class);
        return ids.stream().sorted().toList();
    }

    private BillingOutcome change(long id, java.util.function.Consumer<DSLContext> work) {
        try {
            dsl.transaction(cfg -> work.accept(DSL.using(cfg)));
        } catch (Refusal r) {
            return new BillingOutcome.Refused(r.errors);
        }
        return find(id).<BillingOutcome>map(BillingOutcome.Done::new)
                .orElseGet(() -> BillingOutcome.Refused.of("id", "There is no invoice " + id + "."));
    }

    private static InvoicesRecord lock(DSLContext tx, long id) {
        InvoicesRecord inv =
                tx.selectFrom(INVOICES).where(INVOICES.ID.eq(id)).forUpdate().fetchOne();
        if (inv == null) {
            throw new Refusal("id", "There is no invoice " + id + ".");
        }
        return inv;
    }

    private static InvoicesRecord lockDraft(DSLContext tx, long id) {
        InvoicesRecord inv = lock(tx, id);
        if (!inv.getState().equals(InvoiceState.DRAFT.dbName())) {
            throw new Refusal("state", inv.getNumber() + " " + FROZEN);
        }
        return inv;
    }

    /**
     * Takes the next number of {@code kind} for this year, locking its counter row until the transaction ends, and
     * issues {@code inv} with it; returns the number.
     */
    private String number(DSLContext tx, InvoicesRecord inv, InvoiceKind kind) {
        // the organisation's date: an invoice issued on New Year's Eve evening in New York is of the old year
        LocalDate today = LocalDate.ofInstant(clock.instant(), dev.clarity.crm.money.JooqBillingSettings.zone(tx));
        int year = today.getYear();
        tx.insertInto(INVOICE_COUNTERS)
                .set(INVOICE_COUNTERS.KIND, kind.dbName())
                .set(INVOICE_COUNTERS.YEAR, year)
                .set(INVOICE_COUNTERS.LAST_SEQ, 0)
                .onConflictDoNothing()
                .execute();
        int seq = tx.update(INVOICE_COUNTERS)
                .set(INVOICE_COUNTERS.LAST_SEQ, INVOICE_COUNTERS.LAST_SEQ.plus(1))
                .where(INVOICE_COUNTERS.KIND.eq(kind.dbName()).and(INVOICE_COUNTERS.YEAR.eq(year)))
                .returning(INVOICE_COUNTERS.LAST_SEQ)
                .fetchOne(INVOICE_COUNTERS.LAST_SEQ);
        var settings = tx.selectFrom(ORGANISATION_SETTINGS).fetchSingle();
        String prefix = kind == InvoiceKind.INVOICE ? settings.getInvoicePrefix() : settings.getCreditNotePrefix();
        String number = InvoiceNumber.format(prefix, year, seq);
        tx.update(INVOICES)
                .set(INVOICES.STATE, InvoiceState.ISSUED.dbName())
                .set(INVOICES.NUMBER, number)
                .set(INVOICES.NUMBER_YEAR, year)
                .set(INVOICES.NUMBER_SEQ, seq)
                .set(INVOICES.ISSUED_ON, today)
                .set(INVOICES.DUE_ON, today.plusDays(settings.getPaymentTermsDays()))
                .set(INVOICES.TOTAL, total(tx, inv.getId()))
                .set(INVOICES.UPDATED_AT, now())
                .where(INVOICES.ID.eq(inv.getId()))
                .execute();
        return number;
    }

    /**
     * Sets billed_invoice_id on every source of the invoice's lines that is still unbilled. A source billed
     * meanwhile (by another invoice issued first: its row lock makes this update wait and then skip it) refuses the
     * whole issue.
     */
    private static void billSources(DSLContext tx, long id) {
        var ofInvoice = tx.select(INVOICE_LINE_SOURCES.TIME_RECORD_ID, INVOICE_LINE_SOURCES.COST_LINE_ID)
                .from(INVOICE_LINE_SOURCES)
                .join(INVOICE_LINES)
                .on(INVOICE_LINES.ID.eq(INVOICE_LINE_SOURCES.INVOICE_LINE_ID))
                .where(INVOICE_LINES.INVOICE_ID.eq(id))
                .fetch();
        List<Long> time =
                ofInvoice.stream().map(r -> r.value1()).filter(v -> v != null).toList();
        List<Long> costs =
                ofInvoice.stream().map(r -> r.value2()).filter(v -> v != null).toList();
        int billedTime = time.isEmpty()
                ? 0
                : tx.update(TIME_RECORDS)
                        .set(TIME_RECORDS.BILLED_INVOICE_ID, id)
                        .where(TIME_RECORDS.ID.in(time))
                        .and(TIME_RECORDS.BILLED_INVOICE_ID.isNull())
                        .and(TIME_RECORDS.DELETED_AT.isNull())
                        .execute();
        if (billedTime != time.size()) {
            throw new Refusal("sources", alreadyBilled(tx, "Time record", TIME_RECORDS.ID.in(time), id));
        }
        int billedCosts = costs.isEmpty()
                ? 0
                : tx.update(COST_LINES)
                        .set(COST_LINES.BILLED_INVOICE_ID, id)
                        .where(COST_LINES.ID.in(costs))
                        .and(COST_LINES.BILLED_INVOICE_ID.isNull())
                        .execute();
        if (billedCosts != costs.size()) {
            throw new Refusal("sources", alreadyBilled(tx, "Cost line", COST_LINES.ID.in(costs), id));
        }
    }

    private static String alreadyBilled(DSLContext tx, String what, Condition sources, long id) {
        if (what.startsWith("Time")) {
            var r = tx.select(TIME_RECORDS.ID, INVOICES.NUMBER, TIME_RECORDS.DELETED_AT)
                    .from(TIME_RECORDS)
                    .leftJoin(INVOICES)
                    .on(INVOICES.ID.eq(TIME_RECORDS.BILLED_INVOICE_ID))
                    .where(sources.and(TIME_RECORDS.BILLED_INVOICE_ID.ne(id).or(TIME_RECORDS.DELETED_AT.isNotNull())))
                    .orderBy(TIME_RECORDS.ID)
                    .limit(1)
                    .fetchOne();
            if (r != null && r.value2() == null) {
                return "Time record " + r.value1() + " was deleted after this draft was made: draft the invoice again.";
            }
            return "Time record " + (r == null ? "?" : r.value1()) + " is already billed on "
                    + (r == null ? "another invoice" : r.value2()) + ": draft this invoice again to leave it out.";
        }
        var r = tx.select(COST_LINES.ID, INVOICES.NUMBER)
                .from(COST_LINES)
                .join(INVOICES)
                .on(INVOICES.ID.eq(COST_LINES.BILLED_INVOICE_ID))
                .where(sources.and(COST_LINES.BILLED_INVOICE_ID.ne(id)))
                .orderBy(COST_LINES.ID)
                .limit(1)
                .fetchOne();
        return "Cost line " + (r == null ? "?" : r.value1()) + " is already billed on "
                + (r == null ? "another invoice" : r.value2()) + ": draft this invoice again to leave it out.";
    }

    private static BigDecimal total(DSLContext tx, long id) {
        BigDecimal sum = tx.select(DSL.sum(INVOICE_LINES.AMOUNT))
                .from(INVOICE_LINES)
                .where(INVOICE_LINES.INVOICE_ID.eq(id))
                .fetchOne(0, BigDecimal.class);
        return sum == null ? BigDecimal.ZERO : sum;
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    static Condition visibleTo(CustomerScope scope) {
        Condition c = DSL.trueCondition();
        if (scope.customerId() != null) {
            c = c.and(INVOICES.CUSTOMER_ID.eq(scope.customerId()));
        }
        if (scope.managerId() != null) {
            c = c.and(CUSTOMERS.MANAGER_ID.eq(scope.managerId()));
        }
        return c;
    }
}
