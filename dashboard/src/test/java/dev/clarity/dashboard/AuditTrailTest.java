package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.AUDIT;
import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every change made through the dashboard leaves exactly one audit row, naming who did what to which target; a refused
 * change leaves none. Each step drives the route over HTTP the way a browser does, then reads the rows written about
 * that target since the step began.
 */
class AuditTrailTest {
    private static TestDashboard d;
    private static HttpSession mia;
    private static HttpSession root;

    @BeforeAll
    static void signIn() {
        d = TestDashboard.shared();
        mia = HttpSession.signedIn(d, "mia");
        root = HttpSession.signedIn(d, "root");
    }

    /** One audit row as a test compares it. */
    record Row(String actor, String action, String detail) {}

    private static long mark() {
        Long max = d.database.dsl().select(DSL.max(AUDIT.ID)).from(AUDIT).fetchOne(DSL.max(AUDIT.ID));
        return max == null ? 0 : max;
    }

    private static List<Row> since(long mark, String targetType, Object targetId) {
        return d.database
                .dsl()
                .select(AUDIT.ACTOR, AUDIT.ACTION, AUDIT.DETAIL)
                .from(AUDIT)
                .where(AUDIT.ID.gt(mark))
                .and(AUDIT.TARGET_TYPE.eq(targetType))
                .and(AUDIT.TARGET_ID.eq(String.valueOf(targetId)))
                .orderBy(AUDIT.ID)
                .fetch(r -> new Row(r.value1(), r.value2(), r.value3()));
    }

    private static void assertOneRow(long mark, String targetType, Object targetId, String actor, String action) {
        assertThat(since(mark, targetType, targetId))
                .extracting(Row::actor, Row::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(actor, action));
    }

    private static long idFromLocation(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(303);
        String location = r.headers().firstValue("Location").orElseThrow();
        String tail = location.substring(location.lastIndexOf('/') + 1);
        return Long.parseLong(tail.contains("?") ? tail.substring(0, tail.indexOf('?')) : tail);
    }

