package dev.clarity.dashboard;

import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A project's budgets, set on its budgets page by its customer's manager and read back by the orchestrator's columns. */
class ProjectBudgetsTest {
    private final TestDashboard d = TestDashboard.shared();

    @Test
    void a_manager_sets_the_budgets_of_a_project_and_they_are_stored_exactly() {
        HttpSession mia = HttpSession.signedIn(d, "mia");
        long project = TestDashboard.project(d.database.dsl(), d.globex, "Budgeted", "globex/budgeted");

        var r = mia.post(
                "/projects/" + project + "/budgets",
                Map.of(
                        "item_tokens", "200,000",
                        "item_money", "2.50",
                        "item_wall_time", "45m",
                        "execution_tokens", "",
                        "execution_money", "20",
                        "execution_wall_time", "6h"),
                true);

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("Saved the budgets of this project.");
        var row = d.database
                .dsl()
                .selectFrom(PROJECTS)
                .where(PROJECTS.ID.eq(project))
                .fetchSingle();
        assertThat(row.getBudgetItemTokens()).isEqualTo(200_000L);
        assertThat(row.getBudgetItemMoney()).isEqualByComparingTo(new BigDecimal("2.50"));
        assertThat(row.getBudgetItemSeconds()).isEqualTo(2_700L);
        assertThat(row.getBudgetExecutionTokens()).isNull();
        assertThat(row.getBudgetExecutionMoney()).isEqualByComparingTo(new BigDecimal("20"));
        assertThat(row.getBudgetExecutionSeconds()).isEqualTo(21_600L);
        assertThat(mia.get("/projects/" + project + "/budgets").body())
                .contains("value=\"200000\"", "value=\"2.5\"", "value=\"20\"", "value=\"45m\"", "value=\"6h\"");
    }

    @Test
    void a_wrong_budget_is_refused_naming_the_field_and_nothing_changes() {
        HttpSession root = HttpSession.signedIn(d, "root");
        long project = TestDashboard.project(d.database.dsl(), d.acme, "Refused", "acme/refused");

        var r = root.post(
                "/projects/" + project + "/budgets",
                Map.of("item_tokens", "-5", "item_money", "1.23456", "item_wall_time", "soon"),
                true);

        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(r.body())
                .contains("A token budget is a whole number of tokens above 0")
                .contains("A money budget is an amount of US dollars above 0 with up to 4 decimals")
                .contains("A wall-time budget is a number followed by s, m or h");
        var row = d.database
                .dsl()
                .selectFrom(PROJECTS)
                .where(PROJECTS.ID.eq(project))
                .fetchSingle();
        assertThat(row.getBudgetItemTokens()).isNull();
        assertThat(row.getBudgetItemMoney()).isNull();
    }
}
