package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A project names its manager, the person told by mail of its executions; only staff may be chosen. */
class ProjectManagerTest {
    private final TestDashboard d = TestDashboard.shared();

    private long person(String login) {
        return d.database
                .dsl()
                .select(PEOPLE.ID)
                .from(PEOPLE)
                .where(PEOPLE.LOGIN.eq(login))
                .fetchSingle(PEOPLE.ID);
    }

    private Long managerOf(String repository) {
        return d.database
                .dsl()
                .select(PROJECTS.MANAGER_ID)
                .from(PROJECTS)
                .where(PROJECTS.REPOSITORY.eq(repository))
                .fetchSingle(PROJECTS.MANAGER_ID);
    }

    private static Map<String, String> project(String customer, String repository, String manager) {
        return Map.of(
                "customer_id",
                customer,
                "name",
                repository,
                "repository",
                repository,
                "merge_policy",
                "stacked",
                "manager_id",
                manager);
    }

    @Test
    void the_project_form_offers_staff_as_manager_and_saves_the_choice() {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        long miaId = person("mia");
        assertThat(mia.get("/projects/new").body())
                .contains("<option value=\"" + miaId + "\">mia</option>")
                .doesNotContain(">carol</option>")
                .doesNotContain(">tom</option>");

        HttpResponse<String> saved =
                mia.post("/projects", project(Long.toString(d.globex), "globex/managed", Long.toString(miaId)), true);

        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(managerOf("globex/managed")).isEqualTo(miaId);
    }

    @Test
    void a_client_as_manager_is_refused_with_a_message_and_nothing_is_saved() {
        HttpSession mia = HttpSession.signedIn(d, "mia");

        HttpResponse<String> refused = mia.post(
                "/projects",
                project(Long.toString(d.globex), "globex/manager-refused", Long.toString(person("carol"))),
                true);

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Manager is an admin or manager who is not archived, or empty.");
        assertThat(d.database.dsl().fetchExists(PROJECTS, PROJECTS.REPOSITORY.eq("globex/manager-refused")))
                .isFalse();
    }
}
