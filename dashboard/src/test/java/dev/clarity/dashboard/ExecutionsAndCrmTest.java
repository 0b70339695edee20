package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.AUDIT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExecutionsAndCrmTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final TestDashboard d = TestDashboard.shared();

    @Test
    void a_control_calls_the_orchestrator_and_is_written_to_the_audit_table_with_its_outcome() {
        HttpSession tom = HttpSession.signedIn(d, "tom");
        long id = d.globexExecution;
        HttpResponse<String> r = tom.post("/api/executions/" + id + "/approve", Map.of("taskId", "2.1"), true);
        assertThat(r.statusCode()).isEqualTo(409);
        assertThat(r.body()).contains("\"accepted\":false", "is not waiting for approval");
        var row = d.database
                .dsl()
                .selectFrom(AUDIT)
                .where(AUDIT.EXECUTION_ID.eq(id))
                .and(AUDIT.ACTION.eq("dashboard.approve"))
                .orderBy(AUDIT.ID.desc())
                .limit(1)
                .fetchOne();
        assertThat(row.getActor()).isEqualTo("tom");
        assertThat(row.getDetail()).isEqualTo("item 2.1: refused: Item 2.1 is not waiting for approval.");
    }

    @Test
    void an_htmx_control_answers_with_a_notice_fragment() throws Exception {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        var req = java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(d.url("/executions/" + d.globexExecution + "/tool")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("HX-Request", "true")
                .header("X-CSRF-Token", mia.csrf)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("tool=claude"))
                .build();
        var client =
                java.net.http.HttpClient.newBuilder().cookieHandler(mia.cookies).build();
        HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("class=\"notice\"", "Using claude from now on.");
    }

    @Test
    void the_live_refresh_of_the_left_panel_leaves_the_quick_start_form_and_its_answer_alone() throws Exception {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        assertThat(mia.get("/").body()).contains("id=\"quick-start\"", "id=\"start-flash\"", "id=\"left-live\"");
        String refreshed = mia.get("/partials/left").body();
        assertThat(refreshed)
                .contains("Customers")
                .doesNotContain("quick-start")
                .doesNotContain("start-flash");
    }

    @Test
    void a_client_sees_only_their_customer_in_the_api_and_the_grid_and_no_controls_or_log() throws Exception {
        HttpSession carol = HttpSession.signedIn(d, "carol");
        JsonNode list = JSON.readTree(carol.get("/api/executions").body());
        assertThat(list.get("items")).isNotEmpty();
        list.get("items").forEach(e -> assertThat(e.get("customer").asText()).isEqualTo("Globex"));
        assertThat(JSON.readTree(carol.get("/api/projects").body()).get("items"))
                .allSatisfy(p -> assertThat(p.get("customer").asText()).isEqualTo("Globex"));
        String grid = carol.get("/").body();
        assertThat(grid).contains("Globex").doesNotContain("Acme Corp").doesNotContain("Quick start");
        String detail = carol.get("/executions/" + d.globexExecution).body();
        assertThat(detail)
                .contains("https://github.com/globex/site/pull/7")
                .doesNotContain("data-log-execution")
                .doesNotContain("Emergency stop");
    }

    @Test
    void the_executions_api_pages_with_a_keyset_next_link_and_events_page_by_sequence() throws Exception {
        HttpSession root = HttpSession.signedIn(d, "root");
        JsonNode first = JSON.readTree(root.get("/api/executions?limit=1").body());
        assertThat(first.get("items")).hasSize(1);
        long topId = first.get("items").get(0).get("id").asLong();
        String next = first.get("next").asText();
        assertThat(next).isEqualTo("/api/executions?before=" + topId + "&limit=1");
        JsonNode second = JSON.readTree(root.get(next).body());
        assertThat(second.get("items").get(0).get("id").asLong()).isLessThan(topId);

        JsonNode events = JSON.readTree(root.get("/api/executions/" + d.acmeExecution + "/events?after=1&limit=2")
                .body());
        assertThat(events.get("items")).extracting(n -> n.get("seq").asLong()).containsExactly(2L, 3L);
        assertThat(events.get("next").asText())
                .isEqualTo("/api/executions/" + d.acmeExecution + "/events?after=3&limit=2");
    }

    @Test
    void the_detail_shows_the_task_tree_and_current_item() throws Exception {
        HttpSession tom = HttpSession.signedIn(d, "tom");
        JsonNode detail =
                JSON.readTree(tom.get("/api/executions/" + d.acmeExecution).body());
        assertThat(detail.get("current").get("taskId").asText()).isEqualTo("1.1");
        assertThat(detail.get("execution").get("badge").asText()).isNotBlank();
        assertThat(tom.get("/executions/" + d.acmeExecution).body())
                .contains("Current item 1.1", "Add the cart model", "data-log-execution");
    }

    @Test
    void the_current_item_shows_its_dependencies_and_criteria() throws Exception {
        d.database
                .dsl()
                .update(dev.clarity.migrations.jooq.Tables.TASK_RUNS)
                .set(dev.clarity.migrations.jooq.Tables.TASK_RUNS.DEPENDENCIES, "1.0\nPhase 0")
                .set(
                        dev.clarity.migrations.jooq.Tables.TASK_RUNS.CRITERIA,
                        "cart.total (test/cmd)\nnot machine-checked: fast")
                .where(dev.clarity.migrations.jooq.Tables.TASK_RUNS.EXECUTION_ID.eq(d.acmeExecution))
                .and(dev.clarity.migrations.jooq.Tables.TASK_RUNS.TASK_ID.eq("1.1"))
                .execute();
        String page = HttpSession.signedIn(d, "tom")
                .get("/executions/" + d.acmeExecution)
                .body();
        assertThat(page)
                .contains(
                        "depends on: 1.0, Phase 0",
                        "<li>cart.total (test/cmd)</li>",
                        "<li>not machine-checked: fast</li>");
    }

    @Test
    void the_tool_and_merge_policy_choices_are_the_ones_clarity_knows() {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        String tools =
                "<option>aider</option><option>claude</option><option>codex</option><option>ollama</option><option>command</option>";
        assertThat(mia.get("/").body())
                .contains("<select name=\"tool\"><option value=\"\">default tool</option>" + tools + "</select>");
        assertThat(HttpSession.signedIn(d, "root")
                        .get("/executions/" + d.acmeExecution)
                        .body())
                .contains("<select name=\"tool\">" + tools + "</select><button>Use tool</button>");
        String form = mia.get("/projects/new").body();
        assertThat(form)
                .contains(
                        "<option value=\"stacked\" selected>stacked</option><option value=\"auto\">auto</option>"
                                + "<option value=\"wait\">wait</option>",
                        "<option value=\"aider\">aider</option><option value=\"claude\">claude</option>"
                                + "<option value=\"codex\">codex</option><option value=\"ollama\">ollama</option><option value=\"command\">command</option>");
        HttpResponse<String> bad =
                mia.post("/projects", Map.of("name", "X", "repository", "x/y", "default_tool", "vim"), true);
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(bad.body()).contains("Default tool is one of aider, claude, codex, ollama, command, or empty.");
    }

    @Test
    void saving_a_customer_with_bad_values_shows_one_clear_message_per_field() {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        HttpResponse<String> r = mia.post("/customers", Map.of("name", " ", "slug", "Acme!"), true);
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body())
                .contains("Name is required.")
                .contains("Slug may only contain lower-case letters, digits and dashes, for example acme-corp.");
        HttpResponse<String> dup = mia.post("/customers", Map.of("name", "Other", "slug", "acme"), true);
        assertThat(dup.body()).contains("The slug \"acme\" is already used by Acme Corp.");
    }

    @Test
    void customers_and_projects_can_be_created_edited_and_archived() {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        HttpResponse<String> created = mia.post("/customers", Map.of("name", "Initech", "slug", "initech"), true);
        assertThat(created.statusCode()).isEqualTo(200);
        assertThat(created.body()).contains("Saved customer Initech.", "initech");
        long id = d.database
                .dsl()
                .select(dev.clarity.migrations.jooq.Tables.CUSTOMERS.ID)
                .from(dev.clarity.migrations.jooq.Tables.CUSTOMERS)
                .where(dev.clarity.migrations.jooq.Tables.CUSTOMERS.SLUG.eq("initech"))
                .fetchOne(dev.clarity.migrations.jooq.Tables.CUSTOMERS.ID);
        HttpResponse<String> project = mia.post(
                "/projects",
                Map.of(
                        "customer_id",
                        Long.toString(id),
                        "name",
                        "TPS",
                        "repository",
                        "initech/tps",
                        "merge_policy",
                        "auto"),
                true);
        assertThat(project.body()).contains("Saved project TPS.", "initech/tps");
        HttpResponse<String> badProject = mia.post(
                "/projects",
                Map.of("customer_id", "", "name", "X", "repository", "initech/tps", "merge_policy", "sometimes"),
                true);
        assertThat(badProject.statusCode()).isEqualTo(422);
        assertThat(badProject.body())
                .contains("Choose the customer this project belongs to.")
                .contains("already belongs to project TPS")
                .contains("Merge policy is one of stacked, auto or wait.");
        assertThat(mia.post("/customers/" + id, Map.of("name", "Initech Inc", "slug", "initech"), true)
                        .body())
                .contains("Initech Inc");
        assertThat(mia.post("/customers/" + id + "/archive", Map.of(), true).body())
                .contains("Archived.");
        assertThat(d.database
                        .dsl()
                        .fetchCount(
                                dev.clarity.migrations.jooq.Tables.PROJECTS,
                                dev.clarity.migrations.jooq.Tables.PROJECTS
                                        .REPOSITORY
                                        .eq("initech/tps")
                                        .and(dev.clarity.migrations.jooq.Tables.PROJECTS.ARCHIVED_AT.isNotNull())))
                .isEqualTo(1);
    }

    @Test
    void a_manager_cannot_create_an_admin_but_can_create_a_client_who_gets_a_one_time_password() {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        HttpResponse<String> admin = mia.post("/people", Map.of("login", "sneaky", "role", "admin"), true);
        assertThat(admin.statusCode()).isEqualTo(422);
        assertThat(admin.body()).contains("Only an admin may create or change an admin.");
        HttpResponse<String> noCustomer = mia.post("/people", Map.of("login", "newclient", "role", "client"), true);
        assertThat(noCustomer.body()).contains("A client belongs to a customer: choose one.");
        HttpResponse<String> ok = mia.post(
                "/people",
                Map.of("login", "newclient", "role", "client", "customer_id", Long.toString(d.globex)),
                true);
        assertThat(ok.statusCode()).isEqualTo(200);
        String password = ok.body().replaceAll("(?s).*One-time password: (\\S+) \\(shown only now\\).*", "$1");
        HttpSession fresh = new HttpSession(d);
        assertThat(fresh.signIn("newclient", password).statusCode()).isEqualTo(303);
    }
}
