package dev.clarity.crm.reports;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.ORGANISATION_SETTINGS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROJECT_MEMBERS;
import static dev.clarity.migrations.jooq.Tables.TIME_DAILY;
import static dev.clarity.migrations.jooq.Tables.TIME_MONTHLY;
import static dev.clarity.migrations.jooq.Tables.TIME_TOTALS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.sum;

import dev.clarity.crm.billing.CustomerScope;
import dev.clarity.crm.money.Money;
import dev.clarity.crm.rates.ExchangeRate;
import dev.clarity.crm.rates.JooqExchangeRates;
import dev.clarity.crm.rates.RateTable;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Currency;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record5;
import org.jooq.Select;
import org.jooq.SelectConditionStep;
import org.jooq.SelectHavingStep;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Builds the billable-hours report from the sums a trigger keeps from the time records, so the period is read without
 * scanning the records themselves: whole months from {@code time_monthly} (V40), partial months and customers billed
 * in another currency from {@code time_daily} (V32); then each day's value
 * in a foreign currency is converted into the base currency with the rate of that day and the days are summed into
 * months (in SQL already for customers billed in the base currency). Only billable records of billable projects count; deleted ones
 * never.
 */
public final class JooqBillableHoursReport {
    private static final BigDecimal HOUR = BigDecimal.valueOf(3600);

    private final DSLContext dsl;

    public JooqBillableHoursReport(DSLContext dsl) {
        this.dsl = dsl;
    }

    public BillableHours report(CustomerScope scope, LocalDate from, LocalDate to) {
        return report(scope, from, to, true);
    }

    /**
     * The report without the projects' budgets (its {@code budgets} are empty): what the page of all customers needs,
     * since it shows only customer-and-month lines.
     */
    public BillableHours withoutBudgets(CustomerScope scope, LocalDate from, LocalDate to) {
        return report(scope, from, to, false);
    }

    private BillableHours report(CustomerScope scope, LocalDate from, LocalDate to, boolean withBudgets) {
        return report(scope, from, to, withBudgets, Parts.ALL, p -> DSL.noCondition(), this::projectRanks);
    }

