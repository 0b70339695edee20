package dev.clarity.crm.reports;

import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.TIME_RECORDS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.crm.CrmDatabase;
import dev.clarity.crm.billing.CustomerScope;
import dev.clarity.crm.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class BillableHoursReportTest {
    private final JooqBillableHoursReport reports = new JooqBillableHoursReport(CrmDatabase.dsl());
    private long acme;
    private long globex;
    private long shop;
    private long site;
    private long ana;

    @BeforeEach
    void seed() {
        CrmDatabase.reset();
        acme = CrmDatabase.customer("Acme", "EUR");
        globex = CrmDatabase.customer("Globex", "USD");
        shop = CrmDatabase.project(acme, "Shop", "100");
        site = CrmDatabase.project(globex, "Site", "80");
        ana = CrmDatabase.person("=HYPERLINK(\"http://evil\")", "team_member");
        CrmDatabase.dsl()
                .update(PROJECTS)
                .set(PROJECTS.BUDGET_HOURS, new BigDecimal("10"))
                .where(PROJECTS.ID.eq(shop))
                .execute();
        CrmDatabase.rate("USD", "EUR", LocalDate.parse("2026-03-01"), "0.5");
        CrmDatabase.rate("USD", "EUR", LocalDate.parse("2026-03-15"), "0.25");
    }

    @Test
    void hours_are_reported_per_month_converted_at_the_rate_of_each_day_and_a_missing_rate_is_reported() {
        long billed = CrmDatabase.time(shop, ana, LocalDate.parse("2026-03-02"), 3600);
        CrmDatabase.time(shop, ana, LocalDate.parse("2026-03-03"), 3600);
        CrmDatabase.time(site, ana, LocalDate.parse("2026-03-02"), 3600);
        CrmDatabase.time(site, ana, LocalDate.parse("2026-03-20"), 3600);
        CrmDatabase.time(site, ana, LocalDate.parse("2026-02-27"), 3600);
        markBilled(billed);

        BillableHours report =
                reports.report(CustomerScope.all(), LocalDate.parse("2026-02-01"), LocalDate.parse("2026-03-31"));

        assertThat(report.baseCurrency()).isEqualTo("EUR");
        assertThat(report.rows())
                .extracting(
                        HoursRow::customer,
                        HoursRow::month,
                        r -> r.hours().toPlainString(),
                        r -> r.unbilledHours().toPlainString(),
                        HoursRow::amount,
                        HoursRow::amountInBase)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "Acme",
                                YearMonth.parse("2026-03"),
                                "2.00",
                                "1.00",
                                Money.of("200", "EUR"),
                                Money.of("200", "EUR")),
                        org.assertj.core.groups.Tuple.tuple(
                                "Globex", YearMonth.parse("2026-02"), "1.00", "1.00", Money.of("80", "USD"), null),
                        org.assertj.core.groups.Tuple.tuple(
                                "Globex",
                                YearMonth.parse("2026-03"),
                                "2.00",
                                "2.00",
                                Money.of("160", "USD"),
                                Money.of("60", "EUR")));
        assertThat(report.ratesUsed()).containsExactly("1 USD = 0.25 EUR (2026-03-15)", "1 USD = 0.5 EUR (2026-03-01)");
        assertThat(report.missingRates()).containsExactly("USD to EUR on 2026-02-27");
        assertThat(report.totalInBase()).isEqualTo(Money.of("260.00", "EUR"));
        assertThat(report.budgets())
                .filteredOn(b -> b.projectId() == shop)
                .singleElement()
                .satisfies(b -> assertThat(b.hoursPercent()).isEqualTo(20));
    }

    @Test
    void whole_months_and_partial_edge_months_each_count_every_day_of_the_period_once() {
        CrmDatabase.time(shop, ana, LocalDate.parse("2026-01-31"), 3600);
        CrmDatabase.time(shop, ana, LocalDate.parse("2026-02-14"), 3600);
        CrmDatabase.time(shop, ana, LocalDate.parse("2026-02-15"), 3600);
        CrmDatabase.time(shop, ana, LocalDate.parse("2026-03-01"), 1800);
        CrmDatabase.time(shop, ana, LocalDate.parse("2026-03-31"), 1800);
        CrmDatabase.time(shop, ana, LocalDate.parse("2026-04-30"), 3600);
        CrmDatabase.time(shop, ana, LocalDate.parse("2026-05-10"), 3600);
        CrmDatabase.time(shop, ana, LocalDate.parse("2026-05-11"), 3600);
        CrmDatabase.time(site, ana, LocalDate.parse("2026-03-02"), 3600);
        CrmDatabase.time(site, ana, LocalDate.parse("2026-03-20"), 3600);

        BillableHours report =
                reports.report(CustomerScope.all(), LocalDate.parse("2026-02-15"), LocalDate.parse("2026-05-10"));

        assertThat(report.rows())
                .extracting(HoursRow::customer, HoursRow::month, r -> r.hours().toPlainString(), HoursRow::amountInBase)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                "Acme", YearMonth.parse("2026-02"), "1.00", Money.of("100", "EUR")),
                        org.assertj.core.groups.Tuple.tuple(
                                "Acme", YearMonth.parse("2026-03"), "1.00", Money.of("100", "EUR")),
                        org.assertj.core.groups.Tuple.tuple(
                                "Acme", YearMonth.parse("2026-04"), "1.00", Money.of("100", "EUR")),
                        org.assertj.core.groups.Tuple.tuple(
                                "Acme", YearMonth.parse("2026-05"), "1.00", Money.of("100", "EUR")),
                        org.assertj.core.groups.Tuple.tuple(
                                "Globex", YearMonth.parse("2026-03"), "2.00", Money.of("60", "EUR")));
        assertThat(report.ratesUsed()).containsExactly("1 USD = 0.25 EUR (2026-03-15)", "1 USD = 0.5 EUR (2026-03-01)");
        assertThat(report.byCustomerAndMonth())
                .extracting(
                        CustomerMonth::customer,
                        CustomerMonth::month,
                        c -> c.hours().toPlainString())
                .as("the page's summary: one line per customer and month")
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("Acme", YearMonth.parse("2026-02"), "1.00"),
                        org.assertj.core.groups.Tuple.tuple("Acme", YearMonth.parse("2026-03"), "1.00"),
                        org.assertj.core.groups.Tuple.tuple("Acme", YearMonth.parse("2026-04"), "1.00"),
                        org.assertj.core.groups.Tuple.tuple("Acme", YearMonth.parse("2026-05"), "1.00"),
                        org.assertj.core.groups.Tuple.tuple("Globex", YearMonth.parse("2026-03"), "2.00"));
        assertThat(reports.report(CustomerScope.all(), LocalDate.parse("2026-03-05"), LocalDate.parse("2026-03-31"))
                        .hours())
                .as("a period inside one month counts only its days")
                .isEqualByComparingTo("1.50");
    }

    @Test
    void lines_are_ordered_by_customer_name_then_project_name_then_person_and_month_whatever_their_ids() {
        long zeta = CrmDatabase.customer("Zeta", "EUR");
        long beta = CrmDatabase.customer("Beta", "EUR");
        long zetaApp = CrmDatabase.project(zeta, "App", "100");
        long betaWeb = CrmDatabase.project(beta, "Web", "100");
        long betaApp = CrmDatabase.project(beta, "App", "100");
        for (long project : List.of(zetaApp, betaWeb, betaApp, shop)) {
            CrmDatabase.time(project, ana, LocalDate.parse("2026-04-10"), 3600);
            CrmDatabase.time(project, ana, LocalDate.parse("2026-03-10"), 3600);
        }

        BillableHours report =
                reports.report(CustomerScope.all(), LocalDate.parse("2026-03-01"), LocalDate.parse("2026-04-30"));

        assertThat(report.rows())
                .extracting(r -> r.customer() + "/" + r.project() + " " + r.month())
                .containsExactly(
                        "Acme/Shop 2026-03",
                        "Acme/Shop 2026-04",
                        "Beta/App 2026-03",
                        "Beta/App 2026-04",
                        "Beta/Web 2026-03",
                        "Beta/Web 2026-04",
                        "Zeta/App 2026-03",
                        "Zeta/App 2026-04");
        BillableHours summary = reports.withoutBudgets(
                CustomerScope.all(), LocalDate.parse("2026-03-01"), LocalDate.parse("2026-04-30"));
        assertThat(summary.budgets()).isEmpty();
        assertThat(summary.rows()).isEqualTo(report.rows());
        assertThat(report.budgets()).isNotEmpty();
    }

    @Test
    void a_client_sees_only_their_customer() {
        CrmDatabase.time(shop, ana, LocalDate.parse("2026-03-02"), 3600);
        CrmDatabase.time(site, ana, LocalDate.parse("2026-03-02"), 3600);

        BillableHours report = reports.report(
                CustomerScope.customer(globex), LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31"));

        assertThat(report.rows()).extracting(HoursRow::customerId).containsOnly(globex);
        assertThat(report.budgets()).extracting(BudgetUse::projectId).containsOnly(site);
    }

    @Test
    void the_csv_neutralises_cells_that_a_spreadsheet_would_read_as_formulas() {
        CrmDatabase.time(shop, ana, LocalDate.parse("2026-03-02"), 3600);

        String csv = Csv.of(reports.report(
                CustomerScope.customer(acme), LocalDate.parse("2026-03-01"), LocalDate.parse("2026-03-31")));

        assertThat(csv.split("\r\n"))
                .containsExactly(
                        "customer,project,person,month,hours,unbilled_hours,amount,currency,amount_eur",
                        "Acme,Shop,\"'=HYPERLINK(\"\"http://evil\"\")\",2026-03,1.00,1.00,100.00,EUR,100.00");
        assertThat(Csv.of(List.of(List.of("+1", "-2", "@x", "plain")))).isEqualTo("'+1,'-2,'@x,plain\r\n");
    }

    private static void markBilled(long record) {
        // a stand-in invoice: the report only asks whether a record is billed
        long customer = CrmDatabase.dsl()
                .select(PROJECTS.CUSTOMER_ID)
                .from(PROJECTS)
                .where(PROJECTS.ID.eq(CrmDatabase.dsl()
                        .select(TIME_RECORDS.PROJECT_ID)
                        .from(TIME_RECORDS)
                        .where(TIME_RECORDS.ID.eq(record))
                        .fetchSingle()
                        .value1()))
                .fetchSingle()
                .value1();
        long invoice = CrmDatabase.dsl()
                .fetchSingle(
                        "insert into invoices (customer_id, currency, created_by) values (?, 'EUR', 'test') returning id",
                        customer)
                .get(0, Long.class);
        CrmDatabase.dsl()
                .update(TIME_RECORDS)
                .set(TIME_RECORDS.BILLED_INVOICE_ID, invoice)
                .where(TIME_RECORDS.ID.eq(record))
                .execute();
    }
}
