package dev.clarity.crm.billing;

import static dev.clarity.migrations.jooq.Tables.COST_LINES;
import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.INVOICES;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROJECT_MEMBERS;
import static dev.clarity.migrations.jooq.Tables.TIME_RECORDS;
import static org.jooq.impl.DSL.coalesce;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import dev.clarity.crm.money.Money;
import dev.clarity.crm.rates.ExchangeRate;
import dev.clarity.crm.rates.JooqExchangeRates;
import dev.clarity.crm.rates.RateTable;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * Makes a draft invoice from a customer's unbilled billable time records and cost lines of a period (inclusive
 * dates, UTC). Reading the sources, grouping ({@link Drafting}) and storing the draft with its lines and sources
 * happen in one transaction; nothing is billed yet (issuing does that). A cost line in another currency is converted
 * with the rate of its date; a missing rate refuses the draft.
 */
public final class JooqInvoiceDrafts {
    private final DSLContext dsl;
    private final JooqInvoiceStore store;
    private final InstantSource clock;
    private final Audit audit;

    public JooqInvoiceDrafts(DSLContext dsl, JooqInvoiceStore store, InstantSource clock) {
        this.dsl = dsl;
        this.store = store;
        this.clock = clock;
        this.audit = new Audit(clock);
    }

    public BillingOutcome draft(long customerId, LocalDate from, LocalDate to, String actor) {
        if (from == null || to == null) {
            return BillingOutcome.Refused.of("period_from", "Give the first and last day of the period.");
        }
        if (to.isBefore(from)) {
            return BillingOutcome.Refused.of(
                    "period_to", "The period ends (" + to + ") before it starts (" + from + ").");
        }
        Optional<String> currencyCode = dsl.select(CUSTOMERS.BILLING_CURRENCY)
                .from(CUSTOMERS)
                .where(CUSTOMERS.ID.eq(customerId))
                .fetchOptional(CUSTOMERS.BILLING_CURRENCY);
        if (currencyCode.isEmpty()) {
            return BillingOutcome.Refused.of("customer_id", "There is no customer " + customerId + ".");
        }
        Currency currency = Money.currency(currencyCode.get());
        long id;
        try {
            id = dsl.transactionResult(cfg -> {
                DSLContext tx = DSL.using(cfg);
                List<UnbilledTime> time = time(tx, customerId, from, to);
                List<UnbilledCost> costs = new ArrayList<>();
                Map<String, String> missing = costs(tx, customerId, from, to, currency, costs);
                if (!missing.isEmpty()) {
                    throw new Refusal(missing);
                }
                return switch (Drafting.lines(currency, time, costs)) {
                    case Drafting.Result.Refused r -> throw new Refusal(r.errors());
                    case Drafting.Result.Lines l -> {
                        long created = insert(tx, customerId, currency, from, to, actor, l.lines());
                        audit.write(
                                tx,
                                AuditEntry.of(
                                        actor,
                                        "invoice.drafted",
                                        "invoice",
                                        created,
                                        "customer " + customerId + ", " + from + " to " + to + ", "
                                                + l.lines().size() + " line(s)"));
                        yield created;
                    }
                };
            });
        } catch (Refusal r) {
            return new BillingOutcome.Refused(r.errors);
        }
        return new BillingOutcome.Done(store.find(id).orElseThrow());
    }

    /**
     * One row per project and person: seconds summed and record ids gathered by PostgreSQL, not per record here. The
     * period's days are the organisation's calendar days, as in reports.
     */
    private static List<UnbilledTime> time(DSLContext tx, long customerId, LocalDate from, LocalDate to) {
        java.time.ZoneId zone = dev.clarity.crm.money.JooqBillingSettings.zone(tx);
        Field<Long[]> ids = DSL.arrayAgg(TIME_RECORDS.ID).orderBy(TIME_RECORDS.ID);
        Field<BigDecimal> seconds = DSL.sum(TIME_RECORDS.BILLABLE_SECONDS);
        Field<String> person = coalesce(PEOPLE.DISPLAY_NAME, PEOPLE.LOGIN);
        Field<BigDecimal> rate = coalesce(PROJECT_MEMBERS.HOURLY_RATE, PROJECTS.HOURLY_RATE);
        return tx.select(TIME_RECORDS.PROJECT_ID, PROJECTS.NAME, TIME_RECORDS.PERSON_ID, person, seconds, rate, ids)
                .from(TIME_RECORDS)
                .join(PROJECTS)
                .on(PROJECTS.ID.eq(TIME_RECORDS.PROJECT_ID))
                .join(PEOPLE)
                .on(PEOPLE.ID.eq(TIME_RECORDS.PERSON_ID))
                .leftJoin(PROJECT_MEMBERS)
                .on(PROJECT_MEMBERS
                        .PROJECT_ID
                        .eq(TIME_RECORDS.PROJECT_ID)
                        .and(PROJECT_MEMBERS.PERSON_ID.eq(TIME_RECORDS.PERSON_ID)))
                .where(PROJECTS.CUSTOMER_ID.eq(customerId))
                .and(PROJECTS.BILLABLE.isTrue())
                .and(TIME_RECORDS.BILLABLE.isTrue())
                .and(TIME_RECORDS.BILLED_INVOICE_ID.isNull())
                .and(TIME_RECORDS.DELETED_AT.isNull())
                .and(TIME_RECORDS.STARTED_AT.ge(start(from, zone)))
                .and(TIME_RECORDS.STARTED_AT.lt(start(to.plusDays(1), zone)))
                .groupBy(
                        TIME_RECORDS.PROJECT_ID,
                        PROJECTS.NAME,
                        TIME_RECORDS.PERSON_ID,
                        PEOPLE.DISPLAY_NAME,
                        PEOPLE.LOGIN,
                        PROJECT_MEMBERS.HOURLY_RATE,
                        PROJECTS.HOURLY_RATE)
                .fetch(r -> new UnbilledTime(
                        r.value1(),
                        r.value2(),
                        r.value3(),
                        r.value4(),
                        r.value5().longValueExact(),
                        r.value6(),
                        Arrays.asList(r.value7())));
    }

