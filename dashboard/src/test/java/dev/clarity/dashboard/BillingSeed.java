package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.TIME_RECORDS;

import dev.clarity.crm.billing.BillingOutcome;
import dev.clarity.crm.billing.JooqInvoiceDrafts;
import dev.clarity.crm.billing.JooqInvoiceStore;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;

/**
 * Billing data for the shared test dashboard: Globex is managed by "mia" and has an issued invoice; Acme has a draft.
 * Time records are written straight into their table (the time-tracking forms are not what these tests are about).
 */
record BillingSeed(long globexInvoice, long acmeDraft) {
    static BillingSeed seed(DSLContext dsl, long acme, long globex, long acmeProject, long globexProject) {
        long worker = dsl.insertInto(PEOPLE)
                .set(PEOPLE.LOGIN, "billing-worker")
                .set(PEOPLE.DISPLAY_NAME, "Wendy Worker")
                .set(PEOPLE.ROLE, "team_member")
                .returning(PEOPLE.ID)
                .fetchOne(PEOPLE.ID);
        dsl.update(PROJECTS).set(PROJECTS.HOURLY_RATE, new BigDecimal("100")).execute();
        for (long project : new long[] {acmeProject, globexProject}) {
            dsl.insertInto(TIME_RECORDS)
                    .set(TIME_RECORDS.PROJECT_ID, project)
                    .set(TIME_RECORDS.PERSON_ID, worker)
                    .set(TIME_RECORDS.STARTED_AT, OffsetDateTime.parse("2026-01-05T09:00:00Z"))
                    .set(TIME_RECORDS.SECONDS, 7200L)
                    .set(TIME_RECORDS.BILLABLE_SECONDS, 7200L)
                    .set(TIME_RECORDS.BILLABLE, true)
                    .execute();
        }
        JooqInvoiceStore store = new JooqInvoiceStore(dsl, InstantSource.system());
        JooqInvoiceDrafts drafts = new JooqInvoiceDrafts(dsl, store, InstantSource.system());
        LocalDate from = LocalDate.parse("2026-01-01");
        LocalDate to = LocalDate.parse("2026-01-31");
        long globexInvoice = ((BillingOutcome.Done) drafts.draft(globex, from, to, "root"))
                .invoice()
                .id();
        store.issue(globexInvoice, "root");
        long acmeDraft = ((BillingOutcome.Done) drafts.draft(acme, from, to, "root"))
                .invoice()
                .id();
        return new BillingSeed(globexInvoice, acmeDraft);
    }

    /** Makes {@code login} the manager of {@code customer}. */
    static void manage(DSLContext dsl, long customer, String login) {
        Long person =
                dsl.select(PEOPLE.ID).from(PEOPLE).where(PEOPLE.LOGIN.eq(login)).fetchOne(PEOPLE.ID);
        dsl.update(CUSTOMERS)
                .set(CUSTOMERS.MANAGER_ID, person)
                .where(CUSTOMERS.ID.eq(customer))
                .execute();
    }
}
