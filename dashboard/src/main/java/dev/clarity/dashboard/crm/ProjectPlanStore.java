package dev.clarity.dashboard.crm;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.MILESTONES;
import static dev.clarity.migrations.jooq.Tables.ORGANISATION_SETTINGS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROJECT_MEMBERS;
import static dev.clarity.migrations.jooq.Tables.PROJECT_TASKS;
import static dev.clarity.migrations.jooq.Tables.TIME_DAILY;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/**
 * A project's plan: billing settings, milestones, tasks and members, read as one {@link ProjectPlan} and changed by
 * intent ({@link #bill}, {@link #addMilestone}, {@link #addTask}, {@link #putMember}). Thread-safe.
 */
public final class ProjectPlanStore {
    private final DSLContext dsl;
    private final InstantSource clock;
    private final Audit audit;

    public ProjectPlanStore(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
        this.audit = new Audit(clock);
    }

    public Optional<ProjectPlan> plan(long id) {
        var p = dsl.select(
                        PROJECTS.NAME,
                        CUSTOMERS.NAME,
                        CUSTOMERS.BILLING_CURRENCY,
                        PROJECTS.HOURLY_RATE,
                        PROJECTS.BUDGET_HOURS,
                        PROJECTS.BUDGET_MONEY,
                        PROJECTS.BILLABLE,
                        PROJECTS.ROUNDING,
                        PROJECTS.MACHINE_RATE)
                .from(PROJECTS)
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID))
                .where(PROJECTS.ID.eq(id))
                .fetchOne();
        if (p == null) {
            return Optional.empty();
        }
        var organisation = dsl.select(ORGANISATION_SETTINGS.BASE_CURRENCY, ORGANISATION_SETTINGS.MACHINE_RATE)
                .from(ORGANISATION_SETTINGS)
                .fetchSingle();
        var time = dsl.select(
                        DSL.coalesce(DSL.sum(TIME_DAILY.SECONDS), BigDecimal.ZERO),
                        DSL.coalesce(DSL.sum(TIME_DAILY.BILLABLE_SECONDS), BigDecimal.ZERO))
                .from(TIME_DAILY)
                .where(TIME_DAILY.PROJECT_ID.eq(id))
                .fetchOne();
        return Optional.of(new ProjectPlan(
                id,
                p.value1(),
                p.value2(),
                p.value3(),
                p.value4(),
                p.value5(),
                p.value6(),
                p.value7(),
                p.value8(),
                p.value9(),
                organisation.value1(),
                organisation.value2(),
                time.value1().longValue(),
                time.value2().longValue(),
                dsl.select(MILESTONES.ID, MILESTONES.NAME, MILESTONES.DUE_ON)
                        .from(MILESTONES)
                        .where(MILESTONES.PROJECT_ID.eq(id))
                        .and(MILESTONES.ARCHIVED_AT.isNull())
                        .orderBy(MILESTONES.POSITION, MILESTONES.ID)
                        .fetch(r -> new ProjectPlan.Milestone(r.value1(), r.value2(), r.value3())),
                dsl.select(
                                PROJECT_TASKS.ID,
                                PROJECT_TASKS.MILESTONE_ID,
                                PROJECT_TASKS.NAME,
                                PROJECT_TASKS.BILLABLE,
                                PROJECT_TASKS.DONE_AT)
                        .from(PROJECT_TASKS)
                        .where(PROJECT_TASKS.PROJECT_ID.eq(id))
                        .and(PROJECT_TASKS.ARCHIVED_AT.isNull())
                        .orderBy(PROJECT_TASKS.POSITION, PROJECT_TASKS.ID)
                        .fetch(r -> new ProjectPlan.Task(
                                r.value1(), r.value2(), r.value3(), r.value4(), r.value5() != null)),
                dsl.select(PEOPLE.ID, PEOPLE.LOGIN, PROJECT_MEMBERS.HOURLY_RATE)
                        .from(PROJECT_MEMBERS)
                        .join(PEOPLE)
                        .on(PEOPLE.ID.eq(PROJECT_MEMBERS.PERSON_ID))
                        .where(PROJECT_MEMBERS.PROJECT_ID.eq(id))
                        .orderBy(PEOPLE.LOGIN)
                        .fetch(r -> new ProjectPlan.Member(r.value1(), r.value2(), r.value3())),
                dsl.select(EXECUTIONS.ID, EXECUTIONS.BADGE, EXECUTIONS.CREATED_AT)
                        .from(EXECUTIONS)
                        .where(EXECUTIONS.PROJECT_ID.eq(id))
                        .orderBy(EXECUTIONS.ID.desc())
                        .limit(20)
                        .fetch(r -> new ProjectPlan.ExecutionLine(r.value1(), r.value2(), r.value3()))));
    }

    /**
     * Sets the project's billing terms (its machine rate too), audited ({@code project.billing}) in the same
     * transaction.
     */
    public void bill(long id, ProjectBilling b, String actor) {
        dsl.transaction(cfg -> {
            cfg.dsl()
                    .update(PROJECTS)
                    .set(PROJECTS.HOURLY_RATE, b.hourlyRate())
                    .set(PROJECTS.BUDGET_HOURS, b.budgetHours())
                    .set(PROJECTS.BUDGET_MONEY, b.budgetMoney())
                    .set(PROJECTS.BILLABLE, b.billable())
                    .set(PROJECTS.ROUNDING, b.rounding().spelling())
                    .set(PROJECTS.MACHINE_RATE, b.machineRate())
                    .set(PROJECTS.UPDATED_AT, now())
                    .where(PROJECTS.ID.eq(id))
                    .execute();
            audit.write(
                    cfg.dsl(),
                    AuditEntry.of(
                            actor,
                            "project.billing",
                            "project",
                            id,
                            "rate " + b.hourlyRate() + ", billable " + b.billable() + ", rounding "
                                    + b.rounding().spelling() + ", machine rate "
                                    + (b.machineRate() == null
                                            ? "the organisation's"
                                            : b.machineRate().toPlainString())));
        });
    }

    /** Adds a milestone, audited ({@code project.milestone-added}) in the same transaction. */
    public long addMilestone(long project, String name, LocalDate dueOn, String actor) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            long id = tx.insertInto(MILESTONES)
                    .set(MILESTONES.PROJECT_ID, project)
                    .set(MILESTONES.NAME, name)
                    .set(MILESTONES.DUE_ON, dueOn)
                    .set(MILESTONES.POSITION, tx.fetchCount(MILESTONES, MILESTONES.PROJECT_ID.eq(project)))
                    .set(MILESTONES.CREATED_AT, now())
                    .returning(MILESTONES.ID)
                    .fetchOne(MILESTONES.ID);
            audit.write(tx, AuditEntry.of(actor, "project.milestone-added", "project", project, "milestone " + id));
            return id;
        });
    }

    /** Whether {@code milestone} is a live milestone of {@code project}. */
    public boolean hasMilestone(long project, long milestone) {
        return dsl.fetchExists(
                MILESTONES,
                MILESTONES
                        .ID
                        .eq(milestone)
                        .and(MILESTONES.PROJECT_ID.eq(project))
                        .and(MILESTONES.ARCHIVED_AT.isNull()));
    }

    /** Adds a task, audited ({@code project.task-added}) in the same transaction. */
    public long addTask(long project, Long milestone, String name, Boolean billable, String actor) {
        return dsl.transactionResult(cfg -> {
            DSLContext tx = cfg.dsl();
            long id = tx.insertInto(PROJECT_TASKS)
                    .set(PROJECT_TASKS.PROJECT_ID, project)
                    .set(PROJECT_TASKS.MILESTONE_ID, milestone)
                    .set(PROJECT_TASKS.NAME, name)
                    .set(PROJECT_TASKS.BILLABLE, billable)
                    .set(PROJECT_TASKS.POSITION, tx.fetchCount(PROJECT_TASKS, PROJECT_TASKS.PROJECT_ID.eq(project)))
                    .set(PROJECT_TASKS.CREATED_AT, now())
                    .returning(PROJECT_TASKS.ID)
                    .fetchOne(PROJECT_TASKS.ID);
            audit.write(tx, AuditEntry.of(actor, "project.task-added", "project", project, "task " + id));
            return id;
        });
    }

    /** The id of the active staff member with {@code login}, if there is one. */
    public Optional<Long> staff(String login) {
        return dsl.select(PEOPLE.ID)
                .from(PEOPLE)
                .where(PEOPLE.LOGIN.equalIgnoreCase(login))
                .and(PEOPLE.ROLE.ne("client"))
                .and(PEOPLE.ARCHIVED_AT.isNull())
                .fetchOptional(PEOPLE.ID);
    }

    /**
     * Adds the person to the project, or changes their rate there ({@code rate} null: the project's), audited
     * ({@code project.member-set}) in the same transaction.
     */
    public void putMember(long project, long person, BigDecimal rate, String actor) {
        dsl.transaction(cfg -> {
            cfg.dsl()
                    .insertInto(PROJECT_MEMBERS)
                    .set(PROJECT_MEMBERS.PROJECT_ID, project)
                    .set(PROJECT_MEMBERS.PERSON_ID, person)
                    .set(PROJECT_MEMBERS.HOURLY_RATE, rate)
                    .set(PROJECT_MEMBERS.ADDED_AT, now())
                    .onConflict(PROJECT_MEMBERS.PROJECT_ID, PROJECT_MEMBERS.PERSON_ID)
                    .doUpdate()
                    .set(PROJECT_MEMBERS.HOURLY_RATE, rate)
                    .execute();
            audit.write(
                    cfg.dsl(),
                    AuditEntry.of(
                            actor,
                            "project.member-set",
                            "project",
                            project,
                            "person " + person + " at "
                                    + (rate == null ? "the project's rate" : rate.toPlainString())));
        });
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
