package dev.clarity.crm.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarity.crm.CrmDatabase;
import dev.clarity.crm.billing.CustomerScope;
import dev.clarity.crm.reports.JooqBillableHoursReport.LineCursor;
import dev.clarity.crm.reports.JooqBillableHoursReport.LinePage;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The summary per customer and month (summed in SQL for customers billed in the base currency) against the lines
 * built in Java, and the pages of lines against the whole report: both must say exactly what the lines say.
 */
class BillableSummaryAndPagesTest {
    private final JooqBillableHoursReport reports = new JooqBillableHoursReport(CrmDatabase.dsl());
    private long zeta;
    private long acme;

    @BeforeEach
    void seed() {
        CrmDatabase.reset();
        // names out of id order, so that the order comes from the names
        zeta = CrmDatabase.customer("Zeta", "EUR");
        acme = CrmDatabase.customer("Acme", "EUR");
        long globex = CrmDatabase.customer("Globex", "USD");
        long yen = CrmDatabase.customer("Kaisha", "JPY");
        CrmDatabase.rate("USD", "EUR", LocalDate.parse("2025-12-01"), "0.9137");
        CrmDatabase.rate("JPY", "EUR", LocalDate.parse("2025-12-01"), "0.0061");
        List<Long> projects = new ArrayList<>();
        // rates with four decimals (what the column holds), one project without a rate, one per customer of each kind
        projects.add(CrmDatabase.project(zeta, "Web", "97.3333"));
        projects.add(CrmDatabase.project(zeta, "App", null));
        projects.add(CrmDatabase.project(acme, "Shop", "100"));
        projects.add(CrmDatabase.project(acme, "Api", "12.5"));
        projects.add(CrmDatabase.project(acme, "Docs", "0.0001"));
        projects.add(CrmDatabase.project(globex, "Site", "80.4567"));
        projects.add(CrmDatabase.project(yen, "Tool", "9999.9999"));
        List<Long> people = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            people.add(CrmDatabase.person("P" + i, "team_member"));
        }
        CrmDatabase.member(projects.get(2), people.get(1), "133.3333");
        CrmDatabase.member(projects.get(1), people.get(2), "50");
        Random random = new Random(7);
        // seconds that make halves at the hundredth of an hour (18, 54, 90 s) and at the cent, and ordinary ones
        long[] awkward = {18, 54, 90, 126, 1, 35, 36, 37, 1800, 3599, 4500};
        for (int i = 0; i < 600; i++) {
            long project = projects.get(random.nextInt(projects.size()));
            long person = people.get(random.nextInt(people.size()));
            LocalDate day = LocalDate.parse("2026-01-01").plusDays(random.nextInt(365));
            long seconds = random.nextBoolean() ? awkward[random.nextInt(awkward.length)] : 1 + random.nextInt(20_000);
            CrmDatabase.time(project, person, day, seconds);
        }
    }

    @Test
    void the_summary_per_customer_and_month_is_the_sum_of_the_lines_for_whole_and_partial_months() {
        String[][] periods = {
            {"2026-01-01", "2026-12-31"},
            {"2026-02-15", "2026-11-14"},
            {"2026-03-05", "2026-03-20"},
            {"2026-06-01", "2026-06-30"}
        };
        for (String[] period : periods) {
            LocalDate from = LocalDate.parse(period[0]);
            LocalDate to = LocalDate.parse(period[1]);
            BillableHours lines = reports.report(CustomerScope.all(), from, to);
            BillableSummary summary = reports.summary(CustomerScope.all(), from, to);

            assertThat(lines.rows()).as("the period %s..%s has lines", from, to).isNotEmpty();
            assertThat(summary.byCustomerAndMonth())
                    .as("%s..%s summed in SQL and in Java", from, to)
                    .containsExactlyElementsOf(lines.byCustomerAndMonth());
            assertThat(summary.totalInBase()).isEqualTo(lines.totalInBase());
            assertThat(summary.hours()).isEqualByComparingTo(lines.hours());
            assertThat(summary.hoursByMonth()).isEqualTo(lines.hoursByMonth());
            assertThat(summary.ratesUsed()).isEqualTo(lines.ratesUsed());
            assertThat(summary.missingRates()).isEqualTo(lines.missingRates());
        }
        assertThat(reports.summary(CustomerScope.all(), LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"))
                        .byCustomerAndMonth())
                .extracting(CustomerMonth::customer)
                .as("customers by name, each with its months")
                .containsSubsequence("Acme", "Globex", "Kaisha", "Zeta")
                .isSortedAccordingTo(String::compareTo);
        assertThat(reports.summary(CustomerScope.all(), LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"))
                        .complete())
                .as("the project without a rate leaves Zeta's months incomplete")
                .isFalse();
    }

    @Test
    void the_summary_keeps_to_the_scope_and_to_the_base_currency_of_the_organisation() {
        LocalDate from = LocalDate.parse("2026-01-01");
        LocalDate to = LocalDate.parse("2026-12-31");
        assertThat(reports.summary(CustomerScope.customer(acme), from, to).byCustomerAndMonth())
                .extracting(CustomerMonth::customerId)
                .isNotEmpty()
                .containsOnly(acme);
        CrmDatabase.dsl().execute("update organisation_settings set base_currency = 'USD'");
        CrmDatabase.rate("EUR", "USD", LocalDate.parse("2025-12-01"), "1.0944");
        CrmDatabase.rate("JPY", "USD", LocalDate.parse("2025-12-01"), "0.0067");
        BillableHours lines = reports.report(CustomerScope.all(), from, to);
        assertThat(reports.summary(CustomerScope.all(), from, to).byCustomerAndMonth())
                .as("with USD as the base, Globex is summed in SQL and the EUR customers converted per day")
                .containsExactlyElementsOf(lines.byCustomerAndMonth());
    }

    @Test
    void pages_of_lines_follow_each_other_without_gap_or_repeat_and_end_with_no_cursor() {
        LocalDate from = LocalDate.parse("2026-02-15");
        LocalDate to = LocalDate.parse("2026-12-31");
        List<HoursRow> all = reports.report(CustomerScope.all(), from, to).rows();
        for (int limit : new int[] {1, 7, 50, all.size(), all.size() + 1}) {
            List<HoursRow> paged = new ArrayList<>();
            LineCursor after = null;
            int pages = 0;
            do {
                LinePage page = reports.page(CustomerScope.all(), from, to, after, limit);
                assertThat(page.lines().rows()).hasSizeLessThanOrEqualTo(limit);
                assertThat(page.lines().budgets())
                        .extracting(BudgetUse::projectId)
                        .as("the budgets of the page's projects")
                        .containsExactlyInAnyOrderElementsOf(page.lines().rows().stream()
                                .map(HoursRow::projectId)
                                .distinct()
                                .toList());
                paged.addAll(page.lines().rows());
                after = page.next();
                if (after != null) {
                    assertThat(LineCursor.parse(after.toString())).isEqualTo(after);
                }
                pages++;
            } while (after != null);
            assertThat(paged).as("limit %d", limit).containsExactlyElementsOf(all);
            assertThat(pages).isEqualTo(Math.max(1, (all.size() + limit - 1) / limit));
        }
    }

    @Test
    void a_cursor_that_is_not_one_or_names_a_project_no_longer_there_is_refused() {
        assertThatThrownBy(() -> LineCursor.parse("12.x.2026-03"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'after' is the 'next' cursor");
        LineCursor gone = new LineCursor(987_654, 1, YearMonth.parse("2026-03"));
        assertThatThrownBy(() -> reports.page(
                        CustomerScope.all(), LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), gone, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("project 987654");
        LinePage onlyZeta = reports.page(
                CustomerScope.customer(zeta), LocalDate.parse("2026-01-01"), LocalDate.parse("2026-12-31"), null, 5000);
        assertThat(onlyZeta.lines().rows())
                .extracting(HoursRow::customerId)
                .isNotEmpty()
                .containsOnly(zeta);
        assertThat(onlyZeta.next()).isNull();
    }
}
