package dev.clarity.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROJECT_TASKS;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.clarity.dashboard.browser.Chromium;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Time in Debian's chromium, as an admin does it: a customer billed in EUR, a project with an hourly rate and a
 * quarter-hour rounding, a task, a timer started on the task and stopped, the record corrected, and the list showing
 * it. The time list's screenshot is the one in the README (docs/images/crm-time.png).
 */
class CrmTimeBrowserTest {
    private static final Path README_SHOT = Paths.get("..", "docs", "images", "crm-time.png");

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    private final TestDashboard d = TestDashboard.shared();

    @Test
    void an_admin_bills_a_customer_in_eur_runs_a_timer_on_a_task_and_corrects_the_record() throws Exception {
        try (BrowserContext context = chromium.context(1400, 900)) {
            Page page = context.newPage();
            page.navigate(d.url("/login"));
            Chromium.signIn(page, "root", d.passwords.get("root"));

            page.navigate(d.url("/customers/new"));
            page.fill("#f-name", "Initrode");
            page.fill("#f-slug", "initrode");
            page.fill("#f-billing_currency", "EUR");
            page.click("#crm-form button[type=submit]");
            assertThat(page.locator("#crm-table")).containsText("Initrode");

            page.navigate(d.url("/projects/new"));
            page.selectOption(
                    "#f-customer_id", new com.microsoft.playwright.options.SelectOption().setLabel("Initrode"));
            page.fill("#f-name", "Website");
            page.fill("#f-repository", "initrode/website");
            page.click("#crm-form button[type=submit]");
            long project = d.database
                    .dsl()
                    .select(PROJECTS.ID)
                    .from(PROJECTS)
                    .where(PROJECTS.REPOSITORY.eq("initrode/website"))
                    .fetchOne(PROJECTS.ID);

            page.navigate(d.url("/projects/" + project + "/plan"));
            page.fill("#f-hourly_rate", "95");
            page.selectOption("#f-rounding", "up_15");
            page.click("#save-billing");
            assertThat(page.locator(".notice")).containsText("Saved the billing of Website.");
            page.click("text=Add a milestone or a task");
            page.fill("#f-task_name", "Homepage");
            page.click("#task-form button");
            assertThat(page.locator("#plan")).containsText("Homepage");
            long task = d.database
                    .dsl()
                    .select(PROJECT_TASKS.ID)
                    .from(PROJECT_TASKS)
                    .where(PROJECT_TASKS.PROJECT_ID.eq(project))
                    .fetchOne(PROJECT_TASKS.ID);

            page.click("#start-" + task);
            assertThat(page.locator("#timer-state")).containsText("Timer running on Website");
            // the timer ran 20 minutes
            d.database
                    .dsl()
                    .execute(
                            "update timers set started_at = started_at - interval '20 minutes', segment_started_at ="
                                    + " segment_started_at - interval '20 minutes' where project_id = ?",
                            project);
            page.click("#timer-stop");
            assertThat(page.locator(".notice")).containsText("Timer stopped: recorded 20m");

            page.locator("#time-table tr", new Page.LocatorOptions().setHasText("Homepage"))
                    .locator("a")
                    .click();
            page.fill("#f-duration", "12m");
            page.fill("#f-reason", "a call interrupted it");
            page.click("#correct");
            assertThat(page.locator(".notice")).containsText("Corrected the record to 12m.");
            var row = page.locator("#time-table tr", new Page.LocatorOptions().setHasText("Homepage"));
            assertThat(row).containsText("12m");
            // billed by the project's rule: up to the quarter hour
            assertThat(row).containsText("15m");

            Chromium.shot(page, README_SHOT, false);
        }
    }
}
