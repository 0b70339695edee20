package dev.clarity.crm.time;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PEOPLE;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.PROJECT_TASKS;
import static dev.clarity.migrations.jooq.Tables.TIMERS;
import static dev.clarity.migrations.jooq.Tables.TIME_RECORDS;
import static dev.clarity.migrations.jooq.Tables.TIME_RECORD_CHANGES;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import dev.clarity.migrations.jooq.tables.records.TimeRecordsRecord;
import dev.clarity.migrations.jooq.tables.records.TimersRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Timers, time records and their trail in PostgreSQL. Intent methods only; {@link TimeTracking} decides, this
 * stores. {@link #inTransaction} gives a store bound to one transaction, in which {@link #lockPerson} serialises
 * everything one person does (two tabs starting two timers, two corrections racing an overlap check). Thread-safe.
 */
public final class JooqTimeStore {
    private final DSLContext dsl;

    public JooqTimeStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    public <T> T inTransaction(Function<JooqTimeStore, T> work) {
        return dsl.transactionResult(cfg -> work.apply(new JooqTimeStore(DSL.using(cfg))));
    }

    /** Locks the person's row until the transaction ends; false when there is no such person. */
    public boolean lockPerson(long personId) {
        return dsl.select(PEOPLE.ID)
                .from(PEOPLE)
                .where(PEOPLE.ID.eq(personId))
                .forUpdate()
                .fetchOptional()
                .isPresent();
    }

    public Optional<ProjectRules> project(long projectId) {
        return dsl.select(
                        PROJECTS.ID,
                        PROJECTS.CUSTOMER_ID,
                        PROJECTS.NAME,
                        PROJECTS.ROUNDING,
                        PROJECTS.BILLABLE,
                        PROJECTS.ARCHIVED_AT)
                .from(PROJECTS)
                .where(PROJECTS.ID.eq(projectId))
                .fetchOptional(r -> new ProjectRules(
                        r.value1(),
                        r.value2(),
                        r.value3(),
                        Rounding.parse(r.value4()).orElse(Rounding.NONE),
                        r.value5(),
                        r.value6() != null));
    }

    /**
     * The billable setting of task {@code taskId} when it belongs to {@code projectId} and is not archived: empty
     * when it does not; the inner value is empty when the task follows its project.
     */
    public Optional<Optional<Boolean>> task(long taskId, long projectId) {
        return dsl.select(PROJECT_TASKS.BILLABLE)
                .from(PROJECT_TASKS)
                .where(PROJECT_TASKS.ID.eq(taskId))
                .and(PROJECT_TASKS.PROJECT_ID.eq(projectId))
                .and(PROJECT_TASKS.ARCHIVED_AT.isNull())
                .fetchOptional(r -> Optional.ofNullable(r.value1()));
    }

    public Optional<Timer> timer(long personId) {
        return dsl.selectFrom(TIMERS).where(TIMERS.PERSON_ID.eq(personId)).fetchOptional(JooqTimeStore::timer);
    }

    /** Creates or replaces the person's timer (the primary key keeps it to one). */
    public void saveTimer(Timer t) {
        TimersRecord r = new TimersRecord();
        r.setPersonId(t.personId());
        r.setProjectId(t.projectId());
        r.setProjectTaskId(t.projectTaskId());
        r.setNote(t.note());
        r.setStartedAt(at(t.startedAt()));
        r.setSegmentStartedAt(at(t.segmentStartedAt()));
        r.setPausedAt(at(t.pausedAt()));
        r.setAccumulatedSeconds(t.accumulatedSeconds());
        dsl.insertInto(TIMERS)
                .set(r)
                .onConflict(TIMERS.PERSON_ID)
                .doUpdate()
                .set(r)
                .execute();
    }

    public void deleteTimer(long personId) {
        dsl.deleteFrom(TIMERS).where(TIMERS.PERSON_ID.eq(personId)).execute();
    }

    /** Inserts a record and returns it with its id. */
    public TimeRecord insert(TimeRecord t, Instant now) {
        TimeRecordsRecord r = values(t, now);
        r.setSource(t.source());
        r.setCreatedAt(at(now));
        return dsl.insertInto(TIME_RECORDS).set(r).returning().fetchOne(JooqTimeStore::record);
    }

    /** Replaces the correctable values of record {@code t.id()}. */
    public TimeRecord update(TimeRecord t, Instant now) {
        return dsl.update(TIME_RECORDS)
                .set(values(t, now))
                .where(TIME_RECORDS.ID.eq(t.id()))
                .returning()
                .fetchOne(JooqTimeStore::record);
    }

    public TimeRecord markDeleted(long id, Instant now) {
        return dsl.update(TIME_RECORDS)
                .set(TIME_RECORDS.DELETED_AT, at(now))
                .set(TIME_RECORDS.UPDATED_AT, at(now))
                .where(TIME_RECORDS.ID.eq(id))
                .returning()
                .fetchOne(JooqTimeStore::record);
    }

    public Optional<TimeRecord> find(long id) {
        return dsl.selectFrom(TIME_RECORDS).where(TIME_RECORDS.ID.eq(id)).fetchOptional(JooqTimeStore::record);
    }

    /**
     * A live record of the person that shares time with [{@code from}, {@code to}), other than {@code except}; the
     * person index finds the candidates, which start before {@code to}.
     */
    public Optional<TimeRecord> overlapping(long personId, Instant from, Instant to, Long except) {
        var ends = DSL.field(
                "{0} + make_interval(secs => {1})",
                SQLDataType.TIMESTAMPWITHTIMEZONE, TIME_RECORDS.STARTED_AT, TIME_RECORDS.SECONDS);
        return dsl.selectFrom(TIME_RECORDS)
                .where(TIME_RECORDS.PERSON_ID.eq(personId))
                .and(TIME_RECORDS.DELETED_AT.isNull())
                .and(TIME_RECORDS.STARTED_AT.lt(at(to)))
                .and(ends.gt(at(from)))
                .and(except == null ? DSL.noCondition() : TIME_RECORDS.ID.ne(except))
                .orderBy(TIME_RECORDS.STARTED_AT)
                .limit(1)
                .fetchOptional(JooqTimeStore::record);
    }

    public void change(
            long recordId, Instant at, String actor, String action, String before, String after, String reason) {
        dsl.insertInto(TIME_RECORD_CHANGES)
                .set(TIME_RECORD_CHANGES.TIME_RECORD_ID, recordId)
                .set(TIME_RECORD_CHANGES.CHANGED_AT, at(at))
                .set(TIME_RECORD_CHANGES.ACTOR, actor)
                .set(TIME_RECORD_CHANGES.ACTION, action)
                .set(TIME_RECORD_CHANGES.BEFORE_JSON, before)
                .set(TIME_RECORD_CHANGES.AFTER_JSON, after)
                .set(TIME_RECORD_CHANGES.REASON, reason)
                .execute();
    }

    /**
     * Writes {@code entry} about time record {@code recordId} when {@code entry.actor()} is not the login of the person
     * whose time it is: a person's own time is in its trail only, a change by someone else is also in the audit table.
     */
    public void auditWhenNotOwn(Audit audit, long recordId, AuditEntry entry) {
        String owner = dsl.select(PEOPLE.LOGIN)
                .from(TIME_RECORDS)
                .join(PEOPLE)
                .on(PEOPLE.ID.eq(TIME_RECORDS.PERSON_ID))
                .where(TIME_RECORDS.ID.eq(recordId))
                .fetchOne(PEOPLE.LOGIN);
        if (owner != null && !owner.equalsIgnoreCase(entry.actor())) {
            audit.write(
                    dsl,
                    new AuditEntry(
                            entry.actor(),
                            entry.action(),
                            entry.targetType(),
                            entry.targetId(),
                            "time of " + owner + (entry.detail() == null ? "" : ": " + entry.detail())));
        }
    }

    /** The trail of a record, oldest first. */
    public List<TimeChange> changes(long recordId) {
        return dsl.selectFrom(TIME_RECORD_CHANGES)
                .where(TIME_RECORD_CHANGES.TIME_RECORD_ID.eq(recordId))
                .orderBy(TIME_RECORD_CHANGES.CHANGED_AT, TIME_RECORD_CHANGES.ID)
                .fetch(r -> new TimeChange(
                        r.getId(),
                        r.getTimeRecordId(),
                        r.getChangedAt().toInstant(),
                        r.getActor(),
                        r.getAction(),
                        r.getBeforeJson(),
                        r.getAfterJson(),
                        r.getReason()));
    }

    /**
     * Live records in {@code scope}, newest first, keyset-paginated: {@code before} is the last row of the previous
     * page (its start and id), or null for the first page. The order matches the indexes on (person | project |
     * start) with id, so a page reads {@code limit} rows of an index, whatever the table's size.
     */
    public List<TimeRow> page(TimeScope scope, Cursor before, int limit) {
        Condition where = TIME_RECORDS.DELETED_AT.isNull();
        if (scope.personId() != null) {
            where = where.and(TIME_RECORDS.PERSON_ID.eq(scope.personId()));
        }
        if (scope.projectId() != null) {
            where = where.and(TIME_RECORDS.PROJECT_ID.eq(scope.projectId()));
        }
        if (scope.customerId() != null || scope.managerId() != null) {
            var projects = DSL.select(PROJECTS.ID)
                    .from(PROJECTS)
                    .join(CUSTOMERS)
                    .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID))
                    .where(scope.customerId() == null ? DSL.noCondition() : CUSTOMERS.ID.eq(scope.customerId()))
                    .and(scope.managerId() == null ? DSL.noCondition() : CUSTOMERS.MANAGER_ID.eq(scope.managerId()));
            Condition managed = TIME_RECORDS.PROJECT_ID.in(projects);
            // a manager also sees their own time, on whichever project it was worked
            where = where.and(
                    scope.managerId() == null ? managed : managed.or(TIME_RECORDS.PERSON_ID.eq(scope.managerId())));
        }
        if (before != null) {
            where = where.and(
                    DSL.row(TIME_RECORDS.STARTED_AT, TIME_RECORDS.ID).lt(at(before.startedAt()), before.id()));
        }
        var rows = dsl.select(TIME_RECORDS.asterisk(), PEOPLE.LOGIN, PROJECTS.NAME, PROJECT_TASKS.NAME)
                .from(TIME_RECORDS)
                .join(PEOPLE)
                .on(PEOPLE.ID.eq(TIME_RECORDS.PERSON_ID))
                .join(PROJECTS)
                .on(PROJECTS.ID.eq(TIME_RECORDS.PROJECT_ID))
                .leftJoin(PROJECT_TASKS)
                .on(PROJECT_TASKS.ID.eq(TIME_RECORDS.PROJECT_TASK_ID))
                .where(where)
                .orderBy(TIME_RECORDS.STARTED_AT.desc(), TIME_RECORDS.ID.desc())
                .limit(limit)
                .fetch();
        return rows.map(r -> new TimeRow(
                record(r.into(TIME_RECORDS)), r.get(PEOPLE.LOGIN), r.get(PROJECTS.NAME), r.get(PROJECT_TASKS.NAME)));
    }

    /** Where a page of time records ends: the start and id of its last row. */
    public record Cursor(Instant startedAt, long id) {
        public static Cursor after(TimeRecord last) {
            return new Cursor(last.startedAt(), last.id());
        }
    }

    private static TimeRecordsRecord values(TimeRecord t, Instant now) {
        TimeRecordsRecord r = new TimeRecordsRecord();
        r.setPersonId(t.personId());
        r.setProjectId(t.projectId());
        r.setProjectTaskId(t.projectTaskId());
        r.setStartedAt(at(t.startedAt()));
        r.setSeconds(t.seconds());
        r.setBillableSeconds(t.billableSeconds());
        r.setBillable(t.billable());
        r.setNote(t.note());
        r.setUpdatedAt(at(now));
        return r;
    }

    private static TimeRecord record(Record any) {
        TimeRecordsRecord r = any.into(TIME_RECORDS);
        return new TimeRecord(
                r.getId(),
                r.getPersonId(),
                r.getProjectId(),
                r.getProjectTaskId(),
                r.getStartedAt().toInstant(),
                r.getSeconds(),
                r.getBillableSeconds(),
                r.getBillable(),
                r.getNote(),
                r.getSource(),
                r.getBilledInvoiceId(),
                r.getDeletedAt() == null ? null : r.getDeletedAt().toInstant());
    }

    private static Timer timer(TimersRecord r) {
        return new Timer(
                r.getPersonId(),
                r.getProjectId(),
                r.getProjectTaskId(),
                r.getNote(),
                r.getStartedAt().toInstant(),
                r.getSegmentStartedAt().toInstant(),
                r.getPausedAt() == null ? null : r.getPausedAt().toInstant(),
                r.getAccumulatedSeconds());
    }

    private static OffsetDateTime at(Instant i) {
        return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
