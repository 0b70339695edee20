package dev.clarity.crm.billing;

import static dev.clarity.migrations.jooq.Tables.INVOICES;
import static dev.clarity.migrations.jooq.Tables.TIME_RECORDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.crm.CrmDatabase;
import dev.clarity.crm.money.Money;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class InvoicesTest {
    private static final LocalDate MARCH_1 = LocalDate.parse("2026-03-01");
    private static final LocalDate MARCH_31 = LocalDate.parse("2026-03-31");

    private final DSLContext dsl = CrmDatabase.dsl();
    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-04-02T10:00:00Z"));
    private final JooqInvoiceStore store = new JooqInvoiceStore(dsl, clock);
    private final JooqInvoiceDrafts drafts = new JooqInvoiceDrafts(dsl, store, clock);
    private long acme;
    private long shop;
    private long ana;
    private long ben;

    @BeforeEach
    void seed() {
        CrmDatabase.reset();
        acme = CrmDatabase.customer("Acme", "EUR");
        shop = CrmDatabase.project(acme, "Shop", "100");
        ana = CrmDatabase.person("Ana", "team_member");
        ben = CrmDatabase.person("Ben", "team_member");
        CrmDatabase.member(shop, ben, "120");
    }

    @Test
    void a_draft_groups_time_by_project_and_person_at_the_person_rate_else_the_project_rate() {
        CrmDatabase.time(shop, ana, MARCH_1, 3600);
        CrmDatabase.time(shop, ana, MARCH_1.plusDays(1), 1800);
        CrmDatabase.time(shop, ben, MARCH_1, 900);
        CrmDatabase.time(shop, ben, LocalDate.parse("2026-04-01"), 3600); // outside the period

        Invoice draft = done(drafts.draft(acme, MARCH_1, MARCH_31, "root"));

        assertThat(draft.state()).isEqualTo(InvoiceState.DRAFT);
        assertThat(draft.number()).isNull();
        assertThat(draft.lines())
                .extracting(
                        InvoiceLine::description,
                        l -> l.quantity().toPlainString(),
                        l -> l.amount().toString())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Shop — Ana", "1.5000", "150.00 EUR"),
                        org.assertj.core.groups.Tuple.tuple("Shop — Ben", "0.2500", "30.00 EUR"));
        assertThat(draft.total()).isEqualTo(Money.of("180.00", "EUR"));
    }

    @Test
    void a_missing_rate_is_a_field_message_and_no_draft_is_made() {
        long site = CrmDatabase.project(acme, "Site", null);
        CrmDatabase.time(site, ana, MARCH_1, 3600);

        BillingOutcome outcome = drafts.draft(acme, MARCH_1, MARCH_31, "root");

        assertThat(outcome).isInstanceOf(BillingOutcome.Refused.class);
        assertThat(((BillingOutcome.Refused) outcome).errors())
                .containsEntry(
                        "rate", "No hourly rate for Ana on Site: set the project's rate or this person's rate on it.");
        assertThat(dsl.fetchCount(INVOICES)).isZero();
    }

    @Test
    void a_period_without_unbilled_work_refuses_an_invoice_with_no_lines() {
        BillingOutcome outcome = drafts.draft(acme, MARCH_1, MARCH_31, "root");

        assertThat(((BillingOutcome.Refused) outcome).errors()).containsKey("period");
        assertThat(dsl.fetchCount(INVOICES)).isZero();
    }

    @Test
    void cost_lines_in_another_currency_are_converted_with_the_rate_of_their_date() {
        CrmDatabase.rate("USD", "EUR", LocalDate.parse("2026-02-27"), "0.5");
        CrmDatabase.cost(shop, "ai_usage", "1000", "tokens", "10.00", "USD", MARCH_1);
        CrmDatabase.cost(shop, "ai_usage", "1000", "tokens", "4.00", "USD", MARCH_1.plusDays(3));

        Invoice draft = done(drafts.draft(acme, MARCH_1, MARCH_31, "root"));

        assertThat(draft.lines()).singleElement().satisfies(l -> {
            assertThat(l.description()).isEqualTo("Shop — ai usage");
            assertThat(l.amount()).isEqualTo(Money.of("7.00", "EUR"));
        });
    }

    @Test
    void a_cost_line_without_a_rate_for_its_date_refuses_the_draft() {
        CrmDatabase.rate("USD", "EUR", LocalDate.parse("2026-03-05"), "0.5");
        CrmDatabase.cost(shop, "ai_usage", "1000", "tokens", "10.00", "USD", MARCH_1);

        BillingOutcome outcome = drafts.draft(acme, MARCH_1, MARCH_31, "root");

        assertThat(((BillingOutcome.Refused) outcome).errors())
                .containsEntry(
                        "currency",
                        "No exchange rate from USD to EUR on or before 2026-03-01: add one under exchange rates.");
    }

    @Test
    void issuing_numbers_invoices_without_gaps_and_bills_their_time_records() {
        long first = CrmDatabase.time(shop, ana, MARCH_1, 3600);
        Invoice a = done(drafts.draft(acme, MARCH_1, MARCH_1, "root"));
        CrmDatabase.time(shop, ana, MARCH_1.plusDays(1), 3600);
        Invoice b = done(drafts.draft(acme, MARCH_1.plusDays(1), MARCH_1.plusDays(1), "root"));

        Invoice issuedA = done(store.issue(a.id(), "root"));
        Invoice issuedB = done(store.issue(b.id(), "root"));

        assertThat(issuedA.number()).isEqualTo("INV-2026-0001");
        assertThat(issuedB.number()).isEqualTo("INV-2026-0002");
        assertThat(issuedA.issuedOn()).isEqualTo(LocalDate.parse("2026-04-02"));
        assertThat(issuedA.dueOn()).isEqualTo(LocalDate.parse("2026-05-02"));
        assertThat(billedOn(first)).isEqualTo(a.id());
    }

    @Test
    void a_record_already_billed_makes_a_second_issue_fail_and_takes_no_number() {
        long record = CrmDatabase.time(shop, ana, MARCH_1, 3600);
        Invoice a = done(drafts.draft(acme, MARCH_1, MARCH_31, "root"));
        Invoice b = done(drafts.draft(acme, MARCH_1, MARCH_31, "root"));
        done(store.issue(a.id(), "root"));

        BillingOutcome second = store.issue(b.id(), "root");

        assertThat(((BillingOutcome.Refused) second).errors())
                .containsEntry(
                        "sources",
                        "Time record " + record + " is already billed on INV-2026-0001: draft this invoice again to"
                                + " leave it out.");
        assertThat(store.find(b.id()).orElseThrow().state()).isEqualTo(InvoiceState.DRAFT);
        assertThat(billedOn(record)).isEqualTo(a.id());
        CrmDatabase.time(shop, ana, MARCH_1.plusDays(2), 60);
        Invoice c = done(drafts.draft(acme, MARCH_1.plusDays(2), MARCH_1.plusDays(2), "root"));
        assertThat(done(store.issue(c.id(), "root")).number()).isEqualTo("INV-2026-0002");
    }

    @Test
    void a_draft_is_edited_but_an_issued_invoice_is_refused_by_the_store() {
        CrmDatabase.time(shop, ana, MARCH_1, 3600);
        Invoice draft = done(drafts.draft(acme, MARCH_1, MARCH_31, "root"));
        long lineId = new InvoiceReads(dsl).lineIds(draft.id()).getFirst();

        Invoice edited = done(store.editDraft(
                draft.id(),
                "Thank you",
                List.of(
                        new LineEdit(
                                lineId,
                                "Shop — Ana (discounted)",
                                new BigDecimal("1"),
                                "h",
                                new BigDecimal("90"),
                                false),
                        new LineEdit(null, "Hosting", new BigDecimal("1"), "month", new BigDecimal("25.005"), false)),
                "root"));
        assertThat(edited.total()).isEqualTo(Money.of("115.00", "EUR"));
        assertThat(edited.notes()).isEqualTo("Thank you");

        Invoice issued = done(store.issue(draft.id(), "root"));
        BillingOutcome refused = store.editDraft(issued.id(), "changed", List.of(LineEdit.remove(lineId)), "root");

        assertThat(((BillingOutcome.Refused) refused).errors())
                .containsEntry(
                        "state", "INV-2026-0001 is issued and can no longer be changed: a credit note corrects it.");
        assertThat(store.find(draft.id()).orElseThrow()).isEqualTo(issued);
    }

    @Test
    void removing_every_line_of_a_draft_is_refused_and_changes_nothing() {
        CrmDatabase.time(shop, ana, MARCH_1, 3600);
        Invoice draft = done(drafts.draft(acme, MARCH_1, MARCH_31, "root"));
        long lineId = new InvoiceReads(dsl).lineIds(draft.id()).getFirst();

        BillingOutcome outcome = store.editDraft(draft.id(), null, List.of(LineEdit.remove(lineId)), "root");

        assertThat(((BillingOutcome.Refused) outcome).errors())
                .containsEntry("lines", "An invoice needs at least one line.");
        assertThat(store.find(draft.id()).orElseThrow().lines()).hasSize(1);
    }

    @Test
    void an_issued_invoice_is_paid_once_and_a_draft_cannot_be_paid() {
        CrmDatabase.time(shop, ana, MARCH_1, 3600);
        Invoice draft = done(drafts.draft(acme, MARCH_1, MARCH_31, "root"));
        assertThat(store.markPaid(draft.id(), MARCH_31, "root")).isInstanceOf(BillingOutcome.Refused.class);
        done(store.issue(draft.id(), "root"));

        Invoice paid = done(store.markPaid(draft.id(), LocalDate.parse("2026-04-10"), "root"));
        Invoice again = done(store.markPaid(draft.id(), LocalDate.parse("2026-04-11"), "root"));

        assertThat(paid.state()).isEqualTo(InvoiceState.PAID);
        assertThat(again.paidOn()).isEqualTo(LocalDate.parse("2026-04-10"));
    }

    @Test
    void a_credit_note_negates_an_issued_invoice_in_its_own_series_once() {
        CrmDatabase.time(shop, ana, MARCH_1, 3600);
        Invoice invoice = done(
                store.issue(done(drafts.draft(acme, MARCH_1, MARCH_31, "root")).id(), "root"));

        Invoice note = done(store.creditNote(invoice.id(), "wrong rate", "root"));

        assertThat(note.kind()).isEqualTo(InvoiceKind.CREDIT_NOTE);
        assertThat(note.number()).isEqualTo("CN-2026-0001");
        assertThat(note.correctsInvoiceId()).isEqualTo(invoice.id());
        assertThat(note.total()).isEqualTo(Money.of("-100.00", "EUR"));
        assertThat(note.lines())
                .singleElement()
                .satisfies(l -> assertThat(l.quantity()).isNegative());
        assertThat(note.notes()).isEqualTo("Corrects INV-2026-0001: wrong rate");
        assertThat(store.creditNote(invoice.id(), null, "root")).isInstanceOf(BillingOutcome.Refused.class);
        assertThat(store.find(invoice.id()).orElseThrow()).isEqualTo(invoice);
    }

    @Test
    void drafting_editing_issuing_paying_and_crediting_each_write_one_audit_row_and_a_refusal_writes_none() {
        var audit = dev.clarity.migrations.jooq.Tables.AUDIT;
        Long before = dsl.select(org.jooq.impl.DSL.max(audit.ID)).from(audit).fetchOne(org.jooq.impl.DSL.max(audit.ID));
        long mark = before == null ? 0 : before;
        CrmDatabase.time(shop, ana, MARCH_1, 3600);
        Invoice draft = done(drafts.draft(acme, MARCH_1, MARCH_31, "mia"));
        done(store.editDraft(draft.id(), "thanks", List.of(), "mia"));
        assertThat(store.markPaid(draft.id(), MARCH_31, "mia")).isInstanceOf(BillingOutcome.Refused.class);
        done(store.issue(draft.id(), "root"));
        done(store.markPaid(draft.id(), LocalDate.parse("2026-04-10"), "root"));
        done(store.markPaid(draft.id(), LocalDate.parse("2026-04-11"), "root"));
        done(store.creditNote(draft.id(), "wrong rate", "root"));

        assertThat(dsl.select(audit.ACTOR, audit.ACTION, audit.DETAIL)
                        .from(audit)
                        .where(audit.ID.gt(mark))
                        .and(audit.TARGET_TYPE.eq("invoice"))
                        .and(audit.TARGET_ID.eq(Long.toString(draft.id())))
                        .orderBy(audit.ID)
                        .fetch(r -> r.value1() + " " + r.value2() + " " + r.value3()))
                .containsExactly(
                        "mia invoice.drafted customer " + acme + ", 2026-03-01 to 2026-03-31, 1 line(s)",
                        "mia invoice.edited 0 line change(s)",
                        "root invoice.issued INV-2026-0001",
                        "root invoice.paid INV-2026-0001 paid on 2026-04-10",
                        "root invoice.credited CN-2026-0001 corrects INV-2026-0001");
    }

    @Test
    void lists_are_newest_first_and_scoped_to_a_customer() {
        long globex = CrmDatabase.customer("Globex", "USD");
        long site = CrmDatabase.project(globex, "Site", "80");
        CrmDatabase.time(shop, ana, MARCH_1, 3600);
        CrmDatabase.time(site, ana, MARCH_1, 3600);
        Invoice a = done(drafts.draft(acme, MARCH_1, MARCH_31, "root"));
        Invoice g = done(drafts.draft(globex, MARCH_1, MARCH_31, "root"));

        assertThat(store.list(CustomerScope.all(), null, 10))
                .extracting(InvoiceSummary::id)
                .containsExactly(g.id(), a.id());
        assertThat(store.list(CustomerScope.all(), g.id(), 10))
                .extracting(InvoiceSummary::id)
                .containsExactly(a.id());
        assertThat(store.list(CustomerScope.customer(acme), null, 10))
                .extracting(InvoiceSummary::id)
                .containsExactly(a.id());
        assertThat(g.total()).isEqualTo(Money.of("80.00", "USD"));
    }

    private Long billedOn(long record) {
        return dsl.select(TIME_RECORDS.BILLED_INVOICE_ID)
                .from(TIME_RECORDS)
                .where(TIME_RECORDS.ID.eq(record))
                .fetchOne(0, Long.class);
    }

    static Invoice done(BillingOutcome outcome) {
        assertThat(outcome).isInstanceOf(BillingOutcome.Done.class);
        return ((BillingOutcome.Done) outcome).invoice();
    }
}
