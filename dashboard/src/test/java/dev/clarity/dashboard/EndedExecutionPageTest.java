package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.TASK_RUNS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.StartRequest;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/**
 * The execution page of an execution that has stopped running: it shows the one reason sentence stored with the
 * execution (not only inside the log), its header names the step the grid names, and it offers only the controls
 * that can still do something.
 */
class EndedExecutionPageTest {
    private final TestDashboard d = TestDashboard.shared();

    @Test
    void a_failed_execution_shows_its_reason_and_offers_no_emergency_stop_or_resume() {
        long id = started("failed");
        d.database
                .dsl()
                .execute(
                        "update executions set badge = 'FAILED', finished_at = now(), end_reason = ? where id = ?",
                        "the task list cannot be read (tasks_list.md line 2: the file is not UTF-8)",
                        id);

        String page = HttpSession.signedIn(d, "tom").get("/executions/" + id).body();

        assertThat(page)
                .contains("id=\"end-reason\"")
                .as("the grid row says it too")
                .contains("class=\"row-reason\"")
                .contains("the task list cannot be read (tasks_list.md line 2: the file is not UTF-8)")
                .doesNotContain("id=\"btn-stop\"")
                .doesNotContain("id=\"btn-resume\"");
    }

    @Test
    void the_current_item_names_the_step_the_grid_names_and_a_blocked_execution_can_be_resumed_not_stopped() {
        long id = started("review");
        d.controls.advance(id, "1.1", "Add the cart model", "tool output");
        d.database
                .dsl()
                .update(TASK_RUNS)
                .set(TASK_RUNS.STEP, "VERIFY")
                .set(TASK_RUNS.ATTEMPTS, 3)
                .where(TASK_RUNS.EXECUTION_ID.eq(id))
                .execute();
        d.database
                .dsl()
                .update(EXECUTIONS)
                .set(EXECUTIONS.BADGE, "BLOCKED")
                .set(EXECUTIONS.CURRENT_STEP, "HUMAN_REVIEW")
                .set(EXECUTIONS.UPDATED_AT, OffsetDateTime.now())
                .where(EXECUTIONS.ID.eq(id))
                .execute();

        String page = HttpSession.signedIn(d, "tom").get("/executions/" + id).body();

        assertThat(page)
                .contains("step HUMAN_REVIEW · 3 repair attempt(s)")
                .doesNotContain("step VERIFY")
                .contains("id=\"btn-resume\"")
                .doesNotContain("id=\"btn-stop\"");
    }

    private long started(String name) {
        long project = TestDashboard.project(d.database.dsl(), d.acme, "Ended " + name, "acme/ended-" + name);
        TestDashboard.member(d.database.dsl(), "tom", project); // tom reads the pages of his projects only
        return ((ControlOutcome.Accepted) d.controls.start(
                        new StartRequest(project, new Actor("root", "cli"), null, null, null, null, null)))
                .executionId();
    }
}