    @Test
    void creating_a_list_uploading_and_importing_contacts_each_write_one_row_and_the_import_gives_its_counts() {
        long m = mark();
        long list = idFromLocation(mia.post("/contacts", Map.of("name", "Audit list " + System.nanoTime()), true));
        assertOneRow(m, "contact_list", list, "mia", "contacts.list-created");

        m = mark();
        String csv = "email,name\nana@audit.example,Ana\nnot-an-address,Bo\n";
        HttpResponse<String> uploaded = mia.upload(
                "/contacts/" + list + "/uploads", "file", "people.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(uploaded.statusCode()).isEqualTo(303);
        assertOneRow(m, "contact_list", list, "mia", "contacts.uploaded");
        assertThat(since(m, "contact_list", list).getFirst().detail()).contains("people.csv");

        String mapping = uploaded.headers().firstValue("Location").orElseThrow();
        String upload = mapping.substring(mapping.lastIndexOf('/') + 1);
        m = mark();
        assertThat(mia.post("/contacts/uploads/" + upload + "/import", Map.of("email", "email", "name", "name"), true)
                        .statusCode())
                .isEqualTo(303);
        assertOneRow(m, "contact_list", list, "mia", "contacts.imported");
        assertThat(since(m, "contact_list", list).getFirst().detail()).contains("1 saved, 1 skipped");

        m = mark();
        HttpResponse<String> again =
                mia.post("/contacts/uploads/" + upload + "/import", Map.of("email", "email", "name", "name"), true);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(since(m, "contact_list", list)).isEmpty();
    }

    @Test
    void a_campaign_created_scheduled_and_cancelled_writes_one_row_per_step_and_a_refused_step_writes_none() {
        long list = CampaignPagesTest.listWith(
                mia, "Audit campaign " + System.nanoTime(), "email,name\nbo@audit.example,Bo\n", "Imported 1");
        long m = mark();
        long campaign = CampaignPagesTest.draft(mia, list, "Audit " + System.nanoTime());
        assertOneRow(m, "campaign", campaign, "mia", "campaign.created");
        assertThat(since(m, "campaign", campaign).getFirst().detail()).doesNotContain("winter offer");

        m = mark();
        assertThat(mia.post("/campaigns/" + campaign + "/send", Map.of(), true).statusCode())
                .isEqualTo(303);
        assertOneRow(m, "campaign", campaign, "mia", "campaign.scheduled");

        m = mark();
        assertThat(mia.post("/campaigns/" + campaign + "/send", Map.of(), true).statusCode())
                .isEqualTo(409);
        assertThat(since(m, "campaign", campaign)).isEmpty();

        m = mark();
        assertThat(root.post("/campaigns/" + campaign + "/cancel", Map.of(), true)
                        .statusCode())
                .isEqualTo(303);
        assertOneRow(m, "campaign", campaign, "root", "campaign.cancelled");
    }

    @Test
    void a_customer_its_contact_and_its_archiving_are_each_audited() {
        String slug = "audit-" + System.nanoTime();
        long m = mark();
        assertThat(mia.post("/customers", Map.of("name", "Audit Co", "slug", slug), true)
                        .statusCode())
                .isEqualTo(200);
        long customer = d.database
                .dsl()
                .select(CUSTOMERS.ID)
                .from(CUSTOMERS)
                .where(CUSTOMERS.SLUG.eq(slug))
                .fetchOne(CUSTOMERS.ID);
        assertOneRow(m, "customer", customer, "mia", "customer.created");

        m = mark();
        mia.post("/customers/" + customer, Map.of("name", "Audit Company", "slug", slug), true);
        assertOneRow(m, "customer", customer, "mia", "customer.edited");

        m = mark();
        assertThat(mia.post(
                                "/customers/" + customer + "/contacts",
                                Map.of("contact_name", "Ana Audit", "contact_email", "ana@audit.example"),
                                true)
                        .statusCode())
                .isEqualTo(200);
        assertOneRow(m, "customer", customer, "mia", "customer.contact-added");

        m = mark();
        mia.post("/customers/" + customer + "/contacts", Map.of("contact_name", " "), true);
        assertThat(since(m, "customer", customer)).isEmpty();

        m = mark();
        mia.post("/customers/" + customer + "/archive", Map.of(), true);
        assertOneRow(m, "customer", customer, "mia", "customer.archived");
    }

    @Test
    void a_project_and_each_change_to_its_plan_are_audited() {
        String repository = "audit/p" + System.nanoTime();
        long m = mark();
        assertThat(mia.post(
                                "/projects",
                                Map.of(
                                        "customer_id",
                                        Long.toString(d.globex),
                                        "name",
                                        "Audit project",
                                        "repository",
                                        repository,
                                        "merge_policy",
                                        "auto"),
                                true)
                        .body())
                .contains("Saved project Audit project.");
        long project = d.database
                .dsl()
                .select(PROJECTS.ID)
                .from(PROJECTS)
                .where(PROJECTS.REPOSITORY.eq(repository))
                .fetchOne(PROJECTS.ID);
        assertOneRow(m, "project", project, "mia", "project.created");

        String[][] steps = {
            {"/billing", "hourly_rate", "90", "rounding", "none", "project.billing"},
            {"/milestones", "milestone_name", "Launch", "due_on", "", "project.milestone-added"},
            {"/tasks", "task_name", "Checkout", "milestone_id", "", "project.task-added"},
            {"/members", "member_login", "tom", "member_rate", "80", "project.member-set"},
        };
        for (String[] step : steps) {
            m = mark();
            HttpResponse<String> r =
                    mia.post("/projects/" + project + step[0], Map.of(step[1], step[2], step[3], step[4]), true);
            assertThat(r.statusCode()).as(step[0] + ": " + r.body()).isLessThan(400);
            assertOneRow(m, "project", project, "mia", step[5]);
        }

        m = mark();
        mia.post("/projects/" + project + "/members", Map.of("member_login", "nobody-here"), true);
        assertThat(since(m, "project", project)).isEmpty();

        m = mark();
        mia.post("/projects/" + project + "/archive", Map.of(), true);
        assertOneRow(m, "project", project, "mia", "project.archived");
    }

    @Test
    void a_mail_preference_an_exchange_rate_and_a_portal_message_are_audited_without_the_message_text() {
        HttpSession tom = HttpSession.signedIn(d, "tom");
        long tomId = d.database
                .dsl()
                .select(dev.clarity.migrations.jooq.Tables.PEOPLE.ID)
                .from(dev.clarity.migrations.jooq.Tables.PEOPLE)
                .where(dev.clarity.migrations.jooq.Tables.PEOPLE.LOGIN.eq("tom"))
                .fetchOne(dev.clarity.migrations.jooq.Tables.PEOPLE.ID);
        long m = mark();
        tom.post("/account/mail", Map.of("execution_mail", "daily"), true);
        assertOneRow(m, "person", tomId, "tom", "mail.preference-set");
        assertThat(since(m, "person", tomId).getFirst().detail()).isEqualTo("daily");
        m = mark();
        tom.post("/account/mail", Map.of("execution_mail", "hourly"), true);
        assertThat(since(m, "person", tomId)).isEmpty();
        tom.post("/account/mail", Map.of("execution_mail", "each"), true);

        m = mark();
        assertThat(root.post(
                                "/rates",
                                Map.of(
                                        "from_currency",
                                        "CHF",
                                        "to_currency",
                                        "JPY",
                                        "rate_date",
                                        "2024-01-0" + (1 + System.nanoTime() % 9),
                                        "rate",
                                        "170.5"),
                                true)
                        .statusCode())
                .isEqualTo(200);
        assertThat(d.database
                        .dsl()
                        .select(AUDIT.ACTOR, AUDIT.ACTION)
                        .from(AUDIT)
                        .where(AUDIT.ID.gt(m))
                        .and(AUDIT.TARGET_TYPE.eq("exchange_rate"))
                        .and(AUDIT.TARGET_ID.like("CHF/JPY@2024-01-0%"))
                        .fetch(r -> r.value1() + " " + r.value2()))
                .containsExactly("root rate.set");

        HttpSession carol = HttpSession.signedIn(d, "carol");
        m = mark();
        String secretish = "Please call me about invoice " + System.nanoTime();
        assertThat(carol.post("/portal/projects/" + d.globexProject + "/messages", Map.of("message", secretish), true)
                        .statusCode())
                .isEqualTo(200);
        assertOneRow(m, "project", d.globexProject, "carol", "project.message-left");
        assertThat(since(m, "project", d.globexProject).getFirst().detail()).doesNotContain(secretish);
    }

    @Test
    void admins_read_the_audit_rows_filtered_by_target_type_and_others_may_not() {
        long list = idFromLocation(mia.post("/contacts", Map.of("name", "Audit page " + System.nanoTime()), true));

        HttpResponse<String> page = root.get("/audit?type=contact_list");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body())
                .contains("<td>contact_list " + list + "</td>")
                .contains("data-action=\"contacts.list-created\"")
                .doesNotContain("data-action=\"campaign.created\"");
        assertThat(root.get("/audit?type=Robert');drop").statusCode()).isEqualTo(400);
        assertThat(mia.get("/audit").statusCode()).isEqualTo(403);
    }
}
