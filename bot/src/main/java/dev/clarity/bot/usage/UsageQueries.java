package dev.clarity.bot.usage;

import static dev.clarity.migrations.jooq.Tables.MODEL_USAGE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.STEP_USAGE;
import static dev.clarity.migrations.jooq.Tables.TASK_RUNS;

import dev.clarity.runner.config.BudgetConfig;
import dev.clarity.runner.config.BudgetLimits;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

/** Reads the usage ledger's totals and a project's budgets; writes nothing. Thread-safe. */
public final class UsageQueries {
    private final DSLContext dsl;

    public UsageQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** What the item used so far (every generation and attempt). */
    public UsageTotals item(long executionId, String taskId) {
        return totals(
                MODEL_USAGE.EXECUTION_ID.eq(executionId).and(MODEL_USAGE.TASK_ID.eq(taskId)),
                STEP_USAGE.EXECUTION_ID.eq(executionId).and(STEP_USAGE.TASK_ID.eq(taskId)));
    }

    /**
     * What the item used in its latest generation (since {@code /clarity retry} last gave it a fresh set of attempts):
     * what its item budget is held against.
     */
    public UsageTotals itemSinceRetry(long executionId, String taskId) {
        Field<Integer> latest = DSL.coalesce(
                DSL.field(DSL.select(TASK_RUNS.GENERATION)
                        .from(TASK_RUNS)
                        .where(TASK_RUNS.EXECUTION_ID.eq(executionId).and(TASK_RUNS.TASK_ID.eq(taskId)))),
                DSL.inline(0));
        return totals(
                MODEL_USAGE
                        .EXECUTION_ID
                        .eq(executionId)
                        .and(MODEL_USAGE.TASK_ID.eq(taskId))
                        .and(MODEL_USAGE.GENERATION.eq(latest)),
                STEP_USAGE
                        .EXECUTION_ID
                        .eq(executionId)
                        .and(STEP_USAGE.TASK_ID.eq(taskId))
                        .and(STEP_USAGE.GENERATION.eq(latest)));
    }

    /** What the whole execution used so far. */
    public UsageTotals execution(long executionId) {
        return totals(MODEL_USAGE.EXECUTION_ID.eq(executionId), STEP_USAGE.EXECUTION_ID.eq(executionId));
    }

    private UsageTotals totals(Condition models, Condition steps) {
        var sums = dsl.select(
                        DSL.coalesce(DSL.sum(MODEL_USAGE.INPUT_TOKENS), BigDecimal.ZERO),
                        DSL.coalesce(DSL.sum(MODEL_USAGE.OUTPUT_TOKENS), BigDecimal.ZERO),
                        DSL.coalesce(DSL.sum(MODEL_USAGE.COST), BigDecimal.ZERO))
                .from(MODEL_USAGE)
                .where(models)
                .fetchOne();
        List<String> names = dsl.select(MODEL_USAGE.MODEL, DSL.min(MODEL_USAGE.RECORDED_AT), DSL.min(MODEL_USAGE.SEQ))
                .from(MODEL_USAGE)
                .where(models.and(MODEL_USAGE.MODEL.ne("")))
                .groupBy(MODEL_USAGE.MODEL)
                .orderBy(DSL.min(MODEL_USAGE.RECORDED_AT), DSL.min(MODEL_USAGE.SEQ), MODEL_USAGE.MODEL)
                .fetch(MODEL_USAGE.MODEL);
        BigDecimal wall = dsl.select(DSL.coalesce(DSL.sum(STEP_USAGE.WALL_MS), BigDecimal.ZERO))
                .from(STEP_USAGE)
                .where(steps)
                .fetchOne(0, BigDecimal.class);
        return new UsageTotals(
                sums.value1().longValueExact(),
                sums.value2().longValueExact(),
                sums.value3(),
                Duration.ofMillis(wall.longValueExact()),
                names);
    }

    /** The project's budgets as a manager set them in the dashboard (no limit where none is set). */
    public BudgetConfig projectBudgets(long projectId) {
        var r = dsl.select(
                        PROJECTS.BUDGET_ITEM_TOKENS,
                        PROJECTS.BUDGET_ITEM_MONEY,
                        PROJECTS.BUDGET_ITEM_SECONDS,
                        PROJECTS.BUDGET_EXECUTION_TOKENS,
                        PROJECTS.BUDGET_EXECUTION_MONEY,
                        PROJECTS.BUDGET_EXECUTION_SECONDS)
                .from(PROJECTS)
                .where(PROJECTS.ID.eq(projectId))
                .fetchOptional();
        if (r.isEmpty()) {
            return BudgetConfig.DEFAULT;
        }
        var v = r.get();
        return new BudgetConfig(
                new BudgetLimits(v.value1(), v.value2(), seconds(v.value3())),
                new BudgetLimits(v.value4(), v.value5(), seconds(v.value6())));
    }

    private static Duration seconds(Long s) {
        return s == null ? null : Duration.ofSeconds(s);
    }
}
