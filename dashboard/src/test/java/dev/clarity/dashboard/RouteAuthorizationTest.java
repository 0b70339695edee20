package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
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
 * The team member (tom) is a member of the projects of Acme and Globex, and of no other project.
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
        // mia manages Globex, not Acme: Acme's execution, its controls and its API are as missing to her as unknown
        // ones
        rows.add(row("GET", "/executions/" + a, 200, 404, 200, 404, 303));
        rows.add(row("GET", "/executions/" + g, 200, 200, 200, 200, 303));
        rows.add(row("GET", "/partials/grid", 200, 200, 200, 200, 303));
        rows.add(row("GET", "/partials/left", 200, 200, 200, 200, 303));
        rows.add(row("GET", "/partials/executions/" + a, 200, 404, 200, 404, 303));
        rows.add(row("GET", "/partials/executions/" + g, 200, 200, 200, 200, 303));
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
        // mia manages Globex, not Acme: Acme's customer and project are as missing to her as unknown ones
        rows.add(row("GET", "/customers/" + d.globex, 200, 200, 403, 403, 303));
        rows.add(row("GET", "/projects/" + d.globexProject, 200, 200, 403, 403, 303));
        rows.add(row("GET", "/customers/" + d.acme, 200, 404, 403, 403, 303));
        rows.add(row("GET", "/projects/" + d.acmeProject, 200, 404, 403, 403, 303));
        rows.add(row("GET", "/keys", 200, 403, 403, 403, 303));
        rows.add(row("GET", "/contacts", 200, 200, 403, 403, 303));
        rows.add(row("POST", "/contacts", 422, 422, 403, 403, 303));
        rows.add(row("GET", "/contacts/999999999", 404, 404, 403, 403, 303));
        rows.add(row("GET", "/contacts/999999999/export.csv", 404, 404, 403, 403, 303));
        rows.add(row("POST", "/contacts/999999999/uploads", 404, 404, 403, 403, 303));
        rows.add(row("GET", "/contacts/uploads/999999999", 404, 404, 403, 403, 303));
        rows.add(row("POST", "/contacts/uploads/999999999/import", 404, 404, 403, 403, 303));
        rows.add(row("GET", "/api/contacts", 200, 200, 403, 403, 401));
        rows.add(row("GET", "/campaigns", 200, 200, 403, 403, 303));
        rows.add(row("GET", "/campaigns/new", 200, 200, 403, 403, 303));
        rows.add(row("POST", "/campaigns", 422, 422, 403, 403, 303));
        rows.add(row("GET", "/campaigns/999999999", 404, 404, 403, 403, 303));
        rows.add(row("GET", "/partials/campaigns/999999999", 404, 404, 403, 403, 303));
        rows.add(row("POST", "/campaigns/999999999/send", 404, 404, 403, 403, 303));
        rows.add(row("POST", "/campaigns/999999999/cancel", 404, 404, 403, 403, 303));
        rows.add(row("GET", "/api/campaigns", 200, 200, 403, 403, 401));
        rows.add(row("GET", "/api/campaigns/999999999", 404, 404, 403, 403, 401));
        // the unsubscribe link is public: the same answer for everyone, signed in or not
        rows.add(row("GET", "/u/AAAAAAAAAAAAAAAAAAAAAA", 404, 404, 404, 404, 404));
        rows.add(row("POST", "/u/AAAAAAAAAAAAAAAAAAAAAA", 404, 404, 404, 404, 404));
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
        // the client portal: only clients; a project of another customer is as missing as an unknown one (404)
        rows.add(row("GET", "/portal", 403, 403, 403, 200, 303));
        rows.add(row("POST", "/portal/projects/" + d.globexProject + "/messages", 403, 403, 403, 422, 303));
        rows.add(row("POST", "/portal/projects/" + d.acmeProject + "/messages", 403, 403, 403, 404, 303));
        rows.add(row("POST", "/portal/projects/999999999/messages", 403, 403, 403, 404, 303));
        rows.add(row("GET", "/projects/" + d.globexProject + "/messages", 200, 200, 403, 403, 303));
        rows.add(row("GET", "/projects/999999999/messages", 404, 404, 403, 403, 303));
        rows.add(row("POST", "/executions/" + a + "/retry", 303, 404, 303, 403, 303));
        rows.add(row("POST", "/executions/" + g + "/skip", 303, 303, 303, 403, 303));
        rows.add(row("POST", "/executions/start", 303, 303, 303, 403, 303));
        rows.add(row("GET", "/api/executions", 200, 200, 200, 200, 401));
        rows.add(row("GET", "/api/executions/" + a, 200, 404, 200, 404, 401));
        rows.add(row("GET", "/api/executions/" + g, 200, 200, 200, 200, 401));
        rows.add(row("GET", "/api/executions/" + a + "/events", 200, 404, 200, 403, 401));
        rows.add(row("GET", "/api/executions/" + g + "/events", 200, 200, 200, 403, 401));
        rows.add(row("GET", "/api/queue", 200, 200, 200, 200, 401));
        rows.add(row("GET", "/api/history", 200, 200, 200, 200, 401));
        rows.add(row("GET", "/api/stats", 200, 200, 200, 200, 401));
        rows.add(row("GET", "/api/notifications", 200, 200, 200, 200, 401));
        rows.add(row("GET", "/api/customers", 200, 200, 200, 200, 401));
        rows.add(row("GET", "/api/projects", 200, 200, 200, 200, 401));
        rows.add(row("POST", "/api/executions/" + a + "/retry", 200, 404, 200, 403, 401));
        rows.add(row("POST", "/api/executions/" + g + "/approve", 409, 409, 409, 403, 401));
        timeRoutes(rows, tom);
        anotherManagersCustomer(rows);
        // billing: admins everything; managers their customers (mia manages Globex); team members nothing; clients
        // their own customer's issued invoices, read-only
        long gi = d.globexInvoice;
        long ad = d.acmeDraft;
        rows.add(row("GET", "/invoices", 200, 200, 403, 200, 303));
        rows.add(row("GET", "/invoices/new", 200, 200, 403, 403, 303));
        rows.add(row("POST", "/invoices", 422, 422, 403, 403, 303));
        rows.add(row("GET", "/invoices/" + gi, 200, 200, 403, 200, 303));
        rows.add(row("GET", "/invoices/" + ad, 200, 404, 403, 404, 303));
        rows.add(row("GET", "/invoices/" + gi + "/pdf", 200, 200, 403, 200, 303));
        rows.add(row("GET", "/invoices/" + ad + "/pdf", 200, 404, 403, 404, 303));
        rows.add(row("POST", "/invoices/" + ad, 200, 404, 403, 403, 303));
        rows.add(row("POST", "/invoices/" + gi, 422, 422, 403, 403, 303));
        rows.add(row("POST", "/invoices/" + gi + "/issue", 422, 422, 403, 403, 303));
        rows.add(row("POST", "/invoices/999999999/pay", 404, 404, 403, 403, 303));
        rows.add(row("POST", "/invoices/" + ad + "/pay", 422, 404, 403, 403, 303));
        rows.add(row("POST", "/invoices/" + ad + "/credit-note", 422, 404, 403, 403, 303));
        rows.add(row("GET", "/reports/billable-hours", 200, 200, 403, 403, 303));
        rows.add(row("GET", "/reports/billable-hours?format=csv", 200, 200, 403, 403, 303));
        rows.add(row("GET", "/reports/billable-hours?from=2026-03-01&to=2026-01-01", 400, 400, 403, 403, 303));
        rows.add(row("GET", "/reports/billable-hours?customer=abc", 400, 400, 403, 403, 303));
        rows.add(row("GET", "/api/reports/billable-hours", 200, 200, 403, 403, 401));
        rows.add(row("GET", "/api/invoices", 200, 200, 403, 200, 401));
        rows.add(row("GET", "/api/invoices/" + gi, 200, 200, 403, 200, 401));
        rows.add(row("GET", "/api/invoices/" + ad, 200, 404, 403, 404, 401));
        rows.add(row("GET", "/settings/quickbooks", 200, 403, 403, 403, 303));
        rows.add(row("GET", "/settings/quickbooks/connect", 303, 403, 403, 403, 303));
        rows.add(row("GET", "/settings/quickbooks/callback?state=forged&code=x&realmId=1", 400, 403, 403, 403, 303));
        rows.add(row("POST", "/settings/quickbooks/sync", 200, 403, 403, 403, 303));
        rows.add(row("GET", "/settings/billing", 200, 403, 403, 403, 303));
        // an empty body names no currency: refused (422), nothing changed
        rows.add(row("POST", "/settings/billing", 422, 403, 403, 403, 303));
        rows.add(row("POST", "/webhooks/quickbooks", 401, 401, 401, 401, 401));
        return rows.stream();
    }

    /**
     * The time, plan and rate routes. Mia manages Globex, not Acme: she may change Tom's time on Globex's project,
     * not on Acme's. Bodies are empty, so a permitted write is refused for its values (422) and changes nothing.
     */
    private static void timeRoutes(List<Arguments> rows, long tom) {
        var dsl = d.database.dsl();
        long mia = d.feature.accounts().list().stream()
                .filter(p -> p.login().equals("mia"))
                .findFirst()
                .orElseThrow()
                .id();
        dsl.update(CUSTOMERS)
                .set(CUSTOMERS.MANAGER_ID, mia)
                .where(CUSTOMERS.ID.eq(d.globex))
                .execute();
        long onGlobex = TestDashboard.timeRecord(dsl, tom, d.globexProject, "2025-01-06T09:00:00Z");
        long onAcme = TestDashboard.timeRecord(dsl, tom, d.acmeProject, "2025-01-06T11:00:00Z");
        rows.add(row("GET", "/time", 200, 200, 200, 403, 303));
        for (String action : List.of("start", "pause", "resume", "stop")) {
            rows.add(row("POST", "/time/timer/" + action, 422, 422, 422, 403, 303));
            rows.add(row("POST", "/api/timers/" + action, 422, 422, 422, 403, 401));
        }
        rows.add(row("POST", "/time/records", 422, 422, 422, 403, 303));
        rows.add(row("GET", "/time/records/" + onGlobex, 200, 200, 200, 403, 303));
        rows.add(row("GET", "/time/records/" + onAcme, 200, 403, 200, 403, 303));
        rows.add(row("POST", "/time/records/" + onAcme, 422, 403, 422, 403, 303));
        rows.add(row("GET", "/time/records/999999999", 404, 404, 404, 403, 303));
        rows.add(row("POST", "/time/records/999999999", 404, 404, 404, 403, 303));
        rows.add(row("POST", "/time/records/999999999/delete", 404, 404, 404, 403, 303));
        rows.add(row("GET", "/projects/" + d.globexProject + "/plan", 200, 200, 200, 403, 303));
        rows.add(row("GET", "/projects/999999999/plan", 404, 404, 404, 403, 303));
        for (String part : List.of("billing", "milestones", "tasks", "members")) {
            rows.add(row("POST", "/projects/" + d.globexProject + "/" + part, 422, 422, 403, 403, 303));
        }
        rows.add(row("GET", "/customers/" + d.globex + "/contacts", 200, 200, 403, 403, 303));
        rows.add(row("POST", "/customers/" + d.globex + "/contacts", 422, 422, 403, 403, 303));
        rows.add(row("GET", "/customers/999999999/contacts", 404, 404, 403, 403, 303));
        rows.add(row("GET", "/rates", 200, 403, 403, 403, 303));
        rows.add(row("GET", "/audit", 200, 403, 403, 403, 303));
        rows.add(row("POST", "/rates", 422, 403, 403, 403, 303));
        rows.add(row("POST", "/rates/convert", 422, 403, 403, 403, 303));
        // names no rate: nothing of that name to delete
        rows.add(row("POST", "/rates/delete", 404, 403, 403, 403, 303));
        rows.add(row("GET", "/api/timers", 200, 200, 200, 403, 401));
        rows.add(row("GET", "/api/time-records", 200, 200, 200, 403, 401));
        rows.add(row("POST", "/api/time-records", 422, 422, 422, 403, 401));
        rows.add(row("POST", "/api/time-records/" + onGlobex, 422, 422, 422, 403, 401));
        rows.add(row("POST", "/api/time-records/" + onAcme, 422, 403, 422, 403, 401));
        rows.add(row("POST", "/api/time-records/999999999", 404, 404, 404, 403, 401));
        rows.add(row("POST", "/api/time-records/999999999/delete", 404, 404, 404, 403, 401));
    }

    /**
     * A customer managed by someone else than mia (root), with a project and a proposal: every page and API of it
     * answers mia 404, as if it did not exist, while the admin reaches it. Tom is not a member of its project: its plan
     * answers him 404 too. Bodies are empty, so a permitted write is
     * refused for its values (422) or changes nothing that other tests read; the archive rows run last for it.
     */
    private static void anotherManagersCustomer(List<Arguments> rows) {
        var dsl = d.database.dsl();
        long root = d.feature.accounts().list().stream()
                .filter(p -> p.login().equals("root"))
                .findFirst()
                .orElseThrow()
                .id();
        String suffix = Long.toString(System.nanoTime());
        long other = dsl.insertInto(CUSTOMERS)
                .set(CUSTOMERS.NAME, "Route Other " + suffix)
                .set(CUSTOMERS.SLUG, "route-other-" + suffix)
                .set(CUSTOMERS.MANAGER_ID, root)
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
        long project = TestDashboard.project(dsl, other, "Other site", "route-other/" + suffix);
        long proposal = ((dev.clarity.crm.proposals.SaveOutcome.Saved) new dev.clarity.crm.proposals.JooqProposals(
                                dsl, java.time.InstantSource.system())
                        .create(
                                other,
                                project,
                                new dev.clarity.crm.proposals.ProposalContent(
                                        "Other proposal",
                                        List.of(new dev.clarity.crm.proposals.ProposalContent.Section(
                                                "Scope", "All of it")),
                                        List.of(new dev.clarity.crm.proposals.ProposalContent.LineItem(
                                                "Design", java.math.BigDecimal.ONE, java.math.BigDecimal.TEN)),
                                        List.of(),
                                        java.time.LocalDate.now().plusDays(30)),
                                "root"))
                .id();
        rows.add(row("GET", "/customers/" + other, 200, 404, 403, 403, 303));
        rows.add(row("POST", "/customers/" + other, 422, 404, 403, 403, 303));
        rows.add(row("GET", "/customers/" + other + "/contacts", 200, 404, 403, 403, 303));
        rows.add(row("POST", "/customers/" + other + "/contacts", 422, 404, 403, 403, 303));
        rows.add(row("GET", "/projects/" + project, 200, 404, 403, 403, 303));
        rows.add(row("POST", "/projects/" + project, 422, 404, 403, 403, 303));
        rows.add(row("GET", "/projects/" + project + "/plan", 200, 404, 404, 403, 303));
        for (String part : List.of("billing", "milestones", "tasks", "members")) {
            rows.add(row("POST", "/projects/" + project + "/" + part, 422, 404, 403, 403, 303));
        }
        rows.add(row("GET", "/projects/" + project + "/budgets", 200, 404, 403, 403, 303));
        rows.add(row("POST", "/projects/" + project + "/budgets", 200, 404, 403, 403, 303));
        rows.add(row("GET", "/projects/" + project + "/messages", 200, 404, 403, 403, 303));
        rows.add(row("GET", "/proposals/" + proposal, 200, 404, 403, 403, 303));
        rows.add(row("POST", "/proposals/" + proposal, 422, 404, 403, 403, 303));
        rows.add(row("POST", "/proposals/" + proposal + "/send", 422, 404, 403, 403, 303));
        rows.add(row("POST", "/proposals/" + proposal + "/revoke", 303, 404, 403, 403, 303));
        rows.add(row("GET", "/api/proposals/" + proposal, 200, 404, 403, 403, 401));
        otherManagersExecution(rows, project);
        rows.add(row("POST", "/projects/" + project + "/archive", 200, 404, 403, 403, 303));
        rows.add(row("POST", "/customers/" + other + "/archive", 200, 404, 403, 403, 303));
    }

    /**
     * An execution of that other customer's project: its page, its log and every control (browser and API) answer mia
     * and tom (not a member of the project) 404, while admins reach them. Bodies name no item, so the controls that
     * need one are refused for that (the browser is sent back, 303; the API answers 409) and change nothing.
     */
    private static void otherManagersExecution(List<Arguments> rows, long project) {
        long execution = ((dev.clarity.dashboard.controls.ControlOutcome.Accepted)
                        d.controls.start(new dev.clarity.dashboard.controls.StartRequest(
                                project,
                                new dev.clarity.dashboard.controls.Actor("root", "cli"),
                                null,
                                null,
                                null,
                                null,
                                null)))
                .executionId();
        rows.add(row("GET", "/executions/" + execution, 200, 404, 404, 404, 303));
        rows.add(row("GET", "/partials/executions/" + execution, 200, 404, 404, 404, 303));
        rows.add(row("GET", "/api/executions/" + execution, 200, 404, 404, 404, 401));
        rows.add(row("GET", "/api/executions/" + execution + "/events", 200, 404, 404, 403, 401));
        for (String control : List.of("stop-after", "skip", "approve", "take", "release", "tool")) {
            rows.add(row("POST", "/executions/" + execution + "/" + control, 303, 404, 404, 403, 303));
            rows.add(row("POST", "/api/executions/" + execution + "/" + control, 409, 404, 404, 403, 401));
        }
        for (String control : List.of("retry", "resume", "stop")) {
            rows.add(row("POST", "/executions/" + execution + "/" + control, 303, 404, 404, 403, 303));
        }
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
