package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.MAIL_ATTACHMENTS;
import static dev.clarity.migrations.jooq.Tables.MAIL_OUTBOX;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROPOSALS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.crm.mail.Backoff;
import dev.clarity.crm.mail.JooqMailOutbox;
import dev.clarity.crm.proposals.LinkTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The managers' proposal pages, the JSON API and the client's public page, over HTTP against the real server. */
class ProposalPagesTest {
    private static final Pattern TOKEN = Pattern.compile("/p/([A-Za-z0-9_-]{43})");
    private static TestDashboard d;
    private static HttpSession mia;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void signIn() {
        d = TestDashboard.shared();
        mia = HttpSession.signedIn(d, "mia");
    }

    private static Map<String, String> form(String title, String price) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("customer", Long.toString(d.globex));
        form.put("project", "");
        form.put("title", title);
        form.put("valid_until", LocalDate.now().plusDays(20).toString());
        form.put("section_title", "Scope");
        form.put("section_text", "A landing page <script>alert(1)</script>");
        form.put("item_description", "Design");
        form.put("item_quantity", "4");
        form.put("item_price", price);
        form.put("tax_name", "VAT");
        form.put("tax_percent", "20");
        return form;
    }

    private static long created(String title) {
        HttpResponse<String> r = mia.post("/proposals", form(title, "250"), true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String location = r.headers().firstValue("Location").orElseThrow();
        return Long.parseLong(location.substring("/proposals/".length(), location.indexOf('?')));
    }

    private static String sent(long id) {
        HttpResponse<String> r = mia.post("/proposals/" + id + "/send", Map.of("email", "carol@globex.test"), true);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        Matcher m = TOKEN.matcher(r.body());
        assertThat(m.find()).as(r.body()).isTrue();
        return m.group(1);
    }

    private HttpResponse<String> anonymousPost(String path, Map<String, String> form, String origin) throws Exception {
        return anonymousPost(path, form, "Origin", origin);
    }

    private HttpResponse<String> anonymousPost(String path, Map<String, String> form, String header, String value)
            throws Exception {
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        var request = HttpRequest.newBuilder(URI.create(d.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (value != null) {
            request.header(header, value);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> anonymousGet(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create(d.url(path))).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void a_manager_writes_a_proposal_and_every_save_is_a_new_version() {
        long id = created("Landing page " + System.nanoTime());

        HttpResponse<String> page = mia.get("/proposals/" + id + "?notice=Saved");
        assertThat(page.body()).contains("version 1").contains("1,200.00 EUR");
        Map<String, String> changed = form("Landing page, smaller", "200");
        changed.remove("customer");
        assertThat(mia.post("/proposals/" + id, changed, true).statusCode()).isEqualTo(303);
        assertThat(mia.get("/proposals/" + id).body()).contains("version 2").contains("960.00 EUR");
        assertThat(mia.get("/api/proposals/" + id).body())
                .contains("\"version\":2")
                .contains("\"total\":960.00");
        assertThat(mia.get("/api/proposals").body()).contains("\"id\":" + id);
    }

    @Test
    void a_price_that_is_not_a_number_is_refused_with_a_sentence_and_nothing_is_saved() {
        int before = d.database.dsl().fetchCount(PROPOSALS);

        HttpResponse<String> r = mia.post("/proposals", form("Broken", "12,50"), true);

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body()).contains("Line 1 unit price: \"12,50\" is not a number.");
        assertThat(d.database.dsl().fetchCount(PROPOSALS)).isEqualTo(before);
    }

    @Test
    void the_client_opens_the_emailed_link_without_an_account_and_accepts_it_once() throws Exception {
        String title = "Shop relaunch " + System.nanoTime();
        long id = created(title);
        String token = sent(id);
        var mail = d.database.dsl().fetchOne(MAIL_OUTBOX, MAIL_OUTBOX.IDEMPOTENCY_KEY.eq("proposal:" + id + ":1:send"));
        assertThat(mail.getRecipient()).isEqualTo("carol@globex.test");
        assertThat(mail.getTextBody() + mail.getHtmlBody())
                .as("sealed while queued")
                .doesNotContain(token);
        assertThat(new JooqMailOutbox(
                                d.database.dsl(),
                                java.time.InstantSource.system(),
                                java.time.Duration.ofMinutes(5),
                                Backoff.DEFAULT,
                                d.sealer)
                        .contents(mail.getIdempotencyKey())
                        .orElseThrow()
                        .text())
                .contains("/p/" + token);
        assertThat(d.database
                        .dsl()
                        .fetchValue(MAIL_ATTACHMENTS.CONTENT_TYPE, MAIL_ATTACHMENTS.MAIL_ID.eq(mail.getId())))
                .isEqualTo("application/pdf");

        HttpResponse<String> page = anonymousGet("/p/" + token);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains(title)
                .contains("1,200.00 EUR")
                .contains("<meta name=\"robots\" content=\"noindex, nofollow\">")
                .contains("&lt;script&gt;")
                .doesNotContain("<script>alert");
        assertThat(page.headers().firstValue("X-Robots-Tag")).contains("noindex, nofollow");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");

        Map<String, String> accept = Map.of("name", "Carol Client", "form_token", LinkTokens.formToken(token));
        assertThat(anonymousPost("/p/" + token + "/accept", Map.of("name", "Carol"), null)
                        .statusCode())
                .as("no form token")
                .isEqualTo(403);
        assertThat(anonymousPost("/p/" + token + "/accept", accept, "https://evil.example")
                        .statusCode())
                .as("another site's page")
                .isEqualTo(403);
        assertThat(anonymousPost("/p/" + token + "/accept", accept, "Sec-Fetch-Site", "cross-site")
                        .statusCode())
                .as("a browser saying the form is on another site")
                .isEqualTo(403);
        // under Referrer-Policy: no-referrer a browser posts this page's own form with "Origin: null"
        HttpResponse<String> accepted = anonymousPost("/p/" + token + "/accept", accept, "null");
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.body()).contains("the proposal is accepted");
        assertThat(accepted.headers().firstValue("Referrer-Policy")).contains("no-referrer");

        HttpResponse<String> again = anonymousGet("/p/" + token);
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(again.body()).contains("This proposal was already accepted").doesNotContain(title);
        assertThat(again.headers().firstValue("X-Robots-Tag")).contains("noindex, nofollow");
        assertThat(anonymousPost("/p/" + token + "/decline", Map.of("form_token", LinkTokens.formToken(token)), null)
                        .statusCode())
                .isEqualTo(410);
        Long project = d.database.dsl().fetchValue(PROPOSALS.PROJECT_ID, PROPOSALS.ID.eq(id));
        assertThat(d.database.dsl().fetchValue(PROJECTS.NAME, PROJECTS.ID.eq(project)))
                .isEqualTo(title);
        assertThat(mia.get("/proposals/" + id).body()).contains("accepted · Carol Client · from 127.0.0.1");
    }

    @Test
    void a_declined_link_a_revoked_link_and_an_unknown_link_show_a_clear_page_never_the_proposal() throws Exception {
        String title = "Declined " + System.nanoTime();
        long declinedId = created(title);
        String declined = sent(declinedId);
        HttpResponse<String> d1 = anonymousPost(
                "/p/" + declined + "/decline",
                Map.of("comment", "Not this year", "form_token", LinkTokens.formToken(declined)),
                null);
        assertThat(d1.statusCode()).isEqualTo(200);
        assertThat(anonymousGet("/p/" + declined).body())
                .contains("already declined")
                .doesNotContain(title);

        long revokedId = created("Revoked " + System.nanoTime());
        String revoked = sent(revokedId);
        assertThat(mia.post("/proposals/" + revokedId + "/revoke", Map.of(), true)
                        .statusCode())
                .isEqualTo(303);
        HttpResponse<String> gone = anonymousGet("/p/" + revoked);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("This link was withdrawn").doesNotContain("Revoked ");

        HttpResponse<String> unknown = anonymousGet("/p/" + "x".repeat(43));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("This link does not open a proposal");
        assertThat(unknown.headers().firstValue("Referrer-Policy")).contains("no-referrer");
    }
}
