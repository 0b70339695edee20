package dev.clarity.crm.time;

import static dev.clarity.migrations.jooq.Tables.COST_LINES;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.MODEL_USAGE;
import static dev.clarity.migrations.jooq.Tables.ORGANISATION_SETTINGS;
import static dev.clarity.migrations.jooq.Tables.STEP_USAGE;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Records what an ended execution cost on its project as cost lines: its machine time (the steps' wall time, in
 * hours; no machine rate is kept, so the amount is 0 in the base currency) and its AI usage (the model requests'
 * tokens, priced at what the providers reported, in US dollars). Called when an execution ends; recording the same
 * execution again changes nothing (one line per execution and kind). An execution with no usage gets no line.
 * Thread-safe.
 */
public final class CostLines {
    private static final BigDecimal MS_PER_HOUR = BigDecimal.valueOf(3_600_000);

    private final DSLContext dsl;
    private final InstantSource clock;

    public CostLines(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /** Records the execution's cost lines; the number of lines added (0 when already recorded or nothing used). */
    public int record(long executionId) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            Long project = tx.select(EXECUTIONS.PROJECT_ID)
                    .from(EXECUTIONS)
                    .where(EXECUTIONS.ID.eq(executionId))
                    .fetchOptional(EXECUTIONS.PROJECT_ID)
                    .orElse(null);
            if (project == null) {
                return 0;
            }
            LocalDate on = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
            int added = 0;
            BigDecimal wallMs = tx.select(DSL.coalesce(DSL.sum(STEP_USAGE.WALL_MS), BigDecimal.ZERO))
                    .from(STEP_USAGE)
                    .where(STEP_USAGE.EXECUTION_ID.eq(executionId))
                    .fetchOne()
                    .value1();
            if (wallMs.signum() > 0) {
                BigDecimal hours = wallMs.divide(MS_PER_HOUR, 6, RoundingMode.HALF_UP);
                String base = tx.select(ORGANISATION_SETTINGS.BASE_CURRENCY)
                        .from(ORGANISATION_SETTINGS)
                        .fetchOptional(ORGANISATION_SETTINGS.BASE_CURRENCY)
                        .orElse("EUR");
                added += insert(
                        tx,
                        project,
                        executionId,
                        "machine_time",
                        "Machine time of execution " + executionId + ": " + Durations.format(wallMs.longValue() / 1000),
                        hours,
                        "hour",
                        BigDecimal.ZERO,
                        base,
                        on);
            }
            var ai = tx.select(
                            DSL.coalesce(
                                    DSL.sum(MODEL_USAGE.INPUT_TOKENS.plus(MODEL_USAGE.OUTPUT_TOKENS)), BigDecimal.ZERO),
                            DSL.coalesce(DSL.sum(MODEL_USAGE.COST), BigDecimal.ZERO),
                            DSL.count())
                    .from(MODEL_USAGE)
                    .where(MODEL_USAGE.EXECUTION_ID.eq(executionId))
                    .fetchOne();
            if (ai.value3() > 0) {
                added += insert(
                        tx,
                        project,
                        executionId,
                        "ai_usage",
                        "AI usage of execution " + executionId + ": "
                                + ai.value1().toPlainString() + " tokens in " + ai.value3() + " requests",
                        ai.value1(),
                        "tokens",
                        ai.value2().setScale(6, RoundingMode.HALF_UP),
                        "USD",
                        on);
            }
            return added;
        });
    }

    private static int insert(
            DSLContext tx,
            long project,
            long execution,
            String kind,
            String description,
            BigDecimal quantity,
            String unit,
            BigDecimal amount,
            String currency,
            LocalDate on) {
        return tx.insertInto(COST_LINES)
                .set(COST_LINES.PROJECT_ID, project)
                .set(COST_LINES.EXECUTION_ID, execution)
                .set(COST_LINES.KIND, kind)
                .set(COST_LINES.DESCRIPTION, description)
                .set(COST_LINES.QUANTITY, quantity)
                .set(COST_LINES.UNIT, unit)
                .set(COST_LINES.AMOUNT, amount)
                .set(COST_LINES.CURRENCY, currency)
                .set(COST_LINES.INCURRED_ON, on)
                .onConflict(COST_LINES.EXECUTION_ID, COST_LINES.KIND)
                .where(COST_LINES.EXECUTION_ID.isNotNull())
                .doNothing()
                .execute();
    }
}
