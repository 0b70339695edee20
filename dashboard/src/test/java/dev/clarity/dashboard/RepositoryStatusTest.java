package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.EXECUTION_TASK_LISTS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.WEBHOOK_DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.StartRequest;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

/**
 * The projects panel shows each repository's GitHub status from what was recorded: the installation's last
 * installation event, the last webhook for the repository, the default branch, and whether the newest execution
 * found the task list.
 */
class RepositoryStatusTest {
    private final TestDashboard d = TestDashboard.shared();
    private final DSLContext dsl = d.database.dsl();

    @Test
    void a_suspended_installation_its_last_webhook_and_a_found_task_list_are_shown() {
        long project = TestDashboard.project(dsl, d.globex, "Status shop", "acme/status-shop");
        dsl.update(PROJECTS)
                .set(PROJECTS.INSTALLATION_ID, 7001L)
                .set(PROJECTS.DEFAULT_BRANCH, "trunk")
                .where(PROJECTS.ID.eq(project))
                .execute();
        OffsetDateTime t0 = OffsetDateTime.parse("2030-01-02T03:04:05Z");
        delivery("installation", "created", 7001L, null, t0);
        delivery("push", null, 7001L, "acme/status-shop", t0.plusMinutes(1));
        delivery("installation", "suspend", 7001L, null, t0.plusMinutes(2));
        long execution = ((ControlOutcome.Accepted) d.controls.start(
                        new StartRequest(project, new Actor("root", "cli"), null, null, null, null, null)))
                .executionId();
        dsl.insertInto(EXECUTION_TASK_LISTS)
                .set(EXECUTION_TASK_LISTS.EXECUTION_ID, execution)
                .set(EXECUTION_TASK_LISTS.PATH, "tasks_list.md")
                .set(EXECUTION_TASK_LISTS.CONTENT, "1.1 One\n")
                .execute();

        String page = HttpSession.signedIn(d, "mia").get("/projects").body();

        assertThat(page)
                .contains("installation suspended · last webhook push at 2030-01-02T03:05:05Z · default branch trunk"
                        + " · task list found (tasks_list.md, execution #" + execution + ")");
    }

    @Test
    void a_project_without_installation_or_execution_says_so() {
        TestDashboard.project(dsl, d.globex, "Status local", "/srv/git/status-local");

        String page = HttpSession.signedIn(d, "mia").get("/projects").body();

        assertThat(page)
                .contains("installation none · no webhook received · default branch main · task list not checked yet"
                        + " (no execution)");
    }

    @Test
    void an_execution_that_ended_without_reading_the_list_says_it_was_not_found_and_why() {
        long project = TestDashboard.project(dsl, d.globex, "Status missing", "globex/status-missing");
        long execution = ((ControlOutcome.Accepted) d.controls.start(
                        new StartRequest(project, new Actor("root", "cli"), null, null, null, null, null)))
                .executionId();
        dsl.execute(
                "update executions set badge = 'FAILED', finished_at = now(), end_reason = ? where id = ?",
                "the task list tasks_list.md does not exist",
                execution);

        String page = HttpSession.signedIn(d, "mia").get("/projects").body();

        assertThat(page)
                .contains("task list not found (execution #" + execution
                        + ": the task list tasks_list.md does not exist)");
    }

    private void delivery(String event, String action, Long installation, String repository, OffsetDateTime at) {
        dsl.insertInto(WEBHOOK_DELIVERIES)
                .set(WEBHOOK_DELIVERIES.DELIVERY_ID, UUID.randomUUID().toString())
                .set(WEBHOOK_DELIVERIES.EVENT, event)
                .set(WEBHOOK_DELIVERIES.ACTION, action)
                .set(WEBHOOK_DELIVERIES.INSTALLATION_ID, installation)
                .set(WEBHOOK_DELIVERIES.REPOSITORY, repository)
                .set(WEBHOOK_DELIVERIES.RECEIVED_AT, at)
                .execute();
    }
}
