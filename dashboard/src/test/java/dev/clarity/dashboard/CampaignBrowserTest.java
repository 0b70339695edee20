package dev.clarity.dashboard;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import dev.clarity.dashboard.browser.Chromium;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A campaign's walk in chromium: a manager imports a CSV with bad rows, writes a campaign (first with mistakes),
 * sends it and watches its progress move without reloading; the recipient opens the link from the mail in a browser
 * without a session and unsubscribes; the next campaign skips the address. Screenshots go to target/screenshots
 * (campaign-*.png).
 */
class CampaignBrowserTest {
    @RegisterExtension
    static final Chromium chromium = new Chromium();

    private final TestDashboard d = TestDashboard.shared();

    @Test
    void a_manager_imports_sends_and_sees_the_unsubscribed_address_skipped_by_the_next_campaign() throws Exception {
        String ana = "ana." + System.nanoTime() + "@browser.test";
        String cid = "cid." + System.nanoTime() + "@browser.test";
        String csv = "email;name\n" + ana + ";Ana\nnot-an-address;Bo\n" + cid + ";Cid\n" + cid + ";Cid again\n";
        try (CampaignMail mail = new CampaignMail(d);
                BrowserContext manager = chromium.context(1400, 900);
                BrowserContext recipient = chromium.context()) {
            Page page = manager.newPage();
            page.navigate(d.url("/login"));
            Chromium.signIn(page, "mia", d.passwords.get("mia"));

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
            Chromium.shot(page, "campaign-sent");

            Page inbox = recipient.newPage();
            inbox.navigate(CampaignMail.unsubscribeLink(mail.to(ana).getFirst()));
            assertThat(inbox.locator("#unsubscribe-email")).hasText(ana);
            inbox.click("#unsubscribe-button");
            assertThat(inbox.locator("h1")).hasText("You are unsubscribed");
            Chromium.shot(inbox, "campaign-unsubscribed");

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
            Chromium.shot(page, "campaign-list");
            // the picture in the README: this dashboard has no SMTP of its own (the test sends), so drop that line
            page.evaluate("() => document.getElementById('mail-off').remove()");
            Chromium.shot(page, "campaign-list-readme");
        }
    }
}
