package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A team member reaches only the projects they are a member of (ADR 0040), over real HTTP: they are on project A of
 * customer X, not on project B of the same customer nor on project C of customer Y. Lists leave B and C (and Y) out,
 * pages and API answers of them are 404, executions follow their project, and their own time on A still works. Names
 * are unique per run: the dashboard is shared.
 */
class TeamMemberScopeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDashboard d;
    private static DSLContext dsl;
    private static String suffix;
    private static String login;
    private static long x;
    private static long y;
    private static long projectA;
    private static long projectB;
    private static long projectC;
    private static long executionA;
    private static long executionB;
    private static long executionC;

    @BeforeAll
    static void aTeamMemberOnProjectAOfCustomerX() {
        d = TestDashboard.shared();
        dsl = d.database.dsl();
        suffix = Long.toString(System.nanoTime());
        login = "scope-member-" + suffix;
        d.account(login, "team_member", null);
        x = TestDashboard.customer(dsl, "Scope X " + suffix, "scope-x-" + suffix);
        y = TestDashboard.customer(dsl, "Scope Y " + suffix, "scope-y-" + suffix);
        projectA = TestDashboard.project(dsl, x, "Scope A " + suffix, "scope-x/a-" + suffix);
        projectB = TestDashboard.project(dsl, x, "Scope B " + suffix, "scope-x/b-" + suffix);
        projectC = TestDashboard.project(dsl, y, "Scope C " + suffix, "scope-y/c-" + suffix);
        TestDashboard.member(dsl, login, projectA);
        executionA = d.failedExecution(projectA);
        executionB = d.failedExecution(projectB);
        executionC = d.failedExecution(projectC);
    }

    private static HttpSession member() {
        return HttpSession.signedIn(d, login);
    }

    @Test
    void a_team_member_lists_only_the_projects_they_are_a_member_of() throws Exception {
        HttpSession s = member();
        assertThat(s.get("/projects").body())
                .contains("Scope A " + suffix)
                .doesNotContain("Scope B " + suffix)
                .doesNotContain("Scope C " + suffix);
        assertThat(ids(s, "/api/projects?limit=200")).containsExactly(projectA);
        assertThat(ids(HttpSession.signedIn(d, "root"), "/api/projects?limit=200"))
                .contains(projectA, projectB, projectC);
    }

    @Test
    void the_pages_of_projects_a_team_member_is_not_on_answer_404_and_nothing_of_them_can_be_started() {
        HttpSession s = member();
        assertThat(s.get("/projects/" + projectA + "/plan").statusCode()).isEqualTo(200);
        assertThat(s.get("/projects/" + projectA + "/plan").body()).contains("Scope A " + suffix);
        for (long project : List.of(projectB, projectC)) {
            assertThat(s.get("/projects/" + project + "/plan").statusCode())
                    .as("plan of " + project)
                    .isEqualTo(404);
            int before = dsl.fetchCount(EXECUTIONS, EXECUTIONS.PROJECT_ID.eq(project));
            assertThat(s.post("/executions/start", Map.of("projectId", Long.toString(project)), true)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(s.post("/api/executions/start", Map.of("projectId", Long.toString(project)), true)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(dsl.fetchCount(EXECUTIONS, EXECUTIONS.PROJECT_ID.eq(project)))
                    .isEqualTo(before);
        }
        // the project's form is for admins and managers: refused for the role alike on every project, reached or not
        for (long project : List.of(projectA, projectB, projectC)) {
            assertThat(s.get("/projects/" + project).statusCode()).isEqualTo(403);
        }
    }

    @Test
    void a_team_member_sees_the_customer_of_their_project_with_that_project_only_and_not_other_customers()
            throws Exception {
        HttpSession s = member();
        assertThat(s.get("/customers").body()).contains("Scope X " + suffix).doesNotContain("Scope Y " + suffix);
        assertThat(ids(s, "/api/customers")).contains(x).doesNotContain(y);
        assertThat(s.get("/partials/left").body())
                .contains("<b>Scope X " + suffix + "</b> <small>1 project(s)")
                .doesNotContain("Scope Y " + suffix);
        // a customer's own pages are for admins and managers: the same refusal for X as for Y, nothing to probe
        for (long customer : List.of(x, y)) {
            assertThat(s.get("/customers/" + customer).statusCode()).isEqualTo(403);
            assertThat(s.get("/customers/" + customer + "/contacts").statusCode())
                    .isEqualTo(403);
        }
        assertThat(s.get("/invoices").statusCode()).isEqualTo(403);
        assertThat(s.get("/proposals").statusCode()).isEqualTo(403);
    }

    @Test
    void a_team_member_lists_only_the_executions_of_their_projects() throws Exception {
        HttpSession s = member();
        for (String api : List.of("/api/executions?limit=200", "/api/history?limit=200", "/api/notifications")) {
            assertThat(ids(s, api)).as(api).contains(executionA).doesNotContain(executionB, executionC);
        }
        for (String page : List.of("/", "/history", "/notifications", "/partials/grid", "/partials/notifications")) {
            assertThat(s.get(page).body())
                    .as(page)
                    .contains("Scope A " + suffix)
                    .doesNotContain("Scope B " + suffix)
                    .doesNotContain("Scope C " + suffix);
        }
        assertThat(s.get("/api/stats").body()).contains("Scope X " + suffix).doesNotContain("Scope Y " + suffix);
        assertThat(ids(HttpSession.signedIn(d, "root"), "/api/executions?limit=200"))
                .contains(executionA, executionB, executionC);
    }

    @Test
    void the_executions_of_projects_a_team_member_is_not_on_answer_404_and_their_controls_change_nothing() {
        HttpSession s = member();
        assertThat(s.get("/executions/" + executionA).statusCode()).isEqualTo(200);
        assertThat(s.get("/api/executions/" + executionA + "/events").statusCode())
                .isEqualTo(200);
        int calls = d.controls.calls.size();
        for (long execution : List.of(executionB, executionC)) {
            for (String path : List.of(
                    "/executions/" + execution,
                    "/partials/executions/" + execution,
                    "/partials/executions/" + execution + "/run-controls",
                    "/api/executions/" + execution,
                    "/api/executions/" + execution + "/events")) {
                assertThat(s.get(path).statusCode()).as(path).isEqualTo(404);
            }
            for (String control : List.of("stop", "resume", "retry")) {
                HttpResponse<String> page = s.post("/executions/" + execution + "/" + control, Map.of(), true);
                assertThat(page.statusCode()).as(control).isEqualTo(404);
                HttpResponse<String> api = s.post("/api/executions/" + execution + "/" + control, Map.of(), true);
                assertThat(api.statusCode()).as("api " + control).isEqualTo(404);
            }
            assertThat(s.post("/executions/" + execution + "/skip", Map.of("taskId", "1.1"), true)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(s.post("/notifications/" + execution + "/dismiss", Map.of(), true)
                            .statusCode())
                    .isEqualTo(404);
            assertThat(d.badge(execution)).isEqualTo("FAILED");
        }
        assertThat(d.controls.calls.subList(calls, d.controls.calls.size()))
                .noneMatch(c -> c.contains(Long.toString(executionB)) || c.contains(Long.toString(executionC)));

        assertThat(s.post("/executions/" + executionA + "/resume", Map.of(), true)
                        .statusCode())
                .isEqualTo(303);
        assertThat(d.controls.calls).contains("resume " + executionA);
    }

    @Test
    void a_team_member_sees_the_hours_of_their_project_but_no_rate_or_money_budget() throws Exception {
        dsl.update(dev.clarity.migrations.jooq.Tables.PROJECTS)
                .set(dev.clarity.migrations.jooq.Tables.PROJECTS.HOURLY_RATE, new java.math.BigDecimal("123.45"))
                .set(dev.clarity.migrations.jooq.Tables.PROJECTS.BUDGET_HOURS, new java.math.BigDecimal("40"))
                .set(dev.clarity.migrations.jooq.Tables.PROJECTS.BUDGET_MONEY, new java.math.BigDecimal("9876"))
                .set(dev.clarity.migrations.jooq.Tables.PROJECTS.MACHINE_RATE, new java.math.BigDecimal("7.5"))
                .where(dev.clarity.migrations.jooq.Tables.PROJECTS.ID.eq(projectA))
                .execute();
        String plan = member().get("/projects/" + projectA + "/plan").body();
        assertThat(plan)
                .contains("Scope A " + suffix, "of a budget of 40 h", login)
                .doesNotContain("123.45")
                .doesNotContain("9876")
                .doesNotContain("billing-form")
                .doesNotContain("Hourly rate");
        JsonNode mine = project(member(), projectA);
        assertThat(mine.get("budgetHours").decimalValue()).isEqualByComparingTo("40");
        assertThat(mine.has("hourlyRate")).isFalse();
        assertThat(mine.has("budgetMoney")).isFalse();
        assertThat(mine.has("machineRate")).isFalse();

        HttpSession root = HttpSession.signedIn(d, "root");
        assertThat(root.get("/projects/" + projectA + "/plan").body()).contains("123.45", "9876", "billing-form");
        JsonNode admins = project(root, projectA);
        assertThat(admins.get("hourlyRate").decimalValue()).isEqualByComparingTo("123.45");
        assertThat(admins.get("budgetMoney").decimalValue()).isEqualByComparingTo("9876");
        assertThat(admins.get("machineRate").decimalValue()).isEqualByComparingTo("7.5");
    }

    private static JsonNode project(HttpSession s, long id) throws Exception {
        String url = "/api/projects?limit=200";
        while (url != null) {
            JsonNode page = JSON.readTree(s.get(url).body());
            for (JsonNode p : page.get("items")) {
                if (p.get("id").asLong() == id) {
                    return p;
                }
            }
            url = page.path("next").isTextual() ? page.get("next").asText() : null;
        }
        throw new AssertionError("project " + id + " is not listed");
    }

    @Test
    void a_team_member_cannot_open_the_log_of_an_execution_of_a_project_they_are_not_on() throws Exception {
        HttpSession s = member();
        assertThatThrownBy(() -> logSocket(s, executionB)).isInstanceOf(ExecutionException.class);
        assertThatThrownBy(() -> logSocket(s, executionC)).isInstanceOf(ExecutionException.class);
        logSocket(s, executionA).sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    void a_team_member_still_tracks_and_reads_their_own_time_on_their_project() throws Exception {
        HttpSession s = member();
        long person =
                dsl.select(PEOPLE.ID).from(PEOPLE).where(PEOPLE.LOGIN.eq(login)).fetchSingle(PEOPLE.ID);
        long record = TestDashboard.timeRecord(dsl, person, projectA, "2025-02-03T09:00:00Z");

        String time = s.get("/time").body();
        assertThat(time)
                .contains("Scope A " + suffix)
                .doesNotContain("Scope B " + suffix)
                .doesNotContain("Scope C " + suffix);
        assertThat(ids(s, "/api/time-records?limit=500")).contains(record);
        assertThat(s.get("/time/records/" + record).statusCode()).isEqualTo(200);

        HttpResponse<String> refused = s.post("/api/timers/start", Map.of("project_id", Long.toString(projectB)), true);
        assertThat(refused.statusCode()).isEqualTo(422);
        HttpResponse<String> started = s.post("/api/timers/start", Map.of("project_id", Long.toString(projectA)), true);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        assertThat(JSON.readTree(started.body()).get("outcome").asText()).isEqualTo("started");
        HttpResponse<String> stopped = s.post("/api/timers/stop", Map.of(), true);
        assertThat(JSON.readTree(stopped.body()).get("outcome").asText()).isEqualTo("stopped");
    }

    private static List<Long> ids(HttpSession s, String path) throws Exception {
        HttpResponse<String> r = s.get(path);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        JsonNode page = JSON.readTree(r.body());
        List<Long> ids = new ArrayList<>();
        page.get("items").forEach(item -> ids.add(item.get("id").asLong()));
        return ids;
    }

    private static WebSocket logSocket(HttpSession s, long execution) throws Exception {
        return HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .header("Cookie", s.cookieHeader())
                .buildAsync(
                        URI.create("ws://127.0.0.1:" + d.port() + "/ws/executions/" + execution + "/log"),
                        new WebSocket.Listener() {})
                .get(5, TimeUnit.SECONDS);
    }
}
