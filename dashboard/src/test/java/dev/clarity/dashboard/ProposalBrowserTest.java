package dev.clarity.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.clarity.dashboard.browser.Chromium;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A proposal in Debian's chromium: a manager writes and sends it, the client opens the emailed link in a browser
 * with no session and accepts it, and the manager sees the new project. Screenshots go to target/screenshots.
 */
class ProposalBrowserTest {
    private static final Pattern TOKEN = Pattern.compile("/p/([A-Za-z0-9_-]{43})");

    @RegisterExtension
    static final Chromium chromium = new Chromium();

    private final TestDashboard d = TestDashboard.shared();

    @Test
    void a_manager_sends_a_proposal_the_client_accepts_it_by_link_and_the_project_appears() {
        String title = "Mobile app " + System.nanoTime();
        String token;
        List<String> policyViolations = new CopyOnWriteArrayList<>();
        try (BrowserContext manager = chromium.context(1400, 1000)) {
            Page page = manager.newPage();
            Chromium.collectPolicyViolations(page, policyViolations);
            page.navigate(d.url("/login"));
            Chromium.signIn(page, "mia", d.passwords.get("mia"));

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
            Chromium.shot(page, "proposal-written");

            page.fill("#f-email", "ana@acme.test");
            page.click("#send-form button");
            assertThat(page.locator(".notice")).containsText("on its way to ana@acme.test");
            Matcher m = TOKEN.matcher(page.locator(".notice").textContent());
            org.assertj.core.api.Assertions.assertThat(m.find()).isTrue();
            token = m.group(1);
            Chromium.shot(page, "proposal-sent");
        }

        try (BrowserContext client = chromium.context(1000, 900)) {
            Page page = client.newPage();
            Chromium.collectPolicyViolations(page, policyViolations);
            page.navigate(d.url("/p/" + token));
            assertThat(page.locator("#proposal-title")).hasText(title);
            assertThat(page.locator("#proposal-total")).hasText("1,136.45 EUR");
            Chromium.shot(page, "proposal-client");
            page.fill("#f-name", "Ana Alves");
            page.click("#accept-form button");
            assertThat(page.locator("#public-title")).hasText("Thank you: the proposal is accepted");
            page.navigate(d.url("/p/" + token));
            assertThat(page.locator("#public-title")).hasText("This proposal was already accepted");
            Chromium.shot(page, "proposal-used");
        }

        try (BrowserContext manager = chromium.context()) {
            Page page = manager.newPage();
            page.navigate(d.url("/login?next=%2Fprojects"));
            Chromium.signIn(page, "mia", d.passwords.get("mia"));
            assertThat(page.locator("body")).containsText(title);
        }
        org.assertj.core.api.Assertions.assertThat(policyViolations).isEmpty();
    }
}
