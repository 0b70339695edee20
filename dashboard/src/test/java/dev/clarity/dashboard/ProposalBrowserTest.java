package dev.clarity.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A proposal in Debian's chromium: a manager writes and sends it, the client opens the emailed link in a browser
 * with no session and accepts it, and the manager sees the new project. Screenshots go to target/screenshots.
 */
class ProposalBrowserTest {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path SHOTS = Paths.get("target", "screenshots");
    private static final Pattern TOKEN = Pattern.compile("/p/([A-Za-z0-9_-]{43})");
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
    void a_manager_sends_a_proposal_the_client_accepts_it_by_link_and_the_project_appears() {
        String title = "Mobile app " + System.nanoTime();
        String token;
        List<String> policyViolations = new CopyOnWriteArrayList<>();
        try (BrowserContext manager = browser.newContext(new Browser.NewContextOptions().setViewportSize(1400, 1000))) {
            Page page = manager.newPage();
            page.onConsoleMessage(m -> {
                if (m.text().contains("Content Security Policy")) {
                    policyViolations.add(m.text());
                }
            });
            page.navigate(d.url("/login"));
            page.fill("input[name=login]", "mia");
            page.fill("input[name=password]", d.passwords.get("mia"));
            page.click("button[type=submit]");
            assertThat(page.locator("header.top")).containsText("mia");

            page.navigate(d.url("/proposals"));
            page.click("#new-proposal");
            page.selectOption("#f-customer", String.valueOf(d.globex));
            page.fill("#f-title", title);
            page.fill("#f-valid", java.time.LocalDate.now().plusDays(14).toString());
            page.locator(".new-section-title").first().fill("Scope");
            page.locator(".new-section-text").first().fill("An app for the shop.");
            page.locator(".new-item-description").first().fill("Development");
            page.locator(".new-item-quantity").first().fill("10");
            page.locator(".new-item-price").first().fill("95.50");
            page.locator(".new-tax-name").first().fill("VAT");
            page.locator(".new-tax-percent").first().fill("19");
            page.click("#proposal-form button");
            assertThat(page.locator("#proposal-total")).hasText("1,136.45 EUR");
            shot(page, "proposal-written");

            page.fill("#f-email", "ana@acme.test");
            page.click("#send-form button");
            assertThat(page.locator(".notice")).containsText("on its way to ana@acme.test");
            Matcher m = TOKEN.matcher(page.locator(".notice").textContent());
            org.assertj.core.api.Assertions.assertThat(m.find()).isTrue();
            token = m.group(1);
            shot(page, "proposal-sent");
        }

        try (BrowserContext client = browser.newContext(new Browser.NewContextOptions().setViewportSize(1000, 900))) {
            Page page = client.newPage();
            page.onConsoleMessage(m -> {
                if (m.text().contains("Content Security Policy")) {
                    policyViolations.add(m.text());
                }
            });
            page.navigate(d.url("/p/" + token));
            assertThat(page.locator("#proposal-title")).hasText(title);
            assertThat(page.locator("#proposal-total")).hasText("1,136.45 EUR");
            shot(page, "proposal-client");
            page.fill("#f-name", "Ana Alves");
            page.click("#accept-form button");
            assertThat(page.locator("#public-title")).hasText("Thank you: the proposal is accepted");
            page.navigate(d.url("/p/" + token));
            assertThat(page.locator("#public-title")).hasText("This proposal was already accepted");
            shot(page, "proposal-used");
        }

        try (BrowserContext manager = browser.newContext()) {
            Page page = manager.newPage();
            page.navigate(d.url("/login?next=%2Fprojects"));
            page.fill("input[name=login]", "mia");
            page.fill("input[name=password]", d.passwords.get("mia"));
            page.click("button[type=submit]");
            assertThat(page.locator("body")).containsText(title);
        }
        org.assertj.core.api.Assertions.assertThat(policyViolations).isEmpty();
    }

    private static void shot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions()
                .setPath(SHOTS.resolve(name + ".png"))
                .setFullPage(true));
    }
}
