package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.PROJECT_MESSAGES;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client portal over HTTP: carol (client of Globex) sees Globex's projects and invoices, never Acme's. */
class PortalPagesTest {
    private static TestDashboard d;
    private static HttpSession carol;
    private static HttpSession mia;

    @BeforeAll
    static void signIn() {
        d = TestDashboard.shared();
        carol = HttpSession.signedIn(d, "carol");
        mia = HttpSession.signedIn(d, "mia");
    }

    @Test
    void a_client_sees_the_progress_and_issued_invoices_of_their_own_customer_only() {
        HttpResponse<String> r = carol.get("/portal");

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("id=\"project-" + d.globexProject + "\"")
                .contains("/executions/" + d.globexExecution)
                .contains("https://github.com/globex/site/pull/7")
                .contains("1 task(s) done.")
                .contains("/invoices/" + d.globexInvoice + "/pdf")
                .doesNotContain("id=\"project-" + d.acmeProject + "\"")
                .doesNotContain("/executions/" + d.acmeExecution + "\"")
                .doesNotContain("/invoices/" + d.acmeDraft + "/pdf");
    }

    @Test
    void a_clients_message_reaches_the_projects_managers_who_see_it_once_as_new() {
        String body = "Could the landing page <b>use</b> our new logo? " + System.nanoTime();

        HttpResponse<String> sent =
                carol.post("/portal/projects/" + d.globexProject + "/messages", Map.of("message", body), true);

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(200);
        assertThat(sent.body()).contains("Your message on Site was sent to its managers.");
        String escaped = body.replace("<", "&lt;").replace(">", "&gt;");
        HttpResponse<String> first = mia.get("/projects/" + d.globexProject + "/messages");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body())
                .contains(escaped)
                .contains("<strong>carol</strong>")
                .doesNotContain(body);
        assertThat(first.body()).contains("<span class=\"badge\">new</span>");
        HttpResponse<String> again = mia.get("/projects/" + d.globexProject + "/messages");
        assertThat(again.body()).contains(escaped).doesNotContain("<span class=\"badge\">new</span>");
    }

    @Test
    void an_empty_or_too_long_message_is_refused_with_a_sentence_and_nothing_is_stored() {
        int before = d.database.dsl().fetchCount(PROJECT_MESSAGES);

        HttpResponse<String> empty =
                carol.post("/portal/projects/" + d.globexProject + "/messages", Map.of("message", "   "), true);
        HttpResponse<String> tooLong = carol.post(
                "/portal/projects/" + d.globexProject + "/messages", Map.of("message", "x".repeat(4001)), true);

        assertThat(empty.statusCode()).isEqualTo(422);
        assertThat(empty.body()).contains("Write a message before sending it.");
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body()).contains("A message may be at most 4000 characters; this one has 4001.");
        assertThat(d.database.dsl().fetchCount(PROJECT_MESSAGES)).isEqualTo(before);
    }

    @Test
    void a_client_posting_on_another_customers_project_gets_404_and_nothing_is_stored() {
        int before = d.database.dsl().fetchCount(PROJECT_MESSAGES);

        HttpResponse<String> r =
                carol.post("/portal/projects/" + d.acmeProject + "/messages", Map.of("message", "hello"), true);

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(d.database.dsl().fetchCount(PROJECT_MESSAGES)).isEqualTo(before);
    }
}
