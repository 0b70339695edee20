package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A manager reaches the customers whose manager they are, and those customers' projects, proposals and messages:
 * lists leave the others out (in SQL, so API pages stay full), forms offer only theirs, and a manager's new customer
 * is theirs. A new project's manager defaults to its customer's. Names are unique per run: the dashboard is shared.
 */
class ManagerScopeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TestDashboard d;
    private static DSLContext dsl;
    private static String suffix;
    private static long mia;
    private static long root;
    private static long mine;
    private static long theirs;
    private static long myProject;
    private static long theirProject;

    @BeforeAll
    static void twoCustomersWithDifferentManagers() {
        d = TestDashboard.shared();
        dsl = d.database.dsl();
        suffix = Long.toString(System.nanoTime());
        mia = person("mia");
        root = person("root");
        mine = customer("Scope Mine " + suffix, "scope-mine-" + suffix, mia);
        theirs = customer("Scope Theirs " + suffix, "scope-theirs-" + suffix, root);
        myProject = TestDashboard.project(dsl, mine, "Mine site " + suffix, "scope-mine/" + suffix);
        theirProject = TestDashboard.project(dsl, theirs, "Theirs site " + suffix, "scope-theirs/" + suffix);
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
    void a_manager_lists_only_the_customers_and_projects_they_manage_while_an_admin_lists_all() {
        HttpSession miaSession = HttpSession.signedIn(d, "mia");
        HttpSession rootSession = HttpSession.signedIn(d, "root");

        assertThat(miaSession.get("/customers").body())
                .contains("Scope Mine " + suffix)
                .doesNotContain("Scope Theirs " + suffix);
        assertThat(miaSession.get("/projects").body())
                .contains("Mine site " + suffix)
                .doesNotContain("Theirs site " + suffix);
        assertThat(miaSession.get("/projects/new").body())
                .contains("Scope Mine " + suffix)
                .doesNotContain("Scope Theirs " + suffix);
        assertThat(miaSession.get("/proposals/new").body())
                .contains("Scope Mine " + suffix)
                .doesNotContain("Scope Theirs " + suffix);
        assertThat(rootSession.get("/customers").body()).contains("Scope Mine " + suffix, "Scope Theirs " + suffix);
        assertThat(rootSession.get("/projects").body()).contains("Mine site " + suffix, "Theirs site " + suffix);
    }

    @Test
    void the_api_lists_only_what_a_manager_reaches_and_every_page_but_the_last_is_full() throws Exception {
        HttpSession miaSession = HttpSession.signedIn(d, "mia");

        JsonNode customers = JSON.readTree(miaSession.get("/api/customers").body());
        List<Long> customerIds = new ArrayList<>();
        customers.get("items").forEach(c -> customerIds.add(c.get("id").asLong()));
        assertThat(customerIds).contains(mine, d.globex).doesNotContain(theirs, d.acme);

        List<Long> projectIds = new ArrayList<>();
        String next = "/api/projects?limit=1";
        int pages = 0;
        while (next != null && pages++ < 1000) {
            JsonNode page = JSON.readTree(miaSession.get(next).body());
            next = page.get("next").isNull() ? null : page.get("next").asText();
            if (next != null) {
                assertThat(page.get("items"))
                        .as("a page that is not the last is full")
                        .hasSize(1);
            }
            page.get("items").forEach(p -> projectIds.add(p.get("id").asLong()));
        }
        assertThat(projectIds).contains(myProject, d.globexProject).doesNotContain(theirProject, d.acmeProject);
    }

    @Test
    void a_manager_cannot_put_a_project_under_a_customer_they_do_not_manage() {
        HttpSession miaSession = HttpSession.signedIn(d, "mia");
        String repository = "scope-refused/" + suffix;

        HttpResponse<String> refused = miaSession.post("/projects", project(theirs, repository, ""), true);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Choose the customer this project belongs to.");
        assertThat(dsl.fetchExists(PROJECTS, PROJECTS.REPOSITORY.eq(repository)))
                .isFalse();
    }

    @Test
    void a_customer_a_manager_creates_is_theirs_unless_the_form_names_another_manager() {
        HttpSession miaSession = HttpSession.signedIn(d, "mia");

        assertThat(miaSession.get("/customers/new").body()).contains("<option value=\"" + mia + "\" selected");
        HttpResponse<String> saved = miaSession.post(
                "/customers", Map.of("name", "Scope New " + suffix, "slug", "scope-new-" + suffix), true);
        miaSession.post(
                "/customers",
                Map.of(
                        "name",
                        "Scope Handed " + suffix,
                        "slug",
                        "scope-handed-" + suffix,
                        "manager_id",
                        Long.toString(root)),
                true);

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(managerOfCustomer("scope-new-" + suffix)).isEqualTo(mia);
        long created = dsl.select(CUSTOMERS.ID)
                .from(CUSTOMERS)
                .where(CUSTOMERS.SLUG.eq("scope-new-" + suffix))
                .fetchSingle(CUSTOMERS.ID);
        HttpResponse<String> edited = miaSession.post(
                "/customers/" + created,
                Map.of("name", "Scope Renamed " + suffix, "slug", "scope-new-" + suffix, "manager_id", ""),
                true);
        assertThat(edited.statusCode()).isEqualTo(200);
        assertThat(managerOfCustomer("scope-new-" + suffix))
                .as("saving with no manager chosen keeps the manager who saves it")
                .isEqualTo(mia);
        assertThat(managerOfCustomer("scope-handed-" + suffix)).isEqualTo(root);
        assertThat(miaSession.get("/customers").body())
                .contains("Scope Renamed " + suffix)
                .doesNotContain("Scope Handed " + suffix);
    }

    @Test
    void a_new_project_takes_its_customers_manager_unless_the_form_names_another_person() {
        HttpSession rootSession = HttpSession.signedIn(d, "root");
        String defaulted = "scope-defaulted/" + suffix;
        String chosen = "scope-chosen/" + suffix;

        assertThat(rootSession
                        .post("/projects", project(mine, defaulted, ""), true)
                        .statusCode())
                .isEqualTo(200);
        assertThat(rootSession
                        .post("/projects", project(mine, chosen, Long.toString(root)), true)
                        .statusCode())
                .isEqualTo(200);

        assertThat(managerOfProject(defaulted)).isEqualTo(mia);
        assertThat(managerOfProject(chosen)).isEqualTo(root);
        // the scope follows the customer's manager, not the project's: mia still reaches the project root manages
        HttpSession miaSession = HttpSession.signedIn(d, "mia");
        long chosenId = dsl.select(PROJECTS.ID)
                .from(PROJECTS)
                .where(PROJECTS.REPOSITORY.eq(chosen))
                .fetchSingle(PROJECTS.ID);
        assertThat(miaSession.get("/projects/" + chosenId + "/plan").statusCode())
                .isEqualTo(200);
    }

    private static Map<String, String> project(long customer, String repository, String manager) {
        Map<String, String> form = new HashMap<>();
        form.put("customer_id", Long.toString(customer));
        form.put("name", repository);
        form.put("repository", repository);
        form.put("merge_policy", "stacked");
        form.put("manager_id", manager);
        return form;
    }

    private static Long managerOfCustomer(String slug) {
        return dsl.select(CUSTOMERS.MANAGER_ID)
                .from(CUSTOMERS)
                .where(CUSTOMERS.SLUG.eq(slug))
                .fetchSingle(CUSTOMERS.MANAGER_ID);
    }

    private static Long managerOfProject(String repository) {
        return dsl.select(PROJECTS.MANAGER_ID)
                .from(PROJECTS)
                .where(PROJECTS.REPOSITORY.eq(repository))
                .fetchSingle(PROJECTS.MANAGER_ID);
    }

    @Test
    void another_customers_client_is_out_of_a_managers_and_a_team_members_reach_while_colleagues_stay_listed() {
        String myClient = "scope-client-mine-" + suffix;
        String theirClient = "scope-client-theirs-" + suffix;
        d.account(myClient, "client", "scope-mine-" + suffix);
        d.account(theirClient, "client", "scope-theirs-" + suffix);
        long theirClientId = person(theirClient);
        long myClientId = person(myClient);
        String member = "scope-people-member-" + suffix;
        d.account(member, "team_member", null);
        TestDashboard.member(dsl, member, myProject);

        HttpSession miaSession = HttpSession.signedIn(d, "mia");
        assertThat(miaSession.get("/people").body())
                .contains(myClient, "Scope Mine " + suffix, "tom", "root")
                .doesNotContain(theirClient)
                .doesNotContain("Scope Theirs " + suffix);
        assertThat(miaSession.get("/people/" + myClientId).statusCode()).isEqualTo(200);
        assertThat(miaSession.get("/people/" + theirClientId).statusCode()).isEqualTo(404);
        HttpResponse<String> edit = miaSession.post(
                "/people/" + theirClientId,
                Map.of("login", theirClient, "role", "team_member", "customer_id", ""),
                true);
        assertThat(edit.statusCode()).isEqualTo(404);
        assertThat(miaSession
                        .post("/people/" + theirClientId + "/archive", Map.of(), true)
                        .statusCode())
                .isEqualTo(404);
        assertThat(dsl.select(PEOPLE.ROLE, PEOPLE.ARCHIVED_AT)
                        .from(PEOPLE)
                        .where(PEOPLE.ID.eq(theirClientId))
                        .fetchSingle())
                .satisfies(r -> {
                    assertThat(r.value1()).isEqualTo("client");
                    assertThat(r.value2()).isNull();
                });

        assertThat(HttpSession.signedIn(d, member).get("/people").body())
                .contains(myClient, "mia")
                .doesNotContain(theirClient);
        assertThat(HttpSession.signedIn(d, "root").get("/people").body()).contains(myClient, theirClient);
    }
}