    /**
     * The report of the projects {@code only} keeps (a condition on a project id column), of the customers
     * {@code parts} names (those billed in the base currency, in another one, or all); {@code ranks} gives each
     * project's place in the lines' order, asked for only when there are lines.
     */
    private BillableHours report(
            CustomerScope scope,
            LocalDate from,
            LocalDate to,
            boolean withBudgets,
            Parts parts,
            Function<Field<Long>, Condition> only,
            Supplier<Map<Long, Integer>> ranks) {
        String base = baseCurrency();
        RateTable rates = new JooqExchangeRates(dsl).into(base);
        // A customer billed in the base currency needs no daily rate: its days are summed into months by PostgreSQL
        // (1,000 rows for a month of 1,000 projects instead of 31,000). Other currencies stay per day, each day
        // converted with its own rate. The base currency is inlined so that GROUP BY matches the selected expression.
        // Grouped by ids (names follow from them) and not sorted: sorting 13,000 lines by names in SQL took a third
        // of a year's query; the lines are ordered below by the projects' rank (customer name, project name).
        Table<?> sums = periodSums(base, from, to, parts, only);
        Field<Long> projectId = sums.field(TIME_DAILY.PROJECT_ID.getName(), Long.class);
        Field<Long> personId = sums.field(TIME_DAILY.PERSON_ID.getName(), Long.class);
        Field<LocalDate> sumDay = sums.field(TIME_DAILY.DAY.getName(), LocalDate.class);
        Field<Long> billableSeconds = sums.field(TIME_DAILY.BILLABLE_SECONDS.getName(), Long.class);
        Field<BigDecimal> rate = coalesce(PROJECT_MEMBERS.HOURLY_RATE, PROJECTS.HOURLY_RATE);
        var days = dsl.select(
                        CUSTOMERS.ID,
                        CUSTOMERS.NAME,
                        CUSTOMERS.BILLING_CURRENCY,
                        PROJECTS.ID,
                        PROJECTS.NAME,
                        PEOPLE.ID,
                        coalesce(PEOPLE.DISPLAY_NAME, PEOPLE.LOGIN),
                        rate,
                        sumDay,
                        billableSeconds,
                        sums.field(TIME_DAILY.UNBILLED_SECONDS.getName(), Long.class))
                .from(sums)
                .join(PROJECTS)
                .on(PROJECTS.ID.eq(projectId))
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID))
                .join(PEOPLE)
                .on(PEOPLE.ID.eq(personId))
                .leftJoin(PROJECT_MEMBERS)
                .on(PROJECT_MEMBERS.PROJECT_ID.eq(projectId).and(PROJECT_MEMBERS.PERSON_ID.eq(personId)))
                .where(counted(scope, billableSeconds));
        Map<Key, Month> months = new HashMap<>();
        Map<String, Currency> currencies = new HashMap<>();
        Set<ExchangeRate> used = new HashSet<>();
        Set<String> missing = new TreeSet<>();
        // read straight from the JDBC result: turning a year's 13,000 lines into jOOQ records took about as long as
        // the query itself
        try (ResultSet r = days.fetchResultSet()) {
            while (r.next()) {
                add(r, months, rates, base, used, missing);
            }
        } catch (SQLException e) {
            throw new DataAccessException("reading the billable-hours lines from " + from + " to " + to, e);
        }
        Map<Long, Integer> rank = months.isEmpty() ? Map.of() : ranks.get();
        List<HoursRow> rows = months.values().stream()
                .sorted(Comparator.<Month>comparingInt(m -> rank.getOrDefault(m.projectId, Integer.MAX_VALUE))
                        .thenComparingLong(m -> m.personId)
                        .thenComparing(m -> m.month))
                .map(m -> m.row(
                        currencies.computeIfAbsent(m.currency, Money::currency),
                        currencies.computeIfAbsent(base, Money::currency)))
                .toList();
        List<String> rateSentences = new ArrayList<>(
                new TreeSet<>(used.stream().map(ExchangeRate::describe).toList()));
        return new BillableHours(
                from,
                to,
                base,
                rows,
                withBudgets ? budgets(scope, rows) : List.of(),
                rateSentences,
                new ArrayList<>(missing));
    }

    /**
     * The report summed per customer and month (what the page of many customers shows), without building its lines:
     * customers billed in the base currency are summed in SQL, each project-person-month line rounded there exactly
     * as {@link HoursRow} rounds it in Java, so that the summary is the sum of the lines the CSV, the JSON and the
     * customer's page show; customers billed in another currency are converted day by day as in {@link #report} and
     * summed in Java. Customers in name order, then months.
     */
    public BillableSummary summary(CustomerScope scope, LocalDate from, LocalDate to) {
        String base = baseCurrency();
        int digits = Math.max(0, Money.currency(base).getDefaultFractionDigits());
        Table<?> sums = periodSums(base, from, to, Parts.BASE, p -> DSL.noCondition());
        Field<Long> projectId = sums.field(TIME_DAILY.PROJECT_ID.getName(), Long.class);
        Field<Long> personId = sums.field(TIME_DAILY.PERSON_ID.getName(), Long.class);
        Field<LocalDate> month = sums.field(TIME_DAILY.DAY.getName(), LocalDate.class);
        Field<Long> billable = sums.field(TIME_DAILY.BILLABLE_SECONDS.getName(), Long.class);
        Field<Long> unbilled = sums.field(TIME_DAILY.UNBILLED_SECONDS.getName(), Long.class);
        Field<BigDecimal> rate = coalesce(PROJECT_MEMBERS.HOURLY_RATE, PROJECTS.HOURLY_RATE);
        // A line's hours are its seconds / 3,600 half-even to hundredths: seconds / 36 half-even, in hundredths.
        Field<BigDecimal> hundredths = sum(halfEvenDiv(billable, 36));
        Field<BigDecimal> unbilledHundredths = sum(halfEvenDiv(unbilled, 36));
        // A line's amount is seconds × rate / 3,600, which Java divides half-even to 10 decimals and then rounds
        // half-even to the minor unit. Rates have at most 4 decimals (numeric(14, 4)), so the exact quotient is
        // either a tie at the minor unit or at least 1/36,000,000 away from one, and the first rounding never moves
        // it across: one exact half-even division to the minor unit gives the same cents.
        Field<BigDecimal> minorUnits =
                sum(halfEvenDiv(rate.mul(billable).mul(BigDecimal.TEN.pow(digits)), BigDecimal.valueOf(3600)));
        Field<Boolean> unpriced = DSL.boolOr(rate.isNull());
        List<CustomerMonth> lines = new ArrayList<>();
        dsl.select(CUSTOMERS.ID, CUSTOMERS.NAME, month, hundredths, unbilledHundredths, minorUnits, unpriced)
                .from(sums)
                .join(PROJECTS)
                .on(PROJECTS.ID.eq(projectId))
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID))
                .leftJoin(PROJECT_MEMBERS)
                .on(PROJECT_MEMBERS.PROJECT_ID.eq(projectId).and(PROJECT_MEMBERS.PERSON_ID.eq(personId)))
                .where(counted(scope, billable))
                .groupBy(CUSTOMERS.ID, CUSTOMERS.NAME, month)
                .forEach(r -> lines.add(new CustomerMonth(
                        r.value1(),
                        r.value2(),
                        YearMonth.from(r.value3()),
                        r.value4().movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY),
                        r.value5().movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY),
                        r.value6() == null
                                ? BigDecimal.ZERO
                                : r.value6().movePointLeft(digits).setScale(digits, RoundingMode.UNNECESSARY),
                        r.value7())));
        BillableHours foreign =
                report(scope, from, to, false, Parts.FOREIGN, p -> DSL.noCondition(), this::projectRanks);
        lines.addAll(foreign.byCustomerAndMonth());
        Map<Long, Integer> rank = customerRanks();
        lines.sort(Comparator.<CustomerMonth>comparingInt(c -> rank.getOrDefault(c.customerId(), Integer.MAX_VALUE))
                .thenComparing(CustomerMonth::month));
        return new BillableSummary(from, to, base, lines, foreign.ratesUsed(), foreign.missingRates());
    }

    /**
     * At most {@code limit} lines of the report, in its order, starting after line {@code after} ({@code null}: from
     * the first), with the budgets of their projects, and the cursor of the next page ({@code null} on the last).
     * Only as many projects are read as the page needs, in growing batches, so a page costs the same at the start
     * and at the end of a year of a thousand projects. A cursor whose project no longer exists is refused.
     */
    public LinePage page(CustomerScope scope, LocalDate from, LocalDate to, LineCursor after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit is at least 1, not " + limit);
        }
        List<Long> order = projectOrder(scope);
        int next = 0;
        if (after != null) {
            next = order.indexOf(after.projectId());
            if (next < 0) {
                throw new IllegalArgumentException("the page cursor names project " + after.projectId()
                        + ", which this report no longer has; start again without 'after'");
            }
        }
        Map<Long, Integer> rank = new HashMap<>();
        order.forEach(id -> rank.put(id, rank.size()));
        List<HoursRow> rows = new ArrayList<>();
        int batch = Math.max(16, limit / 8);
        while (next < order.size() && rows.size() <= limit) {
            Set<Long> ids = new HashSet<>(order.subList(next, Math.min(order.size(), next + batch)));
            next += ids.size();
            batch *= 2;
            for (HoursRow r : report(scope, from, to, false, Parts.ALL, p -> p.in(ids), () -> rank)
                    .rows()) {
                if (after == null || !after.passed(r)) {
                    rows.add(r);
                }
            }
        }
        LineCursor cursor = null;
        if (rows.size() > limit) {
            rows = rows.subList(0, limit);
            HoursRow last = rows.getLast();
            cursor = new LineCursor(last.projectId(), last.personId(), last.month());
        }
        return new LinePage(
                new BillableHours(from, to, baseCurrency(), rows, budgets(scope, rows), List.of(), List.of()), cursor);
    }

    /** One page of the report's lines (its rates left to the {@link #summary}) and the cursor of the next. */
    public record LinePage(BillableHours lines, LineCursor next) {}

    /**
     * Where a page of lines ended: its last line's project, person and month, written {@code 12.34.2025-03}. Lines
     * after it are those of the same project with a greater person or month, then those of later projects.
     */
    public record LineCursor(long projectId, long personId, YearMonth month) {
        /** Reads a cursor as {@link #toString} writes it; anything else is an IllegalArgumentException saying so. */
        public static LineCursor parse(String s) {
            String[] parts = s.strip().split("\\.", 3);
            try {
                return new LineCursor(Long.parseLong(parts[0]), Long.parseLong(parts[1]), YearMonth.parse(parts[2]));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "'after' is the 'next' cursor of a previous page, such as 12.34.2025-03, not " + s);
            }
        }

        /** True when {@code r} is this line or an earlier one of the same project: it was on a page before. */
        boolean passed(HoursRow r) {
            if (r.projectId() != projectId) {
                return false;
            }
            return r.personId() < personId
                    || (r.personId() == personId && !r.month().isAfter(month));
        }

        @Override
        public String toString() {
            return projectId + "." + personId + "." + month;
        }
    }

    /** The organisation's time zone: the days and months of a report are its calendar days. */
    public java.time.ZoneId timeZone() {
        return dev.clarity.crm.money.JooqBillingSettings.zone(dsl);
    }

    private String baseCurrency() {
        return dsl.select(ORGANISATION_SETTINGS.BASE_CURRENCY)
                .from(ORGANISATION_SETTINGS)
                .fetchSingle()
                .value1();
    }

    /** The billable projects of the scope in the report's order: customer name, project name, id. */
    private List<Long> projectOrder(CustomerScope scope) {
        Condition c = PROJECTS.BILLABLE.isTrue();
        if (scope.customerId() != null) {
            c = c.and(CUSTOMERS.ID.eq(scope.customerId()));
        }
        if (scope.managerId() != null) {
            c = c.and(CUSTOMERS.MANAGER_ID.eq(scope.managerId()));
        }
        return dsl.select(PROJECTS.ID)
                .from(PROJECTS)
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID))
                .where(c)
                .orderBy(CUSTOMERS.NAME, PROJECTS.NAME, PROJECTS.ID)
                .fetch(PROJECTS.ID);
    }

    /** Every customer's place when ordered by name (then id). */
    private Map<Long, Integer> customerRanks() {
        Map<Long, Integer> rank = new HashMap<>();
        for (Long id : dsl.select(CUSTOMERS.ID)
                .from(CUSTOMERS)
                .orderBy(CUSTOMERS.NAME, CUSTOMERS.ID)
                .fetch(CUSTOMERS.ID)) {
            rank.put(id, rank.size());
        }
        return rank;
    }

    /**
     * {@code n / d} rounded half-even to a whole number, exactly, for {@code n >= 0} and {@code d > 0} (PostgreSQL's
     * {@code round} rounds halves away from zero, Java's money rounds them to even).
     */
    private static Field<Long> halfEvenDiv(Field<Long> n, long d) {
        return DSL.field(
                "({0} / {1} + case when 2 * ({0} % {1}) > {1} then 1 when 2 * ({0} % {1}) = {1} then ({0} / {1}) % 2"
                        + " else 0 end)",
                SQLDataType.BIGINT, n, DSL.inline(d));
    }

    /** {@link #halfEvenDiv(Field, long)} in numeric, for what bigint could overflow. */
    private static Field<BigDecimal> halfEvenDiv(Field<?> n, BigDecimal d) {
        return DSL.field(
                "(div({0}::numeric, {1}) + case when 2 * mod({0}::numeric, {1}) > {1} then 1"
                        + " when 2 * mod({0}::numeric, {1}) = {1} then mod(div({0}::numeric, {1}), 2) else 0 end)",
                SQLDataType.NUMERIC, n, DSL.inline(d));
    }

    /** Adds one line of the query (a month, or a day of another currency) to its project, person and month. */
    private static void add(
            ResultSet r,
            Map<Key, Month> months,
            RateTable rates,
            String base,
            Set<ExchangeRate> used,
            Set<String> missing)
            throws SQLException {
        LocalDate d = r.getObject(9, LocalDate.class);
        YearMonth month = YearMonth.from(d);
        Key key = new Key(r.getLong(4), r.getLong(6), month);
        Month m = months.get(key);
        if (m == null) {
            m = new Month(
                    r.getLong(1),
                    r.getString(2),
                    r.getString(3),
                    key.projectId(),
                    r.getString(5),
                    key.personId(),
                    r.getString(7),
                    month);
            months.put(key, m);
        }
        long s = r.getLong(10);
        m.seconds += s;
        m.unbilled += r.getLong(11);
        BigDecimal hourly = r.getBigDecimal(8);
        if (hourly == null) {
            m.unpriced = true;
            return;
        }
        // seconds × hourly rate, divided by 3,600 once per line (in row()), not per day
        BigDecimal value = hourly.multiply(BigDecimal.valueOf(s));
        m.amount = m.amount.add(value);
        if (m.currency.equals(base)) {
            m.amountInBase = m.amountInBase.add(value);
            return;
        }
        Optional<ExchangeRate> fx = rates.on(m.currency, base, d);
        if (fx.isEmpty()) {
            missing.add(m.currency + " to " + base + " on " + d);
            m.unconverted = true;
        } else {
            used.add(fx.get());
            m.amountInBase = m.amountInBase.add(value.multiply(fx.get().rate()));
        }
    }

    /** Every project's place when ordered by customer name, then project name (the report's line order). */
    private Map<Long, Integer> projectRanks() {
        Map<Long, Integer> rank = new HashMap<>();
        for (Long id : dsl.select(PROJECTS.ID)
                .from(PROJECTS)
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID))
                .orderBy(CUSTOMERS.NAME, PROJECTS.NAME, PROJECTS.ID)
                .fetch(PROJECTS.ID)) {
            rank.put(id, rank.size());
        }
        return rank;
    }

    private record Key(long projectId, long personId, YearMonth month) {}

    /**
     * The sums of the period per project, person and day, as (project_id, person_id, day, billable_seconds,
     * unbilled_seconds): the whole months of customers billed in the base currency from {@code time_monthly} (day is
     * then the month's first day), the partial first and last months and every day of customers billed in another
     * currency from {@code time_daily}, since those are converted with each day's rate. No day is read twice.
     */
    private Table<?> periodSums(
            String base, LocalDate from, LocalDate to, Parts parts, Function<Field<Long>, Condition> only) {
        LocalDate wholeFrom =
                from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        LocalDate wholeTo = to.getDayOfMonth() == to.lengthOfMonth()
                ? to
                : to.withDayOfMonth(1).minusDays(1);
        // the projects of customers billed in another currency, read first: as a subquery, PostgreSQL scanned every
        // day of the period for them even when there were none
        Set<Long> foreignIds = new HashSet<>(dsl.select(PROJECTS.ID)
                .from(PROJECTS)
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID))
                .where(CUSTOMERS.BILLING_CURRENCY.ne(base))
                .fetch(PROJECTS.ID));
        Function<Field<Long>, Condition> notForeign =
                p -> foreignIds.isEmpty() ? DSL.noCondition() : p.notIn(foreignIds);
        var inForeign = days(
                foreignIds.isEmpty()
                        ? DSL.falseCondition()
                        : TIME_DAILY
                                .DAY
                                .between(from, to)
                                .and(TIME_DAILY.PROJECT_ID.in(foreignIds))
                                .and(only.apply(TIME_DAILY.PROJECT_ID)));
        if (parts == Parts.FOREIGN) {
            return inForeign.asTable("sums");
        }
        Select<Record5<Long, Long, LocalDate, Long, Long>> inBase;
        if (wholeFrom.isAfter(wholeTo)) {
            inBase = monthsOfDays(TIME_DAILY
                    .DAY
                    .between(from, to)
                    .and(notForeign.apply(TIME_DAILY.PROJECT_ID))
                    .and(only.apply(TIME_DAILY.PROJECT_ID)));
        } else {
            inBase = dsl.select(
                            TIME_MONTHLY.PROJECT_ID,
                            TIME_MONTHLY.PERSON_ID,
                            TIME_MONTHLY.MONTH.as(TIME_DAILY.DAY.getName()),
                            TIME_MONTHLY.BILLABLE_SECONDS,
                            TIME_MONTHLY.UNBILLED_SECONDS)
                    .from(TIME_MONTHLY)
                    .where(TIME_MONTHLY.MONTH.between(wholeFrom, wholeTo))
                    .and(notForeign.apply(TIME_MONTHLY.PROJECT_ID))
                    .and(only.apply(TIME_MONTHLY.PROJECT_ID))
                    .unionAll(monthsOfDays(TIME_DAILY
                            .DAY
                            .lt(wholeFrom)
                            .and(TIME_DAILY.DAY.ge(from))
                            .or(TIME_DAILY.DAY.gt(wholeTo).and(TIME_DAILY.DAY.le(to)))
                            .and(notForeign.apply(TIME_DAILY.PROJECT_ID))
                            .and(only.apply(TIME_DAILY.PROJECT_ID))));
        }
        return parts == Parts.BASE
                ? inBase.asTable("sums")
                : inBase.unionAll(inForeign).asTable("sums");
    }

    /** Which customers' time {@link #periodSums} reads: those billed in the base currency, in another, or all. */
    private enum Parts {
        BASE,
        FOREIGN,
        ALL
    }

    /** The days {@code which} summed per project, person and month (the month's first day standing for it). */
    private SelectHavingStep<Record5<Long, Long, LocalDate, Long, Long>> monthsOfDays(Condition which) {
        Field<LocalDate> month = DSL.field("date_trunc('month', {0})::date", LocalDate.class, TIME_DAILY.DAY);
        return dsl.select(
                        TIME_DAILY.PROJECT_ID,
                        TIME_DAILY.PERSON_ID,
                        month.as(TIME_DAILY.DAY.getName()),
                        sum(TIME_DAILY.BILLABLE_SECONDS)
                                .cast(SQLDataType.BIGINT)
                                .as(TIME_DAILY.BILLABLE_SECONDS.getName()),
                        sum(TIME_DAILY.UNBILLED_SECONDS)
                                .cast(SQLDataType.BIGINT)
                                .as(TIME_DAILY.UNBILLED_SECONDS.getName()))
                .from(TIME_DAILY)
                .where(which)
                .and(TIME_DAILY.BILLABLE_SECONDS.gt(0L))
                .groupBy(TIME_DAILY.PROJECT_ID, TIME_DAILY.PERSON_ID, month);
    }

    private SelectConditionStep<Record5<Long, Long, LocalDate, Long, Long>> days(Condition which) {
        return dsl.select(
                        TIME_DAILY.PROJECT_ID,
                        TIME_DAILY.PERSON_ID,
                        TIME_DAILY.DAY,
                        TIME_DAILY.BILLABLE_SECONDS,
                        TIME_DAILY.UNBILLED_SECONDS)
                .from(TIME_DAILY)
                .where(which);
    }

    private List<BudgetUse> budgets(CustomerScope scope, List<HoursRow> rows) {
        Set<Long> projects = new TreeSet<>();
        rows.forEach(r -> projects.add(r.projectId()));
        if (projects.isEmpty()) {
            return List.of();
        }
        Field<BigDecimal> rate = coalesce(PROJECT_MEMBERS.HOURLY_RATE, PROJECTS.HOURLY_RATE);
        Field<BigDecimal> seconds = sum(TIME_TOTALS.BILLABLE_SECONDS);
        Map<Long, BudgetUse> uses = new LinkedHashMap<>();
        dsl.select(
                        PROJECTS.ID,
                        PROJECTS.NAME,
                        CUSTOMERS.NAME,
                        PROJECTS.BUDGET_HOURS,
                        PROJECTS.BUDGET_MONEY,
                        CUSTOMERS.BILLING_CURRENCY,
                        rate,
                        seconds)
                .from(TIME_TOTALS)
                .join(PROJECTS)
                .on(PROJECTS.ID.eq(TIME_TOTALS.PROJECT_ID))
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID))
                .leftJoin(PROJECT_MEMBERS)
                .on(PROJECT_MEMBERS
                        .PROJECT_ID
                        .eq(TIME_TOTALS.PROJECT_ID)
                        .and(PROJECT_MEMBERS.PERSON_ID.eq(TIME_TOTALS.PERSON_ID)))
                .where(counted(scope, TIME_TOTALS.BILLABLE_SECONDS))
                .and(PROJECTS.ID.in(projects))
                .groupBy(
                        PROJECTS.ID,
                        PROJECTS.NAME,
                        CUSTOMERS.NAME,
                        PROJECTS.BUDGET_HOURS,
                        PROJECTS.BUDGET_MONEY,
                        CUSTOMERS.BILLING_CURRENCY,
                        rate)
                .orderBy(CUSTOMERS.NAME, PROJECTS.NAME)
                .forEach(r -> {
                    BigDecimal hours = r.get(seconds).divide(HOUR, 4, RoundingMode.HALF_EVEN);
                    BigDecimal money = r.get(rate) == null ? BigDecimal.ZERO : hours.multiply(r.get(rate));
                    uses.merge(
                            r.get(PROJECTS.ID),
                            new BudgetUse(
                                    r.get(PROJECTS.ID),
                                    r.get(PROJECTS.NAME),
                                    r.get(CUSTOMERS.NAME),
                                    hours,
                                    r.get(PROJECTS.BUDGET_HOURS),
                                    money,
                                    r.get(PROJECTS.BUDGET_MONEY),
                                    r.get(CUSTOMERS.BILLING_CURRENCY)),
                            (a, b) -> new BudgetUse(
                                    a.projectId(),
                                    a.project(),
                                    a.customer(),
                                    a.hoursUsed().add(b.hoursUsed()),
                                    a.budgetHours(),
                                    a.moneyUsed().add(b.moneyUsed()),
                                    a.budgetMoney(),
                                    a.currency()));
                });
        return uses.values().stream()
                .map(u -> new BudgetUse(
                        u.projectId(),
                        u.project(),
                        u.customer(),
                        u.hoursUsed(),
                        u.budgetHours(),
                        u.moneyUsed().setScale(2, RoundingMode.HALF_EVEN),
                        u.budgetMoney(),
                        u.currency()))
                .toList();
    }

    private static Condition counted(CustomerScope scope, Field<Long> billableSeconds) {
        // the roll-ups hold undeleted records only (their trigger says so); rows with no billable time are left out
        Condition c = PROJECTS.BILLABLE.isTrue().and(billableSeconds.gt(0L));
        if (scope.customerId() != null) {
            c = c.and(CUSTOMERS.ID.eq(scope.customerId()));
        }
        if (scope.managerId() != null) {
            c = c.and(CUSTOMERS.MANAGER_ID.eq(scope.managerId()));
        }
        return c;
    }

    /** A row being summed from its days; amounts are seconds × hourly rate until {@link #row}. */
    private static final class Month {
        final long customerId;
        final String customer;
        final String currency;
        final long projectId;
        final String project;
        final long personId;
        final String person;
        final YearMonth month;
        long seconds;
        long unbilled;
        BigDecimal amount = BigDecimal.ZERO;
        BigDecimal amountInBase = BigDecimal.ZERO;
        boolean unpriced;
        boolean unconverted;

        Month(
                long customerId,
                String customer,
                String currency,
                long projectId,
                String project,
                long personId,
                String person,
                YearMonth month) {
            this.customerId = customerId;
            this.customer = customer;
            this.currency = currency;
            this.projectId = projectId;
            this.project = project;
            this.personId = personId;
            this.person = person;
            this.month = month;
        }

        HoursRow row(Currency own, Currency base) {
            return new HoursRow(
                    customerId,
                    customer,
                    projectId,
                    project,
                    personId,
                    person,
                    month,
                    hours(seconds),
                    hours(unbilled),
                    unpriced ? null : new Money(amount.divide(HOUR, 10, RoundingMode.HALF_EVEN), own).rounded(),
                    unpriced || unconverted
                            ? null
                            : new Money(amountInBase.divide(HOUR, 10, RoundingMode.HALF_EVEN), base).rounded());
        }

        private static BigDecimal hours(long seconds) {
            return BigDecimal.valueOf(seconds).divide(HOUR, 2, RoundingMode.HALF_EVEN);
        }
    }
}
