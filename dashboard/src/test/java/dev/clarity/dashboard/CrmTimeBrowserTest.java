package dev.clarity.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROJECT_TASKS;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Time in Debian's chromium, as an admin does it: a customer billed in EUR, a project with an hourly rate and a
 * quarter-hour rounding, a task, a timer started on the task and stopped, the record corrected, and the list showing
 * it. The time list's screenshot is the one in the README (docs/images/crm-time.png).
 */
class CrmTimeBrowserTest {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path README_SHOT = Paths.get("..", "docs", "images", "crm-time.png");
    private static Playwright playwright;
    private static Browser browser;
    private final TestDashboard d = TestDashboard.shared();

    @BeforeAll
    static void launch() {
        if ("1".equals(System.getenv("CLARITY_REQUIRE_CHROMIUM")) && !Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("CI requires the browser tests: /usr/bin/chromium is missing");
        }
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM),
                "Browser tests need Debian's chromium at /usr/bin/chromium: apt-get install chromium");
        playwright = Playwright.create(
                new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        browser = playwright
                .chromium()
                .launch(new BrowserType.LaunchOptions()
                        .setExecutablePath(CHROMIUM)
                        .setHeadless(true)
                        .setArgs(List.of("--disable-gpu", "--disable-quic")));
    }

    @AfterAll
    static void close() {
        if (browser != null) {
            browser.close();
        }
        if (playwright != null) {
            playwright.close();
        }
    }

    @Test
    void an_admin_bills_a_customer_in_eur_runs_a_timer_on_a_task_and_corrects_the_record() throws Exception {
        try (BrowserContext context = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900))) {
            Page page = context.newPage();
            page.navigate(d.url("/login"));
            page.fill("input[name=login]", "root");
            page.fill("input[name=password]", d.passwords.get("root"));
            page.click("button[type=submit]");
            assertThat(page.locator("header.top")).containsText("root");

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

            Files.createDirectories(README_SHOT.getParent());
            page.screenshot(new Page.ScreenshotOptions().setPath(README_SHOT).setFullPage(false));
        }
    }
}
