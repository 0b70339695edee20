package dev.clarity.crm.time;

import static dev.clarity.migrations.jooq.Tables.COST_LINES;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.MODEL_USAGE;
import static dev.clarity.migrations.jooq.Tables.ORGANISATION_SETTINGS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.STEP_USAGE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.crm.CrmDatabase;
import java.math.BigDecimal;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CostLinesTest {
    private final DSLContext dsl = CrmDatabase.dsl();
    private final CostLines costs = new CostLines(dsl, new SettableClock("2026-03-02T12:00:00Z"));

    @AfterEach
    void no_machine_rate_is_left_behind() {
        dsl.update(ORGANISATION_SETTINGS)
                .set(ORGANISATION_SETTINGS.MACHINE_RATE, (BigDecimal) null)
                .execute();
    }

    private long execution(long project) {
        return dsl.insertInto(EXECUTIONS)
                .set(EXECUTIONS.PROJECT_ID, project)
                .set(EXECUTIONS.TRIGGER, "cli")
                .returning(EXECUTIONS.ID)
                .fetchOne(EXECUTIONS.ID);
    }

    private void used(long execution, String step, long wallMs, long tokens, String cost) {
        dsl.insertInto(STEP_USAGE)
                .set(STEP_USAGE.STEP_KEY, execution + "-" + step)
                .set(STEP_USAGE.EXECUTION_ID, execution)
                .set(STEP_USAGE.TASK_ID, "1.1")
                .set(STEP_USAGE.STEP, "TOOL")
                .set(STEP_USAGE.WALL_MS, wallMs)
                .execute();
        dsl.insertInto(MODEL_USAGE)
                .set(MODEL_USAGE.STEP_KEY, execution + "-" + step)
                .set(MODEL_USAGE.SEQ, 1)
                .set(MODEL_USAGE.EXECUTION_ID, execution)
                .set(MODEL_USAGE.TASK_ID, "1.1")
                .set(MODEL_USAGE.PROVIDER, "anthropic")
                .set(MODEL_USAGE.MODEL, "claude-sonnet-4-5")
                .set(MODEL_USAGE.INPUT_TOKENS, tokens)
                .set(MODEL_USAGE.OUTPUT_TOKENS, 0L)
                .set(MODEL_USAGE.COST, new BigDecimal(cost))
                .execute();
    }

    private org.jooq.Result<dev.clarity.migrations.jooq.tables.records.CostLinesRecord> lines(
            long execution, String kind) {
        return dsl.selectFrom(COST_LINES)
                .where(COST_LINES.EXECUTION_ID.eq(execution))
                .and(COST_LINES.KIND.eq(kind))
                .orderBy(COST_LINES.PART)
                .fetch();
    }

    @Test
    void machine_time_is_priced_at_the_organisation_rate_unless_the_project_has_its_own() {
        dsl.update(ORGANISATION_SETTINGS)
                .set(ORGANISATION_SETTINGS.MACHINE_RATE, new BigDecimal("0.50"))
                .execute();
        long customer = CrmDatabase.customer("EUR");
        long plain = CrmDatabase.project(customer, "none");
        long own = CrmDatabase.project(customer, "none");
        dsl.update(PROJECTS)
                .set(PROJECTS.MACHINE_RATE, new BigDecimal("2"))
                .where(PROJECTS.ID.eq(own))
                .execute();
        long onPlain = execution(plain);
        long onOwn = execution(own);
        used(onPlain, "a", 5_400_000L, 10, "0.01");
        used(onOwn, "a", 5_400_000L, 10, "0.01");

        costs.record(onPlain);
        costs.record(onOwn);

        assertThat(lines(onPlain, "machine_time").getFirst().getAmount()).isEqualByComparingTo("0.75");
        assertThat(lines(onPlain, "machine_time").getFirst().getCurrency()).isEqualTo("EUR");
        assertThat(lines(onOwn, "machine_time").getFirst().getAmount()).isEqualByComparingTo("3");
    }

    @Test
    void an_execution_that_ends_again_after_a_resume_records_only_what_it_used_since_as_further_lines() {
        dsl.update(ORGANISATION_SETTINGS)
                .set(ORGANISATION_SETTINGS.MACHINE_RATE, new BigDecimal("1"))
                .execute();
        long project = CrmDatabase.project(CrmDatabase.customer("EUR"), "none");
        long execution = execution(project);
        used(execution, "a", 3_600_000L, 1000, "0.01");
        int first = costs.record(execution);
        used(execution, "b", 1_800_000L, 500, "0.004");

        int second = costs.record(execution);
        int third = costs.record(execution);

        assertThat(first).isEqualTo(2);
        assertThat(second).isEqualTo(2);
        assertThat(third).isZero();
        var machine = lines(execution, "machine_time");
        assertThat(machine).extracting(r -> r.getPart()).containsExactly(1, 2);
        assertThat(machine.get(0).getQuantity()).isEqualByComparingTo("1");
        assertThat(machine.get(1).getQuantity()).isEqualByComparingTo("0.5");
        assertThat(machine.get(1).getAmount()).isEqualByComparingTo("0.5");
        assertThat(machine.get(1).getDescription()).contains("after it resumed");
        var ai = lines(execution, "ai_usage");
        assertThat(ai).extracting(r -> r.getQuantity().intValue()).containsExactly(1000, 500);
        assertThat(ai.get(1).getAmount()).isEqualByComparingTo("0.004");
    }

    @Test
    void an_ended_execution_leaves_its_machine_time_and_ai_usage_on_its_project_once() {
        long project = CrmDatabase.project(CrmDatabase.customer("EUR"), "none");
        long execution = execution(project);
        used(execution, "a", 900_000L, 1500, "0.0105");
        used(execution, "b", 900_000L, 1500, "0.0105");

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
