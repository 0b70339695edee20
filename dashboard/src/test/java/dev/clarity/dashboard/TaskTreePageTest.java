package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.EXECUTION_TASK_LISTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.StartRequest;
import org.junit.jupiter.api.Test;

/** The execution page shows every item of the task list the execution read, not only the items it started. */
class TaskTreePageTest {
    private final TestDashboard d = TestDashboard.shared();

    @Test
    void the_page_lists_items_not_started_yet_with_their_status_beside_the_started_one() {
        long project = TestDashboard.project(d.database.dsl(), d.acme, "Tree", "acme/tree");
        TestDashboard.member(d.database.dsl(), "tom", project); // tom reads the pages of his projects only
        long id = ((ControlOutcome.Accepted) d.controls.start(
                        new StartRequest(project, new Actor("root", "cli"), null, null, null, null, null)))
                .executionId();
        d.controls.advance(id, "1.2", "Cart page", "tool output");
        d.database
                .dsl()
                .insertInto(EXECUTION_TASK_LISTS)
                .set(EXECUTION_TASK_LISTS.EXECUTION_ID, id)
                .set(EXECUTION_TASK_LISTS.PATH, "tasks_list.md")
                .set(
                        EXECUTION_TASK_LISTS.CONTENT,
                        String.join(
                                "\n",
                                "## Phase 1: Cart",
                                "1.1 Cart model ✅",
                                "1.2 Cart page",
                                "1.3 Checkout (Dependencies: 1.2)",
                                "1.4 Coupons",
                                "1.4.1 Coupon codes",
                                ""))
                .execute();

        String page = HttpSession.signedIn(d, "tom").get("/executions/" + id).body();

        assertThat(page)
                .contains("data-task=\"1\" data-state=\"running\"")
                .contains("data-task=\"1.1\" data-state=\"done\"")
                .contains("data-task=\"1.2\" data-state=\"running\"")
                .contains("data-task=\"1.3\" data-state=\"blocked\"")
                .contains("⛔ blocked by 1.2")
                .contains("data-task=\"1.4\" data-state=\"not-started\"")
                .contains("data-task=\"1.4.1\" data-state=\"not-started\"")
                .contains("<b>1.4.1</b> Coupon codes");
    }
}