    private Map<String, String> costs(
            DSLContext tx, long customerId, LocalDate from, LocalDate to, Currency currency, List<UnbilledCost> out) {
        RateTable rates = new JooqExchangeRates(tx).into(currency.getCurrencyCode());
        Map<String, String> missing = new java.util.LinkedHashMap<>();
        tx.select(
                        COST_LINES.ID,
                        COST_LINES.PROJECT_ID,
                        PROJECTS.NAME,
                        COST_LINES.KIND,
                        COST_LINES.QUANTITY,
                        COST_LINES.UNIT,
                        COST_LINES.AMOUNT,
                        COST_LINES.CURRENCY,
                        COST_LINES.INCURRED_ON)
                .from(COST_LINES)
                .join(PROJECTS)
                .on(PROJECTS.ID.eq(COST_LINES.PROJECT_ID))
                .where(PROJECTS.CUSTOMER_ID.eq(customerId))
                .and(PROJECTS.BILLABLE.isTrue())
                .and(COST_LINES.BILLABLE.isTrue())
                .and(COST_LINES.BILLED_INVOICE_ID.isNull())
                .and(COST_LINES.INCURRED_ON.between(from, to))
                .orderBy(COST_LINES.ID)
                .forEach(r -> {
                    Money amount = new Money(r.value7(), Money.currency(r.value8()));
                    if (!amount.currency().equals(currency)) {
                        Optional<ExchangeRate> rate = rates.on(r.value8(), currency.getCurrencyCode(), r.value9());
                        if (rate.isEmpty()) {
                            missing.put(
                                    "currency",
                                    "No exchange rate from " + r.value8() + " to " + currency.getCurrencyCode()
                                            + " on or before " + r.value9() + ": add one under exchange rates.");
                            return;
                        }
                        amount = rate.get().convert(amount);
                    }
                    out.add(new UnbilledCost(
                            r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), amount));
                });
        return missing;
    }

    private long insert(
            DSLContext tx,
            long customerId,
            Currency currency,
            LocalDate from,
            LocalDate to,
            String actor,
            List<DraftLine> lines) {
        Money total = lines.stream().map(l -> l.line().amount()).reduce(Money.zero(currency), Money::plus);
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        long id = tx.insertInto(INVOICES)
                .set(INVOICES.CUSTOMER_ID, customerId)
                .set(INVOICES.KIND, InvoiceKind.INVOICE.dbName())
                .set(INVOICES.STATE, InvoiceState.DRAFT.dbName())
                .set(INVOICES.CURRENCY, currency.getCurrencyCode())
                .set(INVOICES.PERIOD_FROM, from)
                .set(INVOICES.PERIOD_TO, to)
                .set(INVOICES.TOTAL, total.rounded().amount())
                .set(INVOICES.CREATED_BY, actor)
                .set(INVOICES.CREATED_AT, now)
                .set(INVOICES.UPDATED_AT, now)
                .returning(INVOICES.ID)
                .fetchOne(INVOICES.ID);
        List<Long> lineIds = JooqInvoiceStore.insertLines(
                tx, id, lines.stream().map(DraftLine::line).toList());
        List<Long> lineOf = new ArrayList<>();
        List<Long> timeIds = new ArrayList<>();
        List<Long> costIds = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            for (Long t : lines.get(i).timeRecordIds()) {
                lineOf.add(lineIds.get(i));
                timeIds.add(t);
                costIds.add(null);
            }
            for (Long c : lines.get(i).costLineIds()) {
                lineOf.add(lineIds.get(i));
                timeIds.add(null);
                costIds.add(c);
            }
        }
        // one statement whatever the number of sources: three arrays, unnested side by side
        if (!lineOf.isEmpty()) {
            tx.execute(
                    "insert into invoice_line_sources (invoice_line_id, time_record_id, cost_line_id)"
                            + " select * from unnest(?, ?, ?)",
                    lineOf.toArray(Long[]::new),
                    timeIds.toArray(Long[]::new),
                    costIds.toArray(Long[]::new));
        }
        return id;
    }

    private static OffsetDateTime start(LocalDate day, java.time.ZoneId zone) {
        return day.atStartOfDay(zone).toOffsetDateTime();
    }
}
