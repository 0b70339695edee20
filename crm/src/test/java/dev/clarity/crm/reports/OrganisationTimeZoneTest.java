package dev.clarity.crm.reports;

import static dev.clarity.migrations.jooq.Tables.AUDIT;
import static dev.clarity.migrations.jooq.Tables.TIME_DAILY;
import static dev.clarity.migrations.jooq.Tables.TIME_MONTHLY;
import static dev.clarity.migrations.jooq.Tables.TIME_RECORDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.crm.CrmDatabase;
import dev.clarity.crm.billing.BillingOutcome;
import dev.clarity.crm.billing.InvoiceLine;
import dev.clarity.crm.billing.JooqInvoiceDrafts;
import dev.clarity.crm.billing.JooqInvoiceStore;
import dev.clarity.crm.money.BillingSettings;
import dev.clarity.crm.money.JooqBillingSettings;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The organisation's time zone decides the day (and month) a record counts on: setting it recounts every record's day
 * in the same transaction, the trigger then counts new and changed records in it, and invoice periods follow it.
 */
class OrganisationTimeZoneTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private final DSLContext dsl = CrmDatabase.dsl();
    private final InstantSource clock = InstantSource.fixed(Instant.parse("2026-04-02T10:00:00Z"));
    private final JooqBillingSettings settings = new JooqBillingSettings(dsl, clock);
    private long customer;
    private long project;
    private long ana;

    @BeforeEach
    void seed() {
        CrmDatabase.reset();
        customer = CrmDatabase.customer("Zone", "EUR");
        project = CrmDatabase.project(customer, "Site", "100");
        ana = CrmDatabase.person("Ana", "team_member");
    }

    @AfterEach
    void backToUtc() {
        CrmDatabase.reset();
    }

    @Test
    void a_new_zone_recounts_every_records_day_and_month_and_new_records_count_in_it() {
        // 23:30 UTC on 31 January is 00:30 on 1 February in Berlin
        long lateJanuary = record("2026-01-31T23:30:00Z", 3_600);
        long midday = record("2026-02-10T12:00:00Z", 1_800);
        assertThat(daySeconds(LocalDate.parse("2026-01-31"))).isEqualTo(3_600L);
        assertThat(monthSeconds(LocalDate.parse("2026-01-01"))).isEqualTo(3_600L);

        List<String> changed = settings.save(zone(BERLIN), "root");

        assertThat(changed).containsExactly("time zone UTC → Europe/Berlin");
        assertThat(settings.current().timeZone()).isEqualTo(BERLIN);
        assertThat(daySeconds(LocalDate.parse("2026-01-31"))).isZero();
        assertThat(daySeconds(LocalDate.parse("2026-02-01"))).isEqualTo(3_600L);
        assertThat(daySeconds(LocalDate.parse("2026-02-10"))).isEqualTo(1_800L);
        assertThat(monthSeconds(LocalDate.parse("2026-01-01"))).isZero();
        assertThat(monthSeconds(LocalDate.parse("2026-02-01"))).isEqualTo(5_400L);
        assertThat(sumsMatchARecountIn("Europe/Berlin")).isTrue();
        assertThat(dsl.select(AUDIT.ACTOR, AUDIT.ACTION, AUDIT.DETAIL)
                        .from(AUDIT)
                        .where(AUDIT.ACTION.eq("organisation.time-zone-set"))
                        .orderBy(AUDIT.ID.desc())
                        .limit(1)
                        .fetchSingle()
                        .intoArray())
                .containsExactly("root", "organisation.time-zone-set", "UTC → Europe/Berlin");

        // summer time: 22:30 UTC on 31 March is 00:30 on 1 April in Berlin (UTC+2)
        record("2026-03-31T22:30:00Z", 900);
        assertThat(daySeconds(LocalDate.parse("2026-04-01"))).isEqualTo(900L);
        // a correction that moves a record takes it off the Berlin day it was counted on
        dsl.update(TIME_RECORDS)
                .set(TIME_RECORDS.STARTED_AT, OffsetDateTime.parse("2026-02-10T23:15:00Z"))
                .where(TIME_RECORDS.ID.eq(lateJanuary))
                .execute();
        assertThat(daySeconds(LocalDate.parse("2026-02-01"))).isZero();
        assertThat(daySeconds(LocalDate.parse("2026-02-11"))).isEqualTo(3_600L);
        dsl.update(TIME_RECORDS)
                .set(TIME_RECORDS.DELETED_AT, OffsetDateTime.parse("2026-04-02T00:00:00Z"))
                .where(TIME_RECORDS.ID.eq(midday))
                .execute();
        assertThat(sumsMatchARecountIn("Europe/Berlin")).isTrue();

        assertThat(settings.save(zone(ZoneOffset.UTC), "root")).containsExactly("time zone Europe/Berlin → UTC");
        assertThat(daySeconds(LocalDate.parse("2026-02-10"))).isEqualTo(3_600L);
        assertThat(daySeconds(LocalDate.parse("2026-03-31"))).isEqualTo(900L);
        assertThat(sumsMatchARecountIn("UTC")).isTrue();
        assertThat(settings.save(zone(ZoneOffset.UTC), "root"))
                .as("nothing to change")
                .isEmpty();
    }

    @Test
    void an_invoice_period_holds_the_records_of_its_days_in_the_organisations_zone() {
        record("2026-01-31T23:30:00Z", 3_600); // 1 February, 00:30 in Berlin
        record("2026-02-28T23:30:00Z", 1_800); // 1 March, 00:30 in Berlin
        JooqInvoiceStore store = new JooqInvoiceStore(dsl, clock);
        JooqInvoiceDrafts drafts = new JooqInvoiceDrafts(dsl, store, clock);
        settings.save(zone(BERLIN), "root");

        BillingOutcome outcome =
                drafts.draft(customer, LocalDate.parse("2026-02-01"), LocalDate.parse("2026-02-28"), "root");

        assertThat(outcome).isInstanceOf(BillingOutcome.Done.class);
        assertThat(((BillingOutcome.Done) outcome).invoice().lines())
                .extracting(l -> l.quantity().toPlainString())
                .as("the 31 January (UTC) record only: the 28 February (UTC) one is of 1 March in Berlin")
                .containsExactly("1.0000");
        assertThat(((BillingOutcome.Done) outcome).invoice().lines())
                .extracting(InvoiceLine::description)
                .containsExactly("Site — Ana");
    }

    @Test
    void an_invoice_issued_on_new_years_eve_in_new_york_is_dated_and_numbered_in_the_old_year() {
        record("2026-12-10T15:00:00Z", 3_600);
        // 03:00 UTC on 1 January is 22:00 on 31 December in New York
        InstantSource newYear = InstantSource.fixed(Instant.parse("2027-01-01T03:00:00Z"));
        JooqInvoiceStore store = new JooqInvoiceStore(dsl, newYear);
        JooqInvoiceDrafts drafts = new JooqInvoiceDrafts(dsl, store, newYear);
        settings.save(zone(ZoneId.of("America/New_York")), "root");
        long id = ((BillingOutcome.Done)
                        drafts.draft(customer, LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31"), "root"))
                .invoice()
                .id();

        var issued = ((BillingOutcome.Done) store.issue(id, "root")).invoice();

        assertThat(issued.issuedOn()).isEqualTo(LocalDate.parse("2026-12-31"));
        assertThat(issued.number()).startsWith("INV-2026-");
    }

    @Test
    void a_zone_that_is_not_a_region_is_refused_by_the_form_and_nothing_is_kept() {
        for (String wrong : List.of("CET", "+02:00", "Europe/Atlantis", "GMT+2", "berlin")) {
            List<BillingSettings> kept = new java.util.ArrayList<>();
            Map<String, String> errors = dev.clarity.crm.money.BillingSettingsForm.check(
                    Map.of("base_currency", "EUR", "machine_rate", "", "time_zone", wrong), kept::add);
            assertThat(errors).as(wrong).containsOnlyKeys("time_zone");
            assertThat(errors.get("time_zone")).contains("Europe/Berlin", wrong);
            assertThat(kept).isEmpty();
        }
        List<BillingSettings> kept = new java.util.ArrayList<>();
        assertThat(dev.clarity.crm.money.BillingSettingsForm.check(
                        Map.of("base_currency", "EUR", "machine_rate", "", "time_zone", " America/New_York "),
                        kept::add))
                .isEmpty();
        assertThat(kept)
                .singleElement()
                .extracting(BillingSettings::timeZoneName)
                .isEqualTo("America/New_York");
    }

    private BillingSettings zone(ZoneId zone) {
        BillingSettings now = settings.current();
        return new BillingSettings(now.baseCurrency(), now.machineRate(), zone);
    }

    private long record(String startedAt, long seconds) {
        long id = CrmDatabase.time(project, ana, LocalDate.parse("2026-01-01"), seconds);
        dsl.update(TIME_RECORDS)
                .set(TIME_RECORDS.STARTED_AT, OffsetDateTime.parse(startedAt))
                .where(TIME_RECORDS.ID.eq(id))
                .execute();
        return id;
    }

    private long daySeconds(LocalDate day) {
        return dsl.select(TIME_DAILY.SECONDS)
                .from(TIME_DAILY)
                .where(TIME_DAILY.PROJECT_ID.eq(project))
                .and(TIME_DAILY.DAY.eq(day))
                .fetchOptional(TIME_DAILY.SECONDS)
                .orElse(0L);
    }

    private long monthSeconds(LocalDate month) {
        return dsl.select(TIME_MONTHLY.SECONDS)
                .from(TIME_MONTHLY)
                .where(TIME_MONTHLY.PROJECT_ID.eq(project))
                .and(TIME_MONTHLY.MONTH.eq(month))
                .fetchOptional(TIME_MONTHLY.SECONDS)
                .orElse(0L);
    }

    /** The kept daily and monthly sums (rows of zero aside) are exactly those counted afresh in {@code zone}. */
    private boolean sumsMatchARecountIn(String zone) {
        String days = "select project_id, person_id, (started_at at time zone '" + zone + "')::date as day,"
                + " sum(seconds) as s, sum(case when billable then billable_seconds else 0 end) as b"
                + " from time_records where deleted_at is null group by 1, 2, 3";
        String kept = "select project_id, person_id, day, seconds, billable_seconds from time_daily"
                + " where seconds <> 0 or billable_seconds <> 0";
        String months = "select project_id, person_id, date_trunc('month', day)::date, sum(s), sum(b) from (" + days
                + ") d group by 1, 2, 3";
        String keptMonths = "select project_id, person_id, month, seconds, billable_seconds from time_monthly"
                + " where seconds <> 0 or billable_seconds <> 0";
        return dsl.fetch("(" + days + ") except (" + kept + ")").size() == 0
                && dsl.fetch("(" + kept + ") except (" + days + ")").size() == 0
                && dsl.fetch("(" + months + ") except (" + keptMonths + ")").size() == 0
                && dsl.fetch("(" + keptMonths + ") except (" + months + ")").size() == 0
                && dsl.fetch(days).size() > 0;
    }
}
