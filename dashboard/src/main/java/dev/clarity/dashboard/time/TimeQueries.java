package dev.clarity.dashboard.time;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROJECT_MEMBERS;
import static dev.clarity.migrations.jooq.Tables.PROJECT_TASKS;
import static dev.clarity.migrations.jooq.Tables.TIME_TOTALS;

import dev.clarity.crm.time.TimeRecord;
import dev.clarity.crm.time.TimeScope;
import dev.clarity.dashboard.auth.CustomerAccess;
import dev.clarity.dashboard.auth.Viewer;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * Who may put time on what, and whose time they see: an admin everything; a manager the projects of the customers
 * they manage and the projects they are a member of, and their own time; a team member the projects they are a
 * member of and their own time; a client none (their projects' progress is read through {@code /api/projects}).
 * Thread-safe.
 */
public final class TimeQueries {
    private final DSLContext dsl;

    public TimeQueries(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** A project someone may track time on, with its open tasks. */
    public record ProjectOption(long id, String name, String customer, List<TaskOption> tasks) {}

    /** An open task of a project. */
    public record TaskOption(long id, String name) {}

    /** The active projects the viewer may put time on, by customer and name. */
    public List<ProjectOption> trackable(Viewer v) {
        var projects = dsl.select(PROJECTS.ID, PROJECTS.NAME, CUSTOMERS.NAME)
                .from(PROJECTS)
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID))
                .where(PROJECTS.ARCHIVED_AT.isNull())
                .and(trackableBy(v))
                .orderBy(CUSTOMERS.NAME, PROJECTS.NAME)
                .limit(500)
                .fetch();
        List<Long> ids = projects.map(r -> r.value1());
        var tasks = dsl.select(PROJECT_TASKS.PROJECT_ID, PROJECT_TASKS.ID, PROJECT_TASKS.NAME)
                .from(PROJECT_TASKS)
                .where(PROJECT_TASKS.PROJECT_ID.in(ids))
                .and(PROJECT_TASKS.ARCHIVED_AT.isNull())
                .and(PROJECT_TASKS.DONE_AT.isNull())
                .orderBy(PROJECT_TASKS.POSITION, PROJECT_TASKS.ID)
                .fetchGroups(PROJECT_TASKS.PROJECT_ID, r -> new TaskOption(r.value2(), r.value3()));
        return projects.map(
                r -> new ProjectOption(r.value1(), r.value2(), r.value3(), tasks.getOrDefault(r.value1(), List.of())));
    }

    public boolean mayTrack(Viewer v, long projectId) {
        return dsl.fetchExists(PROJECTS, PROJECTS.ID.eq(projectId).and(trackableBy(v)));
    }

    /** Whether the viewer may correct or delete the record: their own, or (admin, manager) of projects they run. */
    public boolean mayChange(Viewer v, TimeRecord r) {
        return switch (v.role()) {
            case ADMIN -> true;
            case MANAGER -> r.personId() == v.personId() || manages(v, r.projectId());
            case TEAM_MEMBER -> r.personId() == v.personId();
            case CLIENT -> false;
        };
    }

    /** The time records the viewer sees. */
    public static TimeScope scope(Viewer v) {
        return switch (v.role()) {
            case ADMIN -> TimeScope.all();
            case MANAGER -> new TimeScope(null, v.personId(), null, null);
            case TEAM_MEMBER -> new TimeScope(v.personId(), null, null, null);
            case CLIENT -> new TimeScope(null, null, v.customerId() == null ? -1L : v.customerId(), null);
        };
    }

    private boolean manages(Viewer v, long projectId) {
        return dsl.fetchExists(DSL.selectOne()
                .from(PROJECTS)
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID))
                .where(PROJECTS.ID.eq(projectId))
                .and(CUSTOMERS.MANAGER_ID.eq(v.personId())));
    }

    private static Condition trackableBy(Viewer v) {
        Condition member = PROJECTS.ID.in(DSL.select(PROJECT_MEMBERS.PROJECT_ID)
                .from(PROJECT_MEMBERS)
                .where(PROJECT_MEMBERS.PERSON_ID.eq(v.personId())));
        return switch (v.role()) {
            case ADMIN -> DSL.noCondition();
            // a manager also puts time on the projects they work on for customers someone else manages
            case MANAGER -> member.or(CustomerAccess.reached(v, PROJECTS.CUSTOMER_ID));
            // the projects a team member reaches anywhere (ADR 0040): those they are a member of
            case TEAM_MEMBER -> CustomerAccess.reachedProjects(v, PROJECTS.ID, PROJECTS.CUSTOMER_ID);
            case CLIENT -> DSL.falseCondition();
        };
    }

    /**
     * A project's billing and progress as the API shows it (clients included: their own projects' progress).
     *
     * @param hourlyRate null for none; budgets likewise
     * @param machineRate the project's own machine rate per hour in the base currency; null: the organisation's
     */
    public record Progress(
            java.math.BigDecimal hourlyRate,
            java.math.BigDecimal budgetHours,
            java.math.BigDecimal budgetMoney,
            java.math.BigDecimal machineRate,
            boolean billable,
            String rounding,
            long recordedSeconds,
            long billableSeconds) {}

    /** The billing and time recorded of each project in {@code ids} (one grouped read over the project index). */
    public java.util.Map<Long, Progress> progress(List<Long> ids) {
        var time = dsl.select(
                        TIME_TOTALS.PROJECT_ID, DSL.sum(TIME_TOTALS.SECONDS), DSL.sum(TIME_TOTALS.BILLABLE_SECONDS))
                .from(TIME_TOTALS)
                .where(TIME_TOTALS.PROJECT_ID.in(ids))
                .groupBy(TIME_TOTALS.PROJECT_ID)
                .fetchMap(r -> r.value1(), r ->
                        new long[] {r.value2().longValue(), r.value3().longValue()});
        return dsl.select(
                        PROJECTS.ID,
                        PROJECTS.HOURLY_RATE,
                        PROJECTS.BUDGET_HOURS,
                        PROJECTS.BUDGET_MONEY,
                        PROJECTS.MACHINE_RATE,
                        PROJECTS.BILLABLE,
                        PROJECTS.ROUNDING)
                .from(PROJECTS)
                .where(PROJECTS.ID.in(ids))
                .fetchMap(r -> r.value1(), r -> {
                    long[] t = time.getOrDefault(r.value1(), new long[2]);
                    return new Progress(
                            r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7(), t[0], t[1]);
                });
    }
}
