package dev.clarity.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.FilePayload;
import java.nio.charset.StandardCharsets;
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
 * A campaign's walk in chromium: a manager imports a CSV with bad rows, writes a campaign (first with mistakes),
 * sends it and watches its progress move without reloading; the recipient opens the link from the mail in a browser
 * without a session and unsubscribes; the next campaign skips the address. Screenshots go to target/screenshots
 * (campaign-*.png).
 */
class CampaignBrowserTest {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SHOTS = Paths.get("target", "screenshots");
    private static Playwright playwright;
    private static Browser browser;
    private final TestDashboard d = TestDashboard.shared();

    @BeforeAll
    static void launch() throws Exception {
        if ("1".equals(System.getenv("CLARITY_REQUIRE_CHROMIUM")) && !Files.isExecutable(CHROMIUM)) {
            throw new IllegalStateException("CI requires the browser tests: /usr/bin/chromium is missing");
        }
        com.microsoft.playwright.assertions.PlaywrightAssertions.setDefaultAssertionTimeout(20_000);
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMIUM),
                "Browser tests need Debian's chromium at /usr/bin/chromium: apt-get install chromium");
        Files.createDirectories(SHOTS);
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
    void a_manager_imports_sends_and_sees_the_unsubscribed_address_skipped_by_the_next_campaign() throws Exception {
        String ana = "ana." + System.nanoTime() + "@browser.test";
        String cid = "cid." + System.nanoTime() + "@browser.test";
        String csv = "email;name\n" + ana + ";Ana\nnot-an-address;Bo\n" + cid + ";Cid\n" + cid + ";Cid again\n";
        try (CampaignMail mail = new CampaignMail(d);
                BrowserContext manager =
                        browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 900));
                BrowserContext recipient = browser.newContext()) {
            Page page = manager.newPage();
            page.navigate(d.url("/login"));
            page.fill("input[name=login]", "mia");
            page.fill("input[name=password]", d.passwords.get("mia"));
            page.click("button[type=submit]");
            assertThat(page.locator("header.top")).containsText("mia");

            String listName = "Browser list " + System.nanoTime();
            page.navigate(d.url("/contacts"));
            page.fill("#f-name", listName);
            page.click("#new-list button");
            page.setInputFiles(
                    "#f-file", new FilePayload("people.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8)));
            page.click("#upload-form button");
            page.click("#dry-run");
            assertThat(page.locator("#left-out")).containsText("not-an-address");
            page.click("#confirm-import");
            assertThat(page.locator(".notice")).containsText("Imported 2 contact(s); 2 row(s) left out.");

            page.click("header.top a[href='/campaigns']");
            page.click("#new-campaign");
            page.click("#campaign-form button[type=submit]");
            assertThat(page.locator("[data-field=subject]")).containsText("write a subject");
            page.selectOption(
                    "#f-list", new com.microsoft.playwright.options.SelectOption().setLabel(listName + " (2)"));
            page.fill("#f-subject", "Winter news");
            page.fill("#f-body", "Hello,\n\nour winter offer is here.");
            page.click("#campaign-form button[type=submit]");
            page.click("#send-campaign");
            assertThat(page.locator("#campaign-progress")).hasAttribute("data-state", "scheduled");
            page.waitForFunction("() => window.htmx !== undefined && document.readyState === 'complete'");

            mail.send();
            // htmx polls the progress every 3 s: the page moves on without a reload
            assertThat(page.locator("#campaign-progress")).hasAttribute("data-state", "sent");
            assertThat(page.locator("[data-count=sent]")).hasText("sent: 2");
            assertThat(page.locator("#cancel-campaign")).hasCount(0);
            shot(page, "campaign-sent");

            Page inbox = recipient.newPage();
            inbox.navigate(CampaignMail.unsubscribeLink(mail.to(ana).getFirst()));
            assertThat(inbox.locator("#unsubscribe-email")).hasText(ana);
            inbox.click("#unsubscribe-button");
            assertThat(inbox.locator("h1")).hasText("You are unsubscribed");
            shot(inbox, "campaign-unsubscribed");

            page.navigate(d.url("/campaigns/new"));
            page.selectOption(
                    "#f-list", new com.microsoft.playwright.options.SelectOption().setLabel(listName + " (2)"));
            page.fill("#f-subject", "Spring news");
            page.fill("#f-body", "Hello again.");
            page.click("#campaign-form button[type=submit]");
            page.click("#send-campaign");
            mail.send();
            assertThat(page.locator("[data-count=suppressed]")).hasText("suppressed: 1");
            assertThat(page.locator("[data-count=sent]")).hasText("sent: 1");
            assertThat(mail.to(ana)).hasSize(1);
            assertThat(mail.to(cid)).hasSize(2);
            page.navigate(d.url("/campaigns"));
            shot(page, "campaign-list");
            // the picture in the README: this dashboard has no SMTP of its own (the test sends), so drop that line
            page.evaluate("() => document.getElementById('mail-off').remove()");
            shot(page, "campaign-list-readme");
        }
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }
}
