package dev.clarity.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every role against every route: one row per route with the status expected for admin, manager, team member,
 * client (of Globex) and an anonymous visitor. Pages send anonymous visitors to /login (303); the API answers 401.
 */
class RouteAuthorizationTest {
    private static final List<String> ROLES = List.of("root", "mia", "tom", "carol", "anonymous");
    private static TestDashboard d;
    private static final Map<String, HttpSession> sessions = new LinkedHashMap<>();

    @BeforeAll
    static void signInEveryRole() {
        d = TestDashboard.shared();
        for (String login : ROLES) {
            sessions.put(login, login.equals("anonymous") ? new HttpSession(d) : HttpSession.signedIn(d, login));
        }
    }

    static Stream<Arguments> routes() {
        d = TestDashboard.shared();
        long a = d.acmeExecution;
        long g = d.globexExecution;
        List<Arguments> rows = new ArrayList<>();
        // method, path, admin, manager, team_member, client, anonymous
        rows.add(row("GET", "/", 200, 200, 200, 200, 303));
        rows.add(row("GET", "/executions/" + a, 200, 200, 200, 404, 303));
        rows.add(row("GET", "/executions/" + g, 200, 200, 200, 200, 303));
        rows.add(row("GET", "/partials/grid", 200, 200, 200, 200, 303));
        rows.add(row("GET", "/partials/left", 200, 200, 200, 200, 303));
        rows.add(row("GET", "/partials/executions/" + a, 200, 200, 200, 404, 303));
        rows.add(row("GET", "/partials/notifications", 200, 200, 200, 200, 303));
        rows.add(row("GET", "/queue", 200, 200, 200, 200, 303));
        rows.add(row("GET", "/history", 200, 200, 200, 200, 303));
        rows.add(row("GET", "/stats", 200, 200, 200, 200, 303));
        rows.add(row("GET", "/notifications", 200, 200, 200, 200, 303));
        rows.add(row("GET", "/account", 200, 200, 200, 200, 303));
        rows.add(row("GET", "/account/password", 200, 200, 200, 200, 303));
        rows.add(row("POST", "/account/password", 422, 422, 422, 422, 303));
        long tom = d.feature.accounts().list().stream()
                .filter(p -> p.login().equals("tom"))
                .findFirst()
                .orElseThrow()
                .id();
        rows.add(row("GET", "/people/" + tom + "/tokens", 200, 403, 403, 403, 303));
        rows.add(row("POST", "/people/" + tom + "/tokens/999999999/revoke", 404, 403, 403, 403, 303));
        for (String kind : List.of("customers", "projects", "people")) {
            rows.add(row("GET", "/" + kind, 200, 200, 200, 403, 303));
            rows.add(row("GET", "/" + kind + "/new", 200, 200, 403, 403, 303));
            rows.add(row("POST", "/" + kind, 422, 422, 403, 403, 303));
        }
        rows.add(row("GET", "/customers/" + d.acme, 200, 200, 403, 403, 303));
        rows.add(row("GET", "/projects/" + d.acmeProject, 200, 200, 403, 403, 303));
        rows.add(row("GET", "/keys", 200, 403, 403, 403, 303));
        rows.add(row("GET", "/contacts", 200, 200, 403, 403, 303));
        rows.add(row("POST", "/contacts", 422, 422, 403, 403, 303));
        rows.add(row("GET", "/contacts/999999999", 404, 404, 403, 403, 303));
        rows.add(row("GET", "/contacts/999999999/export.csv", 404, 404, 403, 403, 303));
        rows.add(row("POST", "/contacts/999999999/uploads", 404, 404, 403, 403, 303));
        rows.add(row("GET", "/contacts/uploads/999999999", 404, 404, 403, 403, 303));
        rows.add(row("POST", "/contacts/uploads/999999999/import", 404, 404, 403, 403, 303));
        rows.add(row("GET", "/api/contacts", 200, 200, 403, 403, 401));
        rows.add(row("GET", "/projects/" + d.globexProject + "/budgets", 200, 200, 403, 403, 303));
        rows.add(row("POST", "/projects/" + d.globexProject + "/budgets", 200, 200, 403, 403, 303));
        rows.add(row("GET", "/projects/999999999/budgets", 404, 404, 403, 403, 303));
        rows.add(row("POST", "/keys", 422, 403, 403, 403, 303));
        rows.add(row("POST", "/keys/999999999/delete", 404, 403, 403, 403, 303));
        rows.add(row("GET", "/proposals", 200, 200, 403, 403, 303));
        rows.add(row("GET", "/proposals/new", 200, 200, 403, 403, 303));
        rows.add(row("POST", "/proposals", 422, 422, 403, 403, 303));
        rows.add(row("GET", "/proposals/999999999", 404, 404, 403, 403, 303));
        rows.add(row("POST", "/proposals/999999999", 404, 404, 403, 403, 303));
        rows.add(row("POST", "/proposals/999999999/send", 404, 404, 403, 403, 303));
        rows.add(row("POST", "/proposals/999999999/revoke", 404, 404, 403, 403, 303));
        rows.add(row("GET", "/api/proposals", 200, 200, 403, 403, 401));
        rows.add(row("GET", "/api/proposals/999999999", 404, 404, 403, 403, 401));
        // the client's page needs no account: the same answer for everyone, decided by the link alone
        String unknownLink = "/p/" + "x".repeat(43);
        rows.add(row("GET", unknownLink, 404, 404, 404, 404, 404));
        rows.add(row("GET", "/p/short", 404, 404, 404, 404, 404));
        rows.add(row("POST", unknownLink + "/accept", 403, 403, 403, 403, 403));
        rows.add(row("POST", unknownLink + "/decline", 403, 403, 403, 403, 403));
        rows.add(row("POST", "/executions/" + a + "/retry", 303, 303, 303, 403, 303));
        rows.add(row("POST", "/executions/" + g + "/skip", 303, 303, 303, 403, 303));
        rows.add(row("POST", "/executions/start", 303, 303, 303, 403, 303));
        rows.add(row("GET", "/api/executions", 200, 200, 200, 200, 401));
        rows.add(row("GET", "/api/executions/" + a, 200, 200, 200, 404, 401));
        rows.add(row("GET", "/api/executions/" + g, 200, 200, 200, 200, 401));
        rows.add(row("GET", "/api/executions/" + a + "/events", 200, 200, 200, 403, 401));
        rows.add(row("GET", "/api/executions/" + g + "/events", 200, 200, 200, 403, 401));
        rows.add(row("GET", "/api/queue", 200, 200, 200, 200, 401));
        rows.add(row("GET", "/api/history", 200, 200, 200, 200, 401));
        rows.add(row("GET", "/api/stats", 200, 200, 200, 200, 401));
        rows.add(row("GET", "/api/notifications", 200, 200, 200, 200, 401));
        rows.add(row("GET", "/api/customers", 200, 200, 200, 200, 401));
        rows.add(row("GET", "/api/projects", 200, 200, 200, 200, 401));
        rows.add(row("POST", "/api/executions/" + a + "/retry", 200, 200, 200, 403, 401));
        return rows.stream();
    }

    private static Arguments row(String method, String path, int... expected) {
        return Arguments.of(method, path, expected);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("routes")
    void each_role_gets_the_expected_status_on_each_route(String method, String path, int[] expected) {
        Map<String, Integer> actual = new LinkedHashMap<>();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        for (int i = 0; i < ROLES.size(); i++) {
            HttpSession s = sessions.get(ROLES.get(i));
            HttpResponse<String> r = method.equals("GET") ? s.get(path) : s.post(path, Map.of(), true);
            actual.put(ROLES.get(i), r.statusCode());
            wanted.put(ROLES.get(i), expected[i]);
        }
        assertThat(actual).as(method + " " + path).isEqualTo(wanted);
    }
}
