package dev.clarity.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The campaign pages and the unsubscribe link's refusals, through HTTP against the real dashboard. */
class CampaignPagesTest {
    private static TestDashboard d;
    private static HttpSession mia;

    @BeforeAll
    static void signIn() {
        d = TestDashboard.shared();
        mia = HttpSession.signedIn(d, "mia");
    }

    /** A new list with the CSV's good rows; {@code notice} is what the import says it did. */
    static long listWith(HttpSession s, String name, String csv, String notice) {
        HttpResponse<String> created = s.post("/contacts", Map.of("name", name), true);
        String location = created.headers().firstValue("Location").orElseThrow();
        long list = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
        HttpResponse<String> uploaded =
                s.upload("/contacts/" + list + "/uploads", "file", "c.csv", csv.getBytes(StandardCharsets.UTF_8));
        String mapping = uploaded.headers().firstValue("Location").orElseThrow();
        String upload = mapping.substring(mapping.lastIndexOf('/') + 1);
        HttpResponse<String> imported =
                s.post("/contacts/uploads/" + upload + "/import", Map.of("email", "email", "name", "name"), true);
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(303);
        assertThat(s.get(imported.headers().firstValue("Location").orElseThrow())
                        .body())
                .contains(notice);
        return list;
    }

    static long draft(HttpSession s, long list, String subject) {
        HttpResponse<String> created = s.post(
                "/campaigns",
                Map.of(
                        "list",
                        String.valueOf(list),
                        "subject",
                        subject,
                        "body",
                        "Hello,\n\nour winter offer.",
                        "per_minute",
                        "100"),
                true);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(303);
        String location = created.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring(location.lastIndexOf('/') + 1));
    }

    @Test
    void a_bad_form_comes_back_with_a_message_per_field_and_saves_nothing() {
        int before = mia.get("/api/campaigns").body().split("\"subject\"").length;

        HttpResponse<String> r = mia.post(
                "/campaigns",
                Map.of("list", "999999999", "subject", "", "body", "", "per_minute", "0", "send_at", "tomorrow"),
                true);

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body())
                .contains("data-field=\"list\">choose one of the contact lists")
                .contains("data-field=\"subject\">write a subject of one line")
                .contains("data-field=\"body\">write the text of the mail")
                .contains("data-field=\"per_minute\">send between 1 and 10,000 mails a minute")
                .contains("data-field=\"send_at\">give the start as 2026-12-24T09:00:00Z")
                .contains("value=\"tomorrow\"");
        assertThat(mia.get("/api/campaigns").body().split("\"subject\"")).hasSize(before);
    }

    @Test
    void a_draft_is_shown_sent_once_and_cancelled_and_the_api_reports_its_progress() {
        long list = listWith(
                mia,
                "Pages " + System.nanoTime(),
                "email,name\nana@example.com,Ana\nbo@example.com,Bo\n",
                "Imported 2 contact(s); 0 row(s) left out.");
        long id = draft(mia, list, "Winter <news>");

        HttpResponse<String> page = mia.get("/campaigns/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<h1>Winter &lt;news&gt;</h1>")
                .contains("data-state=\"draft\"")
                .contains("of 2 contact(s)")
                .contains("id=\"send-campaign\"")
                .contains("Mail is not configured");
        assertThat(mia.get("/campaigns").body())
                .contains("<tr data-campaign=\"" + id + "\">")
                .contains("<a href=\"/campaigns\" class=\"on\">Campaigns</a>");

        HttpResponse<String> sent = mia.post("/campaigns/" + id + "/send", Map.of(), true);
        assertThat(sent.statusCode()).isEqualTo(303);
        assertThat(mia.get("/partials/campaigns/" + id).body())
                .contains("data-state=\"scheduled\"")
                .contains("hx-trigger=\"every 3s\"");
        HttpResponse<String> again = mia.post("/campaigns/" + id + "/send", Map.of(), true, "text/html");
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("This campaign is scheduled: only a draft can be sent.");

        assertThat(mia.post("/campaigns/" + id + "/cancel", Map.of(), true).statusCode())
                .isEqualTo(303);
        assertThat(mia.post("/campaigns/" + id + "/cancel", Map.of(), true).statusCode())
                .isEqualTo(409);
        String api = mia.get("/api/campaigns/" + id).body();
        assertThat(api)
                .contains("\"state\":\"cancelled\"")
                .contains("\"progress\":{\"percent\":0,\"contacts\":2,\"queued\":0,\"suppressed\":0,\"sent\":0,"
                        + "\"failed\":0}");
        assertThat(mia.get("/api/campaigns").body())
                .contains("\"id\":" + id + ",")
                .contains("\"mailSends\":false");
    }

    @Test
    void an_unknown_or_malformed_unsubscribe_link_gets_a_404_page_that_is_not_indexed_and_changes_nothing() {
        HttpSession anonymous = new HttpSession(d);
        for (String token : new String[] {"AAAAAAAAAAAAAAAAAAAAAA", "short", "%27%20or%201%3D1--aaaaaaaaaa"}) {
            HttpResponse<String> get = anonymous.get("/u/" + token);
            HttpResponse<String> post = anonymous.post("/u/" + token, Map.of("List-Unsubscribe", "One-Click"), false);
            for (HttpResponse<String> r : java.util.List.of(get, post)) {
                assertThat(r.statusCode()).as(token).isEqualTo(404);
                assertThat(r.body()).contains("This unsubscribe link is not known.");
                assertThat(r.headers().firstValue("X-Robots-Tag")).hasValue("noindex, nofollow");
                assertThat(r.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
            }
        }
    }
}
