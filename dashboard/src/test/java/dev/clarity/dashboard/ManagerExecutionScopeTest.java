package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
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
 * A manager reaches the executions of the customers they manage, and no others: lists, pages, notices, statistics,
 * controls, the log socket and the start of a new execution leave another manager's customer out or answer 404,
 * and change nothing. An admin still reaches every execution (a team member reaches those of the projects they are a
 * member of: {@link TeamMemberScopeTest}). Names are unique per run: the dashboard is shared.
 */
class ManagerExecutionScopeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDashboard d;
    private static DSLContext dsl;
    private static String suffix;
    private static long theirs;
    private static long myProject;
    private static long theirProject;
    private static long myExecution;
    private static long theirExecution;

    @BeforeAll
    static void anExecutionOfMiasCustomerAndOneOfAnotherManagersCustomer() {
        d = TestDashboard.shared();
        dsl = d.database.dsl();
        suffix = Long.toString(System.nanoTime());
        long mine = customer("Exec Mine " + suffix, "exec-mine-" + suffix, person("mia"));
        theirs = customer("Exec Theirs " + suffix, "exec-theirs-" + suffix, person("root"));
        myProject = TestDashboard.project(dsl, mine, "Mine app " + suffix, "exec-mine/" + suffix);
        theirProject = TestDashboard.project(dsl, theirs, "Theirs app " + suffix, "exec-theirs/" + suffix);
        myExecution = d.failedExecution(myProject);
        theirExecution = d.failedExecution(theirProject);
    }

    private static long person(String login) {
        return dsl.select(PEOPLE.ID).from(PEOPLE).where(PEOPLE.LOGIN.eq(login)).fetchSingle(PEOPLE.ID);
    }

    private static long customer(String name, String slug, long manager) {
        return dsl.insertInto(CUSTOMERS)
                .set(CUSTOMERS.NAME, name)
                .set(CUSTOMERS.SLUG, slug)
                .set(CUSTOMERS.MANAGER_ID, manager)
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
    }

    @Test
    void a_manager_lists_only_the_executions_of_customers_they_manage_while_admins_list_all() throws Exception {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        for (String api : List.of("/api/executions?limit=200", "/api/history?limit=200", "/api/notifications")) {
            assertThat(ids(mia, api)).as(api).contains(myExecution).doesNotContain(theirExecution);
        }
        assertThat(ids(HttpSession.signedIn(d, "root"), "/api/executions?limit=200"))
                .contains(myExecution, theirExecution);
        for (String page : List.of("/", "/history", "/notifications", "/partials/notifications")) {
            assertThat(mia.get(page).body())
                    .as(page)
                    .contains("Mine app " + suffix)
                    .doesNotContain("Theirs app " + suffix);
        }
        assertThat(mia.get("/api/stats").body()).doesNotContain("Exec Theirs " + suffix);
        assertThat(HttpSession.signedIn(d, "root").get("/history").body()).contains("Theirs app " + suffix);
    }

    @Test
    void a_control_on_another_managers_execution_answers_404_and_changes_nothing() {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        int calls = d.controls.calls.size();
        for (String control : List.of("stop", "resume", "retry")) {
            assertThat(mia.post("/executions/" + theirExecution + "/" + control, Map.of(), true)
                            .statusCode())
                    .as(control)
                    .isEqualTo(404);
            assertThat(mia.post("/api/executions/" + theirExecution + "/" + control, Map.of(), true)
                            .statusCode())
                    .as("api " + control)
                    .isEqualTo(404);
        }
        assertThat(mia.post("/executions/" + theirExecution + "/skip", Map.of("taskId", "1.1"), true)
                        .statusCode())
                .isEqualTo(404);
        assertThat(mia.post("/notifications/" + theirExecution + "/dismiss", Map.of(), true)
                        .statusCode())
                .isEqualTo(404);
        assertThat(d.controls.calls.subList(calls, d.controls.calls.size()))
                .noneMatch(c -> c.contains(Long.toString(theirExecution)));
        assertThat(d.badge(theirExecution)).isEqualTo("FAILED");

        assertThat(mia.post("/executions/" + myExecution + "/resume", Map.of(), true)
                        .statusCode())
                .isEqualTo(303);
        assertThat(d.controls.calls).contains("resume " + myExecution);
    }

    @Test
    void a_manager_cannot_start_an_execution_of_another_managers_project() {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        int before = dsl.fetchCount(EXECUTIONS, EXECUTIONS.PROJECT_ID.eq(theirProject));
        assertThat(mia.post("/executions/start", Map.of("projectId", Long.toString(theirProject)), true)
                        .statusCode())
                .isEqualTo(404);
        assertThat(dsl.fetchCount(EXECUTIONS, EXECUTIONS.PROJECT_ID.eq(theirProject)))
                .isEqualTo(before);
        assertThat(mia.post("/executions/start", Map.of("projectId", Long.toString(myProject)), true)
                        .statusCode())
                .isEqualTo(303);
        assertThat(dsl.fetchCount(EXECUTIONS, EXECUTIONS.PROJECT_ID.eq(myProject)))
                .isEqualTo(2);
    }

    @Test
    void a_manager_cannot_open_the_log_of_another_managers_execution() throws Exception {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        assertThatThrownBy(() -> logSocket(mia, theirExecution)).isInstanceOf(ExecutionException.class);
        logSocket(mia, myExecution).sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
    }

    @Test
    void a_manager_cannot_make_a_client_of_another_managers_customer() {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        String login = "exec-client-" + suffix;
        var refused = mia.post(
                "/people", Map.of("login", login, "role", "client", "customer_id", Long.toString(theirs)), true);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("A client belongs to a customer: choose one.");
        assertThat(dsl.fetchExists(PEOPLE, PEOPLE.LOGIN.eq(login))).isFalse();

        var rootSaved = HttpSession.signedIn(d, "root")
                .post("/people", Map.of("login", login, "role", "client", "customer_id", Long.toString(theirs)), true);
        assertThat(rootSaved.statusCode()).isLessThan(400);
        assertThat(dsl.fetchExists(PEOPLE, PEOPLE.LOGIN.eq(login))).isTrue();
    }

    private static List<Long> ids(HttpSession s, String path) throws Exception {
        JsonNode page = JSON.readTree(s.get(path).body());
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
