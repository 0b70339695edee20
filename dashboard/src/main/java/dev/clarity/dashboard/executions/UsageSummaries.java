package dev.clarity.dashboard.executions;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.MODEL_USAGE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;

import dev.clarity.dashboard.auth.Viewer;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.impl.DSL;

/**
 * What model requests used, as the dashboard shows it: per execution and its items (the execution page), and per
 * customer and per tool (the success-rates page). Clients see their own customer's only. Thread-safe.
 */
public final class UsageSummaries {
    private final DSLContext dsl;

    public UsageSummaries(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The execution's totals (named "execution"). */
    public UsageLine execution(long executionId) {
        var r = dsl.select(
                        DSL.inline("execution"),
                        DSL.sum(MODEL_USAGE.INPUT_TOKENS),
                        DSL.sum(MODEL_USAGE.OUTPUT_TOKENS),
                        DSL.sum(MODEL_USAGE.COST))
                .from(MODEL_USAGE)
                .where(MODEL_USAGE.EXECUTION_ID.eq(executionId))
                .fetchSingle();
        return line(r);
    }

    /** Each item's totals, by task id; items without model requests are missing. */
    public Map<String, UsageLine> items(long executionId) {
        Map<String, UsageLine> byItem = new LinkedHashMap<>();
        grouped(MODEL_USAGE.TASK_ID, MODEL_USAGE.EXECUTION_ID.eq(executionId)).forEach(l -> byItem.put(l.name(), l));
        return byItem;
    }

    /** Totals per customer, dearest first. */
    public List<UsageLine> perCustomer(Viewer viewer) {
        return grouped(CUSTOMERS.NAME, ExecutionQueries.scope(viewer));
    }

    /** Totals per tool, dearest first ("none" for a step without a tool name). */
    public List<UsageLine> perTool(Viewer viewer) {
        return grouped(DSL.coalesce(MODEL_USAGE.TOOL, DSL.inline("none")), ExecutionQueries.scope(viewer));
    }

    private List<UsageLine> grouped(Field<String> name, Condition where) {
        Field<BigDecimal> in = DSL.sum(MODEL_USAGE.INPUT_TOKENS);
        Field<BigDecimal> out = DSL.sum(MODEL_USAGE.OUTPUT_TOKENS);
        Field<BigDecimal> cost = DSL.sum(MODEL_USAGE.COST);
        var from = dsl.select(name, in, out, cost)
                .from(MODEL_USAGE)
                .join(EXECUTIONS)
                .on(EXECUTIONS.ID.eq(MODEL_USAGE.EXECUTION_ID))
                .join(PROJECTS)
                .on(PROJECTS.ID.eq(EXECUTIONS.PROJECT_ID))
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID));
        return from.where(where).groupBy(name).orderBy(cost.desc(), name).fetch(UsageSummaries::line);
    }

    private static UsageLine line(Record4<String, BigDecimal, BigDecimal, BigDecimal> r) {
        return new UsageLine(
                r.value1(),
                r.value2() == null ? 0 : r.value2().longValueExact(),
                r.value3() == null ? 0 : r.value3().longValueExact(),
                r.value4() == null ? BigDecimal.ZERO : r.value4());
    }
}
