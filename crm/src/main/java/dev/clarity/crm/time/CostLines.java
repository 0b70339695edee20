package dev.clarity.crm.time;

import static dev.clarity.migrations.jooq.Tables.COST_LINES;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.MODEL_USAGE;
import static dev.clarity.migrations.jooq.Tables.ORGANISATION_SETTINGS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.STEP_USAGE;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.InstantSource;
import java.time.LocalDate;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Records what an ended execution cost on its project as cost lines: its machine time (the steps' wall time, in
 * hours, at the project's machine rate, else the organisation's, in the base currency; 0 when neither is set) and its
 * AI usage (the model requests' tokens, priced at what the providers reported, in US dollars). Called each time an
 * execution ends: the first call records everything so far; after a resume, the next records only what was used
 * since, as a further line (part 2, 3, …). Recording with nothing new changes nothing. The execution's row is locked
 * while its lines are written, so two calls never count the same usage twice. Thread-safe.
 */
public final class CostLines {
    private static final BigDecimal MS_PER_HOUR = BigDecimal.valueOf(3_600_000);
    private static final String MACHINE = "machine_time";
    private static final String AI = "ai_usage";

    private final DSLContext dsl;
    private final InstantSource clock;

    public CostLines(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    /** Records the execution's new cost lines; the number of lines added (0 when nothing was used since). */
    public int record(long executionId) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            var execution = tx.select(EXECUTIONS.PROJECT_ID, PROJECTS.MACHINE_RATE)
                    .from(EXECUTIONS)
                    .join(PROJECTS)
                    .on(PROJECTS.ID.eq(EXECUTIONS.PROJECT_ID))
                    .where(EXECUTIONS.ID.eq(executionId))
                    .forUpdate()
                    .of(EXECUTIONS)
                    .fetchOptional()
                    .orElse(null);
            if (execution == null) {
                return 0;
            }
            long project = execution.value1();
            var settings = tx.select(ORGANISATION_SETTINGS.BASE_CURRENCY, ORGANISATION_SETTINGS.MACHINE_RATE)
                    .from(ORGANISATION_SETTINGS)
                    .fetchOptional();
            // the organisation's day, as time records count on
            LocalDate on = LocalDate.ofInstant(clock.instant(), dev.clarity.crm.money.JooqBillingSettings.zone(tx));
            String base = settings.map(r -> r.value1()).orElse("EUR");
            BigDecimal rate = execution.value2() != null
                    ? execution.value2()
                    : settings.map(r -> r.value2()).orElse(null);
            return machineTime(tx, project, executionId, rate, base, on) + aiUsage(tx, project, executionId, on);
        });
    }

    private static int machineTime(
            DSLContext tx, long project, long execution, BigDecimal rate, String base, LocalDate on) {
        BigDecimal wallMs = tx.select(DSL.coalesce(DSL.sum(STEP_USAGE.WALL_MS), BigDecimal.ZERO))
                .from(STEP_USAGE)
                .where(STEP_USAGE.EXECUTION_ID.eq(execution))
                .fetchOne()
                .value1();
        // earlier parts hold round(total then); so the new part is round(total now) - round(total then), no drift
        BigDecimal hours = wallMs.divide(MS_PER_HOUR, 6, RoundingMode.HALF_UP);
        Recorded before = recorded(tx, execution, MACHINE);
        BigDecimal more = hours.subtract(before.quantity());
        if (more.signum() <= 0) {
            return 0;
        }
        BigDecimal amount = rate == null ? BigDecimal.ZERO : more.multiply(rate).setScale(6, RoundingMode.HALF_UP);
        long seconds = more.multiply(BigDecimal.valueOf(3600)).longValue();
        String what = before.parts() == 0
                ? "Machine time of execution " + execution + ": "
                : "Machine time of execution " + execution + " after it resumed: ";
        return insert(
                tx,
                new Line(project, execution, MACHINE, before.parts() + 1, what + Durations.format(seconds)),
                more,
                "hour",
                amount,
                base,
                on);
    }

    private static int aiUsage(DSLContext tx, long project, long execution, LocalDate on) {
        var ai = tx.select(
                        DSL.coalesce(
                                DSL.sum(MODEL_USAGE.INPUT_TOKENS.plus(MODEL_USAGE.OUTPUT_TOKENS)), BigDecimal.ZERO),
                        DSL.coalesce(DSL.sum(MODEL_USAGE.COST), BigDecimal.ZERO),
                        DSL.count())
                .from(MODEL_USAGE)
                .where(MODEL_USAGE.EXECUTION_ID.eq(execution))
                .fetchOne();
        if (ai.value3() == 0) {
            return 0;
        }
        Recorded before = recorded(tx, execution, AI);
        BigDecimal tokens = ai.value1().subtract(before.quantity());
        BigDecimal cost = ai.value2()
                .setScale(6, RoundingMode.HALF_UP)
                .subtract(before.amount())
                .max(BigDecimal.ZERO);
        if (before.parts() > 0 && tokens.signum() <= 0 && cost.signum() <= 0) {
            return 0;
        }
        String what = before.parts() == 0
                ? "AI usage of execution " + execution + ": " + ai.value1().toPlainString() + " tokens in "
                        + ai.value3() + " requests"
                : "AI usage of execution " + execution + " after it resumed: "
                        + tokens.max(BigDecimal.ZERO).toPlainString() + " tokens";
        return insert(
                tx,
                new Line(project, execution, AI, before.parts() + 1, what),
                tokens.max(BigDecimal.ZERO),
                "tokens",
                cost,
                "USD",
                on);
    }

    /** What the execution's lines of {@code kind} already hold. */
    private static Recorded recorded(DSLContext tx, long execution, String kind) {
        var r = tx.select(
                        DSL.count(),
                        DSL.coalesce(DSL.sum(COST_LINES.QUANTITY), BigDecimal.ZERO),
                        DSL.coalesce(DSL.sum(COST_LINES.AMOUNT), BigDecimal.ZERO))
                .from(COST_LINES)
                .where(COST_LINES.EXECUTION_ID.eq(execution))
                .and(COST_LINES.KIND.eq(kind))
                .fetchOne();
        return new Recorded(r.value1(), r.value2(), r.value3());
    }

    private record Recorded(int parts, BigDecimal quantity, BigDecimal amount) {}

    private record Line(long project, long execution, String kind, int part, String description) {}

    private static int insert(
            DSLContext tx,
            Line line,
            BigDecimal quantity,
            String unit,
            BigDecimal amount,
            String currency,
            LocalDate on) {
        return tx.insertInto(COST_LINES)
                .set(COST_LINES.PROJECT_ID, line.project())
                .set(COST_LINES.EXECUTION_ID, line.execution())
                .set(COST_LINES.KIND, line.kind())
                .set(COST_LINES.PART, line.part())
                .set(COST_LINES.DESCRIPTION, line.description())
                .set(COST_LINES.QUANTITY, quantity)
                .set(COST_LINES.UNIT, unit)
                .set(COST_LINES.AMOUNT, amount)
                .set(COST_LINES.CURRENCY, currency)
                .set(COST_LINES.INCURRED_ON, on)
                .onConflict(COST_LINES.EXECUTION_ID, COST_LINES.KIND, COST_LINES.PART)
                .where(COST_LINES.EXECUTION_ID.isNotNull())
                .doNothing()
                .execute();
    }
}
