package dev.clarity.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.TIME_RECORDS;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.clarity.dashboard.browser.Chromium;
import dev.clarity.testkit.quickbooks.FakeQuickBooks;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Billing in Debian's chromium: with time recorded for a customer in EUR (written straight into the table), the
 * report shows it unbilled; an admin connects the (fake) QuickBooks company through its OAuth consent, drafts and
 * issues the invoice, sends it to QuickBooks (where the customer and the invoice then are, in EUR, with the amount),
 * pays it, and the report shows it billed.
 * Screenshots go to target/screenshots (the README's are copied from there).
 */
class BillingBrowserTest {
    /** The settings page once connected and synced: the picture in the README. */
    private static final Path README_SHOT = Path.of("..", "docs", "images", "quickbooks-connected.png");

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    private final TestDashboard d = TestDashboard.shared();

    @Test
    void an_admin_connects_quickbooks_drafts_issues_syncs_and_pays_an_invoice_and_the_report_moves() {
        long customer = seedInitech(d.database.dsl());
        try (BrowserContext context = chromium.context(1400, 900)) {
            Page page = context.newPage();
            page.navigate(d.url("/login"));
            Chromium.signIn(page, "root", d.passwords.get("root"));

            // the fake's consent page approves at once and sends the browser back to the dashboard's callback
            page.navigate(d.url("/settings/quickbooks"));
            page.click("#qb-connect");
            // Playwright matches the pattern in the browser, in JavaScript regex syntax (no quoting with Q and E)
            assertThat(page)
                    .hasURL(Pattern.compile("/settings/quickbooks/callback\\?code=.+&realmId=" + FakeQuickBooks.REALM));
            assertThat(page.locator(".notice")).containsText("Connected to QuickBooks.");
            assertThat(page.locator("#qb-status")).containsText("Connected to company " + FakeQuickBooks.REALM);

            String report = d.url("/reports/billable-hours?from=2026-02-01&to=2026-02-28");
            page.navigate(report);
            assertThat(page.locator("#report")).containsText("Initech");
            assertThat(page.locator("#unbilled")).hasText("3.00 h");
            assertThat(page.locator("svg.chart")).isVisible();
            page.click("#report a:text('Initech')");
            assertThat(page.locator("#report")).containsText("Website");
            assertThat(page.locator("#budgets")).containsText("Website");
            assertThat(page.locator("#all-customers")).isVisible();

            page.navigate(d.url("/invoices/new"));
            page.selectOption("#f-customer", String.valueOf(customer));
            page.fill("#f-period_from", "2026-02-01");
            page.fill("#f-period_to", "2026-02-28");
            page.click("#draft");
            assertThat(page.locator("#invoice-state")).hasText("draft");
            assertThat(page.locator("#lines input").first()).hasValue("Website — Ivy Initech");
            assertThat(page.locator("#total")).hasText("Total 360.00 EUR");

            page.click("#issue");
            assertThat(page.locator("#invoice-state")).hasText("issued");
            assertThat(page.locator("h1")).containsText("INV-");
            Chromium.shot(page, "invoice-issued");
            // the issued invoice is the answer to the form's POST to /invoices/{id}/issue; its own page is
            // /invoices/{id}
            String invoicePage = page.url().replaceFirst("/issue$", "");
            Matcher number = Pattern.compile("INV-\\d{4}-\\d{4}")
                    .matcher(page.locator("h1").textContent());
            org.assertj.core.api.Assertions.assertThat(number.find()).isTrue();

            page.navigate(d.url("/settings/quickbooks"));
            assertThat(page.locator("#qb-backlog")).containsText(Pattern.compile("^[1-9]\\d* document"));
            page.click("#qb-sync");
            assertThat(page.locator(".notice")).containsText("Sent ");
            assertThat(page.locator("#qb-status")).containsText("Connected to company " + FakeQuickBooks.REALM);
            Chromium.shot(page, README_SHOT, false);
            JsonNode initech = d.quickBooks.entities("Customer").stream()
                    .filter(c -> c.path("DisplayName").asText().equals("Initech"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no customer Initech in QuickBooks"));
            org.assertj.core.api.Assertions.assertThat(
                            initech.path("CurrencyRef").path("value").asText())
                    .isEqualTo("EUR");
            org.assertj.core.api.Assertions.assertThat(d.quickBooks.entities("Invoice"))
                    .filteredOn(i -> i.path("DocNumber").asText().equals(number.group()))
                    .singleElement()
                    .satisfies(i -> {
                        org.assertj.core.api.Assertions.assertThat(
                                        i.path("CustomerRef").path("value").asText())
                                .isEqualTo(initech.path("Id").asText());
                        org.assertj.core.api.Assertions.assertThat(
                                        i.path("CurrencyRef").path("value").asText())
                                .isEqualTo("EUR");
                        org.assertj.core.api.Assertions.assertThat(
                                        i.path("TotalAmt").decimalValue())
                                .isEqualByComparingTo("360.00");
                        org.assertj.core.api.Assertions.assertThat(i.path("Line")
                                        .get(0)
                                        .path("SalesItemLineDetail")
                                        .path("Qty")
                                        .decimalValue())
                                .isEqualByComparingTo("3");
                    });

            page.navigate(invoicePage);
            page.click("#pay");
            assertThat(page.locator("#invoice-state")).hasText("paid");

            page.navigate(report);
            assertThat(page.locator("#unbilled")).hasText("0.00 h");
            Chromium.shot(page, "billable-hours-report");

            // a credit note for the invoice goes to QuickBooks as a CreditMemo for the same customer
            page.navigate(invoicePage);
            page.fill("input[name=reason]", "hours booked on the wrong project");
            page.click("#credit-note");
            assertThat(page.locator(".notice")).containsText("Credit note issued.");
            Matcher note = Pattern.compile("CN-\\d{4}-\\d{4}")
                    .matcher(page.locator("h1").textContent());
            org.assertj.core.api.Assertions.assertThat(note.find()).isTrue();
            page.navigate(d.url("/settings/quickbooks"));
            page.click("#qb-sync");
            assertThat(page.locator(".notice")).containsText("Sent ");
            org.assertj.core.api.Assertions.assertThat(d.quickBooks.entities("CreditMemo"))
                    .filteredOn(m -> m.path("DocNumber").asText().equals(note.group()))
                    .singleElement()
                    .satisfies(m -> {
                        org.assertj.core.api.Assertions.assertThat(
                                        m.path("CustomerRef").path("value").asText())
                                .isEqualTo(initech.path("Id").asText());
                        org.assertj.core.api.Assertions.assertThat(
                                        m.path("TotalAmt").decimalValue())
                                .isEqualByComparingTo("360.00");
                    });
        }
    }

    private static long seedInitech(DSLContext dsl) {
        long customer = dsl.insertInto(CUSTOMERS)
                .set(CUSTOMERS.NAME, "Initech")
                .set(CUSTOMERS.SLUG, "initech-billing")
                .set(CUSTOMERS.BILLING_CURRENCY, "EUR")
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
        long project = TestDashboard.project(dsl, customer, "Website", "initech-billing/website");
        dsl.update(PROJECTS)
                .set(PROJECTS.HOURLY_RATE, new BigDecimal("120"))
                .where(PROJECTS.ID.eq(project))
                .execute();
        long person = dsl.insertInto(PEOPLE)
                .set(PEOPLE.LOGIN, "ivy")
                .set(PEOPLE.DISPLAY_NAME, "Ivy Initech")
                .set(PEOPLE.ROLE, "team_member")
                .returning(PEOPLE.ID)
                .fetchOne(PEOPLE.ID);
        for (String day : List.of("2026-02-03", "2026-02-10")) {
            dsl.insertInto(TIME_RECORDS)
                    .set(TIME_RECORDS.PROJECT_ID, project)
                    .set(TIME_RECORDS.PERSON_ID, person)
                    .set(TIME_RECORDS.STARTED_AT, OffsetDateTime.parse(day + "T09:00:00Z"))
                    .set(TIME_RECORDS.SECONDS, 5400L)
                    .set(TIME_RECORDS.BILLABLE_SECONDS, 5400L)
                    .set(TIME_RECORDS.BILLABLE, true)
                    .execute();
        }
        return customer;
    }
}
