package dev.clarity.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A campaign's whole walk with real mail: a CSV with bad rows imported through the pages, a campaign written and sent
 * there, the sender's batch and the outbox worker delivering to an SMTP server (GreenMail), the one-click unsubscribe
 * a mail client POSTs to the link in the mail's {@code List-Unsubscribe} header, and a second campaign that skips the
 * address.
 */
class CampaignMailJourneyTest {
    private final TestDashboard d = TestDashboard.shared();
    private CampaignMail mail;

    @BeforeEach
    void mail() throws Exception {
        mail = new CampaignMail(d);
    }

    @AfterEach
    void stop() {
        mail.close();
    }

    @Test
    void an_address_unsubscribed_with_one_click_is_skipped_by_the_next_campaign() throws Exception {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        String ana = "ana." + System.nanoTime() + "@journey.test";
        String cid = "cid." + System.nanoTime() + "@journey.test";
        long list = CampaignPagesTest.listWith(
                mia,
                "Journey " + System.nanoTime(),
                "email,name\n" + ana + ",Ana\nnot-an-address,Bo\n" + ana.toUpperCase() + ",Ana twice\n" + cid
                        + ",Cid\n",
                "Imported 2 contact(s); 2 row(s) left out.");

        long first = CampaignPagesTest.draft(mia, list, "Winter news");
        assertThat(mia.post("/campaigns/" + first + "/send", Map.of(), true).statusCode())
                .isEqualTo(303);
        mail.send();

        assertThat(mail.to(ana)).hasSize(1);
        assertThat(mail.to(cid)).hasSize(1);
        MimeMessage received = mail.to(ana).getFirst();
        assertThat(received.getSubject()).isEqualTo("Winter news");
        assertThat(received.getHeader("List-Unsubscribe-Post")[0]).isEqualTo("List-Unsubscribe=One-Click");
        String header = received.getHeader("List-Unsubscribe")[0];
        assertThat(header).matches("<" + d.url("/u/") + "[A-Za-z0-9_-]{22}>");
        String link = header.substring(1, header.length() - 1);
        assertThat(mia.get("/api/campaigns/" + first).body())
                .contains("\"percent\":100,\"contacts\":2,\"queued\":2,\"suppressed\":0,\"sent\":2,\"failed\":0");

        HttpClient client = HttpClient.newHttpClient(); // a mail client: no session, no CSRF token
        HttpResponse<String> page =
                client.send(HttpRequest.newBuilder(URI.create(link)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Stop campaign mail to <strong id=\"unsubscribe-email\">" + ana + "</strong>");
        HttpResponse<String> oneClick = client.send(
                HttpRequest.newBuilder(URI.create(link))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Origin", "https://mail.example.net")
                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(oneClick.statusCode()).isEqualTo(200);
        assertThat(oneClick.body()).contains("You are unsubscribed").contains(ana);
        assertThat(oneClick.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");

        long second = CampaignPagesTest.draft(mia, list, "Spring news");
        mia.post("/campaigns/" + second + "/send", Map.of(), true);
        mail.send();

        assertThat(mail.to(ana)).as("no mail after unsubscribing").hasSize(1);
        assertThat(mail.to(cid)).hasSize(2);
        assertThat(mia.get("/api/campaigns/" + second).body())
                .contains("\"state\":\"sent\"")
                .contains("\"contacts\":2,\"queued\":1,\"suppressed\":1,\"sent\":1,\"failed\":0");
        assertThat(mia.get("/campaigns/" + second).body()).contains("suppressed: 1");
    }
}
