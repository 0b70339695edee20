package dev.clarity.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.clarity.dashboard.browser.Chromium;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The dashboard in Debian's chromium: sign in, start an execution (fake controls that change rows the way the
 * orchestrator does), watch grid and log update live over the WebSocket, emergency stop and resume, and check that
 * a client sees only their customer. Screenshots of every page go to target/screenshots.
 */
class DashboardBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    private final TestDashboard d = TestDashboard.shared();

    @Test
    void a_team_member_starts_an_execution_watches_it_live_stops_it_and_resumes_it() {
        try (BrowserContext context = chromium.context(1600, 1000)) {
            Page page = context.newPage();
            List<String> policyViolations = new java.util.concurrent.CopyOnWriteArrayList<>();
            Chromium.collectPolicyViolations(page, policyViolations);
            page.navigate(d.url("/"));
            assertThat(page).hasURL(d.url("/login?next=%2F"));
            Chromium.shot(page, "login");
            signIn(page, "tom");

            assertThat(page.locator("#live-status")).hasAttribute("data-live", "up");
            page.selectOption("#start-project", String.valueOf(d.acmeProject));
            htmxReady(page);
            page.click("#btn-start");
            assertThat(page.locator("#start-flash")).containsText("started on Shop");
            long id = d.database
                    .dsl()
                    .select(EXECUTIONS.ID)
                    .from(EXECUTIONS)
                    .where(EXECUTIONS.REQUESTED_BY.eq("tom"))
                    .and(EXECUTIONS.TRIGGER.eq("dashboard"))
                    .orderBy(EXECUTIONS.ID.desc())
                    .limit(1)
                    .fetchOne(EXECUTIONS.ID);
            var row = page.locator("tr[data-execution='" + id + "']");
            assertThat(row).hasAttribute("data-badge", "INITIALIZING");
            // the grid refresh that shows the new row keeps the answer (it once replaced the form with the panel)
            assertThat(page.locator("#start-flash")).containsText("started on Shop");
            Chromium.shot(page, "grid");

            page.click("tr[data-execution='" + id + "'] td.badge a");
            assertThat(page).hasURL(d.url("/executions/" + id));
            var log = page.locator("#log");
            assertThat(log).containsText("badge INITIALIZING");

            d.controls.advance(id, "1.1", "Add the cart model", "command: wrote src/cart.js");
            assertThat(log).containsText("command: wrote src/cart.js");
            assertThat(page.locator("tr[data-execution='" + id + "']")).hasAttribute("data-badge", "TASK-EXECUTING");
            assertThat(page.locator("#detail")).containsText("Current item 1.1");
            d.controls.finishItem(id, "1.1", "https://github.com/acme/shop/pull/1");
            assertThat(page.locator("tr[data-execution='" + id + "'] .percent")).hasText("25%");
            assertThat(log).containsText("Task 1.1 done");
            Chromium.shot(page, "execution-detail");

            htmxReady(page);
            page.click("#btn-stop");
            assertThat(page.locator("#flash")).containsText("stopped");
            assertThat(page.locator("#detail-badge")).hasAttribute("data-badge", "STOPPED");
            assertThat(log).containsText("emergency stop by @tom");
            Chromium.shot(page, "after-emergency-stop");

            htmxReady(page);
            page.click("#btn-resume");
            assertThat(page.locator("#flash")).containsText("resumed");
            assertThat(page.locator("#detail-badge")).hasAttribute("data-badge", "AUTONOMOUS");
            assertThat(log).containsText("resumed by @tom");
            org.assertj.core.api.Assertions.assertThat(log.locator(".line").allTextContents())
                    .as("each line once, in order")
                    .doesNotHaveDuplicates();

            for (String p : List.of(
                    "queue", "history", "stats", "notifications", "customers", "projects", "people", "account")) {
                page.navigate(d.url("/" + p));
                assertThat(page.locator("h1")).isVisible();
                Chromium.shot(page, p);
            }
            page.navigate(d.url("/projects/new"));
            assertThat(page.locator("body")).containsText("may not do this");
            org.assertj.core.api.Assertions.assertThat(policyViolations)
                    .as("the pages work under the Content-Security-Policy (no inline script, style or eval)")
                    .isEmpty();
        }
    }

    @Test
    void a_manager_sees_clear_messages_when_a_form_is_wrong() {
        try (BrowserContext context = chromium.context()) {
            Page page = context.newPage();
            page.navigate(d.url("/login"));
            signIn(page, "mia");
            page.navigate(d.url("/customers/new"));
            page.fill("#f-name", "Bad Slug Inc");
            page.fill("#f-slug", "Bad Slug");
            page.click("#crm-form button[type=submit]");
            assertThat(page.locator(".field-error"))
                    .hasText("Slug may only contain lower-case letters, digits and dashes, for example acme-corp.");
            Chromium.shot(page, "customer-form-invalid");
        }
    }

    @Test
    void a_client_sees_only_their_customer_without_log_or_controls() {
        try (BrowserContext context = chromium.context(1600, 1000)) {
            Page page = context.newPage();
            page.navigate(d.url("/login"));
            signIn(page, "carol");
            assertThat(page.locator("#executions")).containsText("Globex");
            assertThat(page.locator("#executions")).not().containsText("Acme");
            assertThat(page.locator("#quick-start")).hasCount(0);
            page.navigate(d.url("/executions/" + d.globexExecution));
            assertThat(page.locator("#detail")).containsText("pull request");
            assertThat(page.locator("#log")).hasCount(0);
            assertThat(page.locator("#btn-stop")).hasCount(0);
            Chromium.shot(page, "client-view");
            page.navigate(d.url("/executions/" + d.acmeExecution));
            assertThat(page.locator("body")).not().containsText("Acme");
        }
    }

    @Test
    void a_team_member_taken_off_the_project_sees_the_live_log_end_with_its_reason() {
        String suffix = Long.toString(System.nanoTime());
        var dsl = d.database.dsl();
        long customer = TestDashboard.customer(dsl, "Ends " + suffix, "ends-" + suffix);
        long project = TestDashboard.project(dsl, customer, "Ends " + suffix, "ends/p-" + suffix);
        String login = "ends-member-" + suffix;
        d.account(login, "team_member", null);
        TestDashboard.member(dsl, login, project);
        long execution = d.failedExecution(project);
        try (BrowserContext context = chromium.context(1400, 900)) {
            Page page = context.newPage();
            page.navigate(d.url("/"));
            signIn(page, login);
            page.navigate(d.url("/executions/" + execution));
            var log = page.locator("#log");
            assertThat(log).hasAttribute("data-connected", "yes");

            dsl.deleteFrom(dev.clarity.migrations.jooq.Tables.PROJECT_MEMBERS)
                    .where(dev.clarity.migrations.jooq.Tables.PROJECT_MEMBERS.PROJECT_ID.eq(project))
                    .execute();

            // the server checks an open socket's access every 5 s
            var slow =
                    new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions().setTimeout(20_000);
            assertThat(log).hasAttribute("data-connected", "ended", slow);
            assertThat(page.locator("#log-ended")).containsText("Live log ended: No such execution.");
        }
    }

    private void signIn(Page page, String login) {
        Chromium.signIn(page, login, d.passwords.get(login));
    }

    /**
     * Waits until htmx has processed the page: a click before that submits the form the plain way and navigates
     * away (seen on loaded machines), so the htmx response never lands where the test looks.
     */
    private static void htmxReady(Page page) {
        page.waitForFunction("() => window.htmx !== undefined && document.readyState === 'complete'");
    }
}
