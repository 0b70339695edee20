package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.DISMISSED_NOTICES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.dashboard.auth.Role;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.crm.CrmTable;
import dev.clarity.dashboard.executions.GridPage;
import dev.clarity.dashboard.web.Chrome;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.resolve.ResourceCodeResolver;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a new user meets around the grid: empty lists that say how to add the first record, errors as pages of the
 * site, notices that can be dismissed, readable times and a favicon.
 */
class DashboardPagesTest {
    private static final TemplateEngine TEMPLATES = TemplateEngine.create(
            new ResourceCodeResolver("templates", DashboardPagesTest.class.getClassLoader()),
            Path.of("target", "jte-classes-pages-test"),
            ContentType.Html,
            DashboardPagesTest.class.getClassLoader());
    private static final Viewer MANAGER = new Viewer(1, "mia", Role.MANAGER, null, "csrf", false);
    private static final Viewer TEAM_MEMBER = new Viewer(2, "tom", Role.TEAM_MEMBER, null, "csrf", false);

    private final TestDashboard d = TestDashboard.shared();

    @Test
    void an_empty_projects_page_says_what_a_project_is_and_how_to_add_one() {
        String page = render(
                "crmList.jte",
                Map.of(
                        "chrome", new Chrome(MANAGER, "Projects", "projects", null, null),
                        "table", new CrmTable("projects", List.of("Name", "Repository"), List.of())));

        assertThat(page)
                .contains("id=\"empty-state\"")
                .contains("No projects yet. A project is a repository whose task list Clarity carries out")
                .contains("Add the first one with New.");
    }

    @Test
    void an_empty_customers_page_tells_someone_who_cannot_add_one_whom_to_ask() {
        String page = render(
                "crmList.jte",
                Map.of(
                        "chrome", new Chrome(TEAM_MEMBER, "Customers", "customers", null, null),
                        "table", new CrmTable("customers", List.of("Name"), List.of())));

        assertThat(page).contains("No customers yet.").contains("Ask a manager or an admin to add one.");
    }

    @Test
    void the_quick_start_without_projects_says_how_to_add_the_first_one() {
        GridPage empty = new GridPage(
                new Chrome(MANAGER, "Executions", "grid", null, null),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                null,
                Instant.parse("2026-12-02T07:00:00Z"));

        String page = render("partials/quickStart.jte", Map.of("page", empty));

        assertThat(page)
                .contains("— no projects yet —")
                .contains("id=\"no-projects\"")
                .contains("<a href=\"/projects/new\">Add a project</a>");
    }

    @Test
    void an_unknown_execution_and_an_unknown_page_are_404_pages_in_the_site_layout() {
        HttpSession tom = HttpSession.signedIn(d, "tom");

        HttpResponse<String> execution = tom.get("/executions/987654321", "Accept", "text/html");
        HttpResponse<String> nowhere = tom.get("/no-such-page", "Accept", "text/html");

        assertThat(execution.statusCode()).isEqualTo(404);
        assertThat(execution.body())
                .contains("<header class=\"top\">", "id=\"error-page\"", "No such execution.", "href=\"/history\"");
        assertThat(nowhere.statusCode()).isEqualTo(404);
        assertThat(nowhere.body()).contains("<header class=\"top\">", "There is no page at /no-such-page.");
    }

    @Test
    void the_api_keeps_its_json_errors() {
        HttpResponse<String> r = HttpSession.signedIn(d, "tom").get("/api/executions/987654321");

        assertThat(r.statusCode()).isEqualTo(404);
        assertThat(r.body()).doesNotContain("<header").contains("No such execution.");
    }

    @Test
    void a_refused_form_is_a_page_in_the_site_layout() {
        HttpSession tom = HttpSession.signedIn(d, "tom");

        // a form posted with a stale token (the page was open across a sign-in elsewhere)
        HttpResponse<String> r = tom.post(
                "/executions/" + d.acmeExecution + "/stop-after",
                Map.of("_csrf", "stale", "taskId", "1.1"),
                false,
                "text/html");

        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).contains("<header class=\"top\">", "This form has expired");
    }

    @Test
    void a_refused_archive_is_a_409_page_in_the_site_layout_that_still_lists_the_people() {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        long self = d.database
                .dsl()
                .select(dev.clarity.migrations.jooq.Tables.PEOPLE.ID)
                .from(dev.clarity.migrations.jooq.Tables.PEOPLE)
                .where(dev.clarity.migrations.jooq.Tables.PEOPLE.LOGIN.eq("mia"))
                .fetchOne(dev.clarity.migrations.jooq.Tables.PEOPLE.ID);

        HttpResponse<String> r = mia.post("/people/" + self + "/archive", Map.of(), true, "text/html");

        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body())
                .contains("<header class=\"top\">", "You cannot archive yourself.", ">mia<")
                .doesNotContain("No people yet");
    }

    @Test
    void every_page_names_its_favicon_and_the_browsers_default_path_finds_it() {
        HttpSession tom = HttpSession.signedIn(d, "tom");

        assertThat(tom.get("/").body()).contains("<link rel=\"icon\" href=\"/static/favicon.svg\"");
        HttpResponse<String> icon = tom.get("/static/favicon.svg");
        assertThat(icon.statusCode()).isEqualTo(200);
        assertThat(icon.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("image/svg+xml"));
        assertThat(tom.get("/favicon.ico").statusCode()).isEqualTo(301);
    }

    @Test
    void a_dismissed_notice_stays_away_for_that_person_only() {
        d.account("nora", "team_member", null);
        // like tom, she works on Globex's project: a team member sees the notices of their projects only
        TestDashboard.member(d.database.dsl(), "nora", d.globexProject);
        HttpSession nora = HttpSession.signedIn(d, "nora");
        d.controls.badge(d.globexExecution, "COMPLETED");
        assertThat(nora.get("/partials/notifications").body()).contains("data-execution=\"" + d.globexExecution + "\"");

        HttpResponse<String> r = nora.post("/notifications/" + d.globexExecution + "/dismiss", Map.of(), true);

        assertThat(r.statusCode()).isEqualTo(303);
        assertThat(nora.get("/partials/notifications").body())
                .doesNotContain("data-execution=\"" + d.globexExecution + "\"");
        assertThat(HttpSession.signedIn(d, "tom").get("/partials/notifications").body())
                .contains("data-execution=\"" + d.globexExecution + "\"");
        assertThat(d.database.dsl().fetchCount(DISMISSED_NOTICES)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void a_client_cannot_dismiss_the_notice_of_another_customers_execution() {
        HttpSession carol = HttpSession.signedIn(d, "carol");

        HttpResponse<String> r = carol.post("/notifications/" + d.acmeExecution + "/dismiss", Map.of(), true);

        assertThat(r.statusCode()).isEqualTo(404);
    }

    @Test
    void the_notifications_page_shows_times_as_time_elements_with_the_exact_moment_in_the_title() {
        d.controls.badge(d.globexExecution, "COMPLETED");

        String page = HttpSession.signedIn(d, "tom").get("/notifications").body();

        assertThat(page)
                .containsPattern(
                        "<time datetime=\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ\" title=\"\\d{4}-"
                                + "\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\">\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d\\d:\\d\\d UTC</time>");
    }

    private static String render(String template, Map<String, Object> model) {
        StringOutput out = new StringOutput();
        TEMPLATES.render(template, new HashMap<>(model), out);
        return out.toString();
    }
}
