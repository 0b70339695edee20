package dev.clarity.crm.time;

import static dev.clarity.migrations.jooq.Tables.COST_LINES;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.MODEL_USAGE;
import static dev.clarity.migrations.jooq.Tables.STEP_USAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.crm.CrmDatabase;
import java.math.BigDecimal;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;

class CostLinesTest {
    private final DSLContext dsl = CrmDatabase.dsl();
    private final CostLines costs = new CostLines(dsl, new SettableClock("2026-03-02T12:00:00Z"));

    @Test
    void an_ended_execution_leaves_its_machine_time_and_ai_usage_on_its_project_once() {
        long project = CrmDatabase.project(CrmDatabase.customer("EUR"), "none");
        long execution = dsl.insertInto(EXECUTIONS)
                .set(EXECUTIONS.PROJECT_ID, project)
                .set(EXECUTIONS.TRIGGER, "cli")
                .returning(EXECUTIONS.ID)
                .fetchOne(EXECUTIONS.ID);
        for (String step : new String[] {"a", "b"}) {
            dsl.insertInto(STEP_USAGE)
                    .set(STEP_USAGE.STEP_KEY, execution + "-" + step)
                    .set(STEP_USAGE.EXECUTION_ID, execution)
                    .set(STEP_USAGE.TASK_ID, "1.1")
                    .set(STEP_USAGE.STEP, "TOOL")
                    .set(STEP_USAGE.WALL_MS, 900_000L)
                    .execute();
            dsl.insertInto(MODEL_USAGE)
                    .set(MODEL_USAGE.STEP_KEY, execution + "-" + step)
                    .set(MODEL_USAGE.SEQ, 1)
                    .set(MODEL_USAGE.EXECUTION_ID, execution)
                    .set(MODEL_USAGE.TASK_ID, "1.1")
                    .set(MODEL_USAGE.PROVIDER, "anthropic")
                    .set(MODEL_USAGE.MODEL, "claude-sonnet-4-5")
                    .set(MODEL_USAGE.INPUT_TOKENS, 1000L)
                    .set(MODEL_USAGE.OUTPUT_TOKENS, 500L)
                    .set(MODEL_USAGE.COST, new BigDecimal("0.0105"))
                    .execute();
        }

        int first = costs.record(execution);
        int again = costs.record(execution);

        assertThat(first).isEqualTo(2);
        assertThat(again).isZero();
        var lines = dsl.selectFrom(COST_LINES)
                .where(COST_LINES.EXECUTION_ID.eq(execution))
                .orderBy(COST_LINES.KIND)
                .fetch();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0).getKind()).isEqualTo("ai_usage");
        assertThat(lines.get(0).getQuantity()).isEqualByComparingTo("3000");
        assertThat(lines.get(0).getAmount()).isEqualByComparingTo("0.021");
        assertThat(lines.get(0).getCurrency()).isEqualTo("USD");
        assertThat(lines.get(1).getKind()).isEqualTo("machine_time");
        assertThat(lines.get(1).getQuantity()).isEqualByComparingTo("0.5");
        assertThat(lines.get(1).getProjectId()).isEqualTo(project);
    }
}
