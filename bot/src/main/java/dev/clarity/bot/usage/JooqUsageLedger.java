package dev.clarity.bot.usage;

import static dev.clarity.migrations.jooq.Tables.MODEL_USAGE;
import static dev.clarity.migrations.jooq.Tables.STEP_USAGE;

import dev.clarity.bot.orchestrator.StepContext;
import dev.clarity.bot.orchestrator.UsageAccount;
import dev.clarity.runner.api.ModelUsage;
import dev.clarity.runner.config.BudgetConfig;
import dev.clarity.vocabulary.Step;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * The usage ledger in PostgreSQL ({@code step_usage}, {@code model_usage}) and the budgets read against it: the
 * {@link UsageAccount} of the orchestrator, and the totals that comments, pull requests and outcomes show. Costs are
 * computed when a step's usage is recorded, at the price table of that moment, and stored exactly. Thread-safe.
 */
public final class JooqUsageLedger implements UsageAccount {
    private final DSLContext dsl;
    private final PriceTable prices;
    private final UsageMeters meters;
    private final InstantSource clock;
    private final UsageQueries queries;

    public JooqUsageLedger(DSLContext dsl, PriceTable prices, UsageMeters meters, InstantSource clock) {
        this.dsl = dsl;
        this.queries = new UsageQueries(dsl);
        this.prices = prices;
        this.meters = meters;
        this.clock = clock;
    }

    @Override
    public void took(StepContext ctx, String stepKey, Duration wall) {
        if (ctx.taskId() == null) {
            return; // SELECT works on no item
        }
        long ms = Math.max(0, wall.toMillis());
        dsl.insertInto(STEP_USAGE)
                .set(STEP_USAGE.STEP_KEY, stepKey)
                .set(STEP_USAGE.EXECUTION_ID, ctx.executionId())
                .set(STEP_USAGE.TASK_ID, ctx.taskId())
                .set(STEP_USAGE.STEP, ctx.cursor().step().name())
                .set(STEP_USAGE.GENERATION, StepContext.generationOf(stepKey))
                .set(STEP_USAGE.WALL_MS, ms)
                .set(STEP_USAGE.RECORDED_AT, clock.instant().atOffset(java.time.ZoneOffset.UTC))
                .onConflict(STEP_USAGE.STEP_KEY)
                .doUpdate()
                .set(STEP_USAGE.WALL_MS, ms)
                .execute();
    }

    @Override
    public void used(StepContext ctx, String stepKey, String tool, List<ModelUsage> usage) {
        record(ctx.executionId(), ctx.taskId(), ctx.cursor().step(), stepKey, tool, usage);
    }

    /**
     * What one tool step's model requests used: replaces the step's earlier record (a step carried out again after a
     * crash is answered from the runner's stored result, with the same usage), and adds to the meters only what is
     * new.
     */
    public void record(
            long executionId, String taskId, Step step, String stepKey, String tool, List<ModelUsage> usage) {
        var now = clock.instant().atOffset(java.time.ZoneOffset.UTC);
        int generation = StepContext.generationOf(stepKey);
        boolean fresh = dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.insertInto(STEP_USAGE)
                    .set(STEP_USAGE.STEP_KEY, stepKey)
                    .set(STEP_USAGE.EXECUTION_ID, executionId)
                    .set(STEP_USAGE.TASK_ID, taskId)
                    .set(STEP_USAGE.STEP, step.name())
                    .set(STEP_USAGE.GENERATION, generation)
                    .set(STEP_USAGE.TOOL, tool)
                    .set(STEP_USAGE.RECORDED_AT, now)
                    .onConflict(STEP_USAGE.STEP_KEY)
                    .doUpdate()
                    .set(STEP_USAGE.TOOL, tool)
                    .execute();
            int before = tx.deleteFrom(MODEL_USAGE)
                    .where(MODEL_USAGE.STEP_KEY.eq(stepKey))
                    .execute();
            int seq = 0;
            for (ModelUsage u : usage) {
                tx.insertInto(MODEL_USAGE)
                        .set(MODEL_USAGE.STEP_KEY, stepKey)
                        .set(MODEL_USAGE.SEQ, seq++)
                        .set(MODEL_USAGE.EXECUTION_ID, executionId)
                        .set(MODEL_USAGE.TASK_ID, taskId)
                        .set(MODEL_USAGE.GENERATION, generation)
                        .set(MODEL_USAGE.TOOL, tool)
                        .set(MODEL_USAGE.PROVIDER, u.provider())
                        .set(MODEL_USAGE.MODEL, u.model())
                        .set(MODEL_USAGE.INPUT_TOKENS, u.inputTokens())
                        .set(MODEL_USAGE.OUTPUT_TOKENS, u.outputTokens())
                        .set(MODEL_USAGE.COST, prices.cost(u))
                        .set(MODEL_USAGE.RECORDED_AT, now)
                        .execute();
            }
            return before == 0;
        });
        if (fresh) {
            usage.forEach(u -> meters.add(tool, u, prices.cost(u)));
        }
    }

    /** What the item used so far (every generation and attempt). */
    public UsageTotals item(long executionId, String taskId) {
        return queries.item(executionId, taskId);
    }

    /**
     * What the item used since it was last retried (its latest generation): what its item budget is held against, so
     * that a retry gives it a fresh one.
     */
    public UsageTotals itemSinceRetry(long executionId, String taskId) {
        return queries.itemSinceRetry(executionId, taskId);
    }

    /** What the whole execution used so far. */
    public UsageTotals execution(long executionId) {
        return queries.execution(executionId);
    }

    /** The budgets of the step: its {@code .clarity.yml}'s and its project's, the tighter of each. */
    BudgetConfig budgets(StepContext ctx) {
        return BudgetCheck.tighter(
                ctx.repo().budget(), queries.projectBudgets(ctx.execution().projectId()));
    }

    @Override
    public Optional<String> described(long executionId, String taskId) {
        UsageTotals totals = item(executionId, taskId);
        return totals.noTokens() ? Optional.empty() : Optional.of(totals.describe());
    }

    @Override
    public Optional<String> crossed(StepContext ctx) {
        if (ctx.taskId() == null) {
            return Optional.empty();
        }
        return BudgetCheck.crossed(
                budgets(ctx), itemSinceRetry(ctx.executionId(), ctx.taskId()), execution(ctx.executionId()));
    }

    @Override
    public Optional<String> usedUp(StepContext ctx) {
        if (ctx.taskId() == null) {
            return Optional.empty();
        }
        return BudgetCheck.usedUp(
                budgets(ctx), itemSinceRetry(ctx.executionId(), ctx.taskId()), execution(ctx.executionId()));
    }

    @Override
    public OptionalLong tokenLimit(StepContext ctx) {
        return BudgetCheck.tokenLimit(
                budgets(ctx),
                itemSinceRetry(ctx.executionId(), ctx.taskId()),
                execution(ctx.executionId()),
                prices.dearest());
    }

    @Override
    public Optional<Duration> wallLeft(StepContext ctx) {
        return BudgetCheck.wallLeft(
                budgets(ctx), itemSinceRetry(ctx.executionId(), ctx.taskId()), execution(ctx.executionId()));
    }
}
