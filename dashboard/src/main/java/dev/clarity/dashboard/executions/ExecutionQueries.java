package dev.clarity.dashboard.executions;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.DISMISSED_NOTICES;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.EXECUTION_EVENTS;
import static dev.clarity.migrations.jooq.Tables.EXECUTION_MARKS;
import static dev.clarity.migrations.jooq.Tables.EXECUTION_TASK_LISTS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static dev.clarity.migrations.jooq.Tables.TASK_RUNS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.max;
import static org.jooq.impl.DSL.noCondition;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;

import dev.clarity.dashboard.auth.CustomerAccess;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.migrations.jooq.tables.TaskRuns;
import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.Step;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;

/**
 * Read-only queries behind the executions pages and the JSON API. Every query takes the viewer and narrows it to the
 * projects it reaches ({@link #scope}) in SQL (never by filtering in Java). Lists use keyset pagination on the id
 * ({@code id < before}), served by the primary key and the indexes of V1 and V2. Thread-safe.
 */
public final class ExecutionQueries {
    private static final TaskRuns CUR = TASK_RUNS.as("cur");
    private static final Field<Integer> ATTEMPTS = field(
                    select(coalesce(sum(TASK_RUNS.ATTEMPTS), inline(java.math.BigDecimal.ZERO)))
                            .from(TASK_RUNS)
                            .where(TASK_RUNS.EXECUTION_ID.eq(EXECUTIONS.ID)))
            .cast(Integer.class)
            .as("attempts");
    private static final List<String> FINISHED_LIST = Badge.spellingsOf(Badge::isTerminal);

    private static final java.time.Duration STATS_FRESHNESS = java.time.Duration.ofSeconds(10);

    private final DSLContext dsl;
    private final InstantSource clock;
    private final java.util.Map<String, Stats> stats = new java.util.concurrent.ConcurrentHashMap<>();
    private final UsageSummaries usage;
    private final CustomerAccess access;

    public ExecutionQueries(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
        this.usage = new UsageSummaries(dsl);
        this.access = new CustomerAccess(dsl);
    }

    /**
     * Success rates per customer and per tool. They aggregate the whole history, so they are computed at most once
     * per {@code STATS_FRESHNESS} for each scope (all customers, a manager's customers, a team member's projects, or
     * one client's customer) and shared.
     */
    public Stats stats(Viewer viewer) {
        String key = switch (viewer.role()) {
            case CLIENT -> "customer:" + viewer.customerId();
            case MANAGER -> "manager:" + viewer.personId();
            case TEAM_MEMBER -> "member:" + viewer.personId();
            case ADMIN -> "all";
        };
        java.time.Instant now = clock.instant();
        Stats cached = stats.get(key);
        if (cached != null && cached.computedAt().plus(STATS_FRESHNESS).isAfter(now)) {
            return cached;
        }
        Stats fresh = new Stats(
                successByCustomer(viewer),
                successByTool(viewer),
                usage.perCustomer(viewer),
                usage.perTool(viewer),
                now);
        stats.put(key, fresh);
        return fresh;
    }

    /** Success rates and model usage as of {@code computedAt}. */
    public record Stats(
            List<Rate> customers,
            List<Rate> tools,
            List<UsageLine> customerUsage,
            List<UsageLine> toolUsage,
            java.time.Instant computedAt) {}

    /** The grid: every execution that holds or waits for a project, plus those finished in the last 15 minutes. */
    public List<ExecutionRow> active(Viewer viewer) {
        return base(viewer)
                .where(EXECUTIONS.BADGE.notIn(FINISHED_LIST).or(EXECUTIONS.FINISHED_AT.gt(now().minusMinutes(15))))
                .and(scope(viewer))
                .orderBy(EXECUTIONS.CREATED_AT, EXECUTIONS.ID)
                .limit(200)
                .fetch(ExecutionQueries::row);
    }

    /** Waiting executions in the order the scheduler takes them (oldest first), each with why it waits. */
    public List<ExecutionRow> queue(Viewer viewer, Long after, int limit) {
        var ids = select(EXECUTIONS.ID)
                .from(EXECUTIONS)
                .join(PROJECTS)
                .on(PROJECTS.ID.eq(EXECUTIONS.PROJECT_ID))
                .where(EXECUTIONS.BADGE.eq(Badge.QUEUED.spelling()))
                .and(scope(viewer))
                .and(after == null ? noCondition() : EXECUTIONS.ID.gt(after))
                .orderBy(EXECUTIONS.ID)
                .limit(limit);
        return base(viewer).where(EXECUTIONS.ID.in(ids)).orderBy(EXECUTIONS.ID).fetch(ExecutionQueries::row);
    }

    /** Finished executions, newest first, {@code limit} at a time below id {@code before} (null: from the top). */
    public List<ExecutionRow> history(Viewer viewer, Long before, int limit) {
        return newestFirst(viewer, EXECUTIONS.FINISHED_AT.isNotNull(), before, limit);
    }

    /** Every execution, newest first, keyset-paginated by id; {@code badge} null for all. */
    public List<ExecutionRow> list(Viewer viewer, String badge, Long before, int limit) {
        return newestFirst(viewer, badge == null ? noCondition() : EXECUTIONS.BADGE.eq(badge), before, limit);
    }

    /**
     * Picks the page's ids first (a backward scan of the primary key that stops after {@code limit} matches), then
     * joins only those rows: the cost stays flat however many executions there are.
     */
    private List<ExecutionRow> newestFirst(Viewer viewer, Condition filter, Long before, int limit) {
        var ids = select(EXECUTIONS.ID)
                .from(EXECUTIONS)
                .join(PROJECTS)
                .on(PROJECTS.ID.eq(EXECUTIONS.PROJECT_ID))
                .where(filter)
                .and(scope(viewer))
                .and(before == null ? noCondition() : EXECUTIONS.ID.lt(before))
                .orderBy(EXECUTIONS.ID.desc())
                .limit(limit);
        return base(viewer)
                .where(EXECUTIONS.ID.in(ids))
                .orderBy(EXECUTIONS.ID.desc())
                .fetch(ExecutionQueries::row);
    }

    /** One execution with its items, when it exists and the viewer may see it. */
    public Optional<ExecutionDetail> detail(Viewer viewer, long id) {
        Optional<ExecutionRow> row =
                base(viewer).where(EXECUTIONS.ID.eq(id)).and(scope(viewer)).fetchOptional(ExecutionQueries::row);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        List<TaskRow> tasks = dsl.selectFrom(TASK_RUNS)
                .where(TASK_RUNS.EXECUTION_ID.eq(id))
                .fetch(r -> new TaskRow(
                        r.getTaskId(),
                        r.getTitle(),
                        r.getStep(),
                        r.getAttempts(),
                        r.getTool(),
                        r.getBranch(),
                        r.getCommitSha(),
                        r.getPrUrl(),
                        r.getArtifactsPath(),
                        r.getCriteriaPassed(),
                        r.getCriteriaFailed(),
                        r.getErrorSummary(),
                        r.getDependencies(),
                        r.getCriteria(),
                        r.getPushedBy(),
                        r.getPersonCommit()));
        tasks = tasks.stream().sorted(ExecutionQueries::byNumbering).toList();
        String currentId = row.get().currentTaskId();
        TaskRow current = tasks.stream()
                .filter(t -> t.taskId().equals(currentId))
                .findFirst()
                .orElse(null);
        String listText = dsl.select(EXECUTION_TASK_LISTS.CONTENT)
                .from(EXECUTION_TASK_LISTS)
                .where(EXECUTION_TASK_LISTS.EXECUTION_ID.eq(id))
                .fetchOne(EXECUTION_TASK_LISTS.CONTENT);
        java.util.Map<String, java.util.Set<String>> marks = marks(id);
        List<TreeItem> tree = TaskTree.of(
                listText,
                tasks,
                currentId,
                row.get().running(),
                marks.getOrDefault("skipped", java.util.Set.of()),
                marks.getOrDefault("taken", java.util.Set.of()));
        return Optional.of(new ExecutionDetail(
                row.get(), tasks, tree, current, lastSeq(id), usage.execution(id), usage.items(id)));
    }

    /** The items people marked in this execution, by mark ({@code skipped}, {@code taken}, …). */
    private java.util.Map<String, java.util.Set<String>> marks(long executionId) {
        return dsl
                .select(EXECUTION_MARKS.MARK, EXECUTION_MARKS.TASK_ID)
                .from(EXECUTION_MARKS)
                .where(EXECUTION_MARKS.EXECUTION_ID.eq(executionId))
                .fetchGroups(EXECUTION_MARKS.MARK, EXECUTION_MARKS.TASK_ID)
                .entrySet()
                .stream()
                .collect(java.util.stream.Collectors.toMap(
                        java.util.Map.Entry::getKey, e -> java.util.Set.copyOf(e.getValue())));
    }

    /** Whether the viewer may see (and so control) this execution at all: it exists and is within {@link #scope}. */
    public boolean visible(Viewer viewer, long id) {
        return dsl.fetchExists(select(EXECUTIONS.ID)
                .from(EXECUTIONS)
                .join(PROJECTS)
                .on(PROJECTS.ID.eq(EXECUTIONS.PROJECT_ID))
                .where(EXECUTIONS.ID.eq(id))
                .and(scope(viewer)));
    }

    /** Events after {@code afterSeq}, in order, at most {@code limit}; served by the (execution_id, seq) key. */
    public List<EventLine> events(long executionId, long afterSeq, int limit) {
        return dsl.selectFrom(EXECUTION_EVENTS)
                .where(EXECUTION_EVENTS.EXECUTION_ID.eq(executionId))
                .and(EXECUTION_EVENTS.SEQ.gt(afterSeq))
                .orderBy(EXECUTION_EVENTS.SEQ)
                .limit(limit)
                .fetch(r -> new EventLine(
                        r.getSeq(),
                        r.getAt(),
                        r.getKind(),
                        r.getTaskId(),
                        r.getStep(),
                        r.getSeverity(),
                        r.getMessage()));
    }

    public long lastSeq(long executionId) {
        Long seq = dsl.select(max(EXECUTION_EVENTS.SEQ))
                .from(EXECUTION_EVENTS)
                .where(EXECUTION_EVENTS.EXECUTION_ID.eq(executionId))
                .fetchOne(0, Long.class);
        return seq == null ? 0 : seq;
    }

    /** Changes whenever any execution row changes; the grid socket compares it between polls. */
    public String gridVersion() {
        Record r = dsl.select(max(EXECUTIONS.UPDATED_AT), max(EXECUTIONS.ID))
                .from(EXECUTIONS)
                .fetchOne();
        return r == null ? "" : r.get(0) + "/" + r.get(1);
    }

    /** Executions that completed, failed or need a human in the last 24 hours, newest first. */
    public List<ExecutionRow> notifications(Viewer viewer) {
        return notices(viewer, org.jooq.impl.DSL.noCondition(), 10);
    }

    /**
     * The notices the viewer has not dismissed, newest first, at most {@code limit}; the chips at the top of every
     * page. {@link #undismissedCount} says how many there are in all.
     */
    public List<ExecutionRow> undismissed(Viewer viewer, int limit) {
        return notices(viewer, notDismissedBy(viewer), limit);
    }

    /** How many notices the viewer has not dismissed. */
    public int undismissedCount(Viewer viewer) {
        return dsl.fetchCount(base(viewer).where(noticeCondition(viewer)).and(notDismissedBy(viewer)));
    }

    private List<ExecutionRow> notices(Viewer viewer, Condition extra, int limit) {
        return base(viewer)
                .where(noticeCondition(viewer))
                .and(extra)
                .orderBy(EXECUTIONS.UPDATED_AT.desc())
                .limit(limit)
                .fetch(ExecutionQueries::row);
    }

    private Condition noticeCondition(Viewer viewer) {
        return EXECUTIONS
                .BADGE
                .in(Badge.COMPLETED.spelling(), Badge.BLOCKED.spelling(), Badge.FAILED.spelling())
                .and(EXECUTIONS.UPDATED_AT.gt(now().minusHours(24)))
                .and(scope(viewer));
    }

    private static Condition notDismissedBy(Viewer viewer) {
        return org.jooq.impl.DSL.notExists(org.jooq
                .impl
                .DSL
                .selectOne()
                .from(DISMISSED_NOTICES)
                .where(DISMISSED_NOTICES.PERSON_ID.eq(viewer.personId()))
                .and(DISMISSED_NOTICES.EXECUTION_ID.eq(EXECUTIONS.ID)));
    }

    /** Rows of (customer, finished, completed): aggregated per project first, then joined to the few names. */
    public List<Rate> successByCustomer(Viewer viewer) {
        var perProject = select(
                        EXECUTIONS.PROJECT_ID,
                        org.jooq.impl.DSL.count().as("total"),
                        org.jooq
                                .impl
                                .DSL
                                .count()
                                .filterWhere(EXECUTIONS.BADGE.eq(Badge.COMPLETED.spelling()))
                                .as("ok"))
                .from(EXECUTIONS)
                .where(EXECUTIONS.FINISHED_AT.isNotNull())
                .groupBy(EXECUTIONS.PROJECT_ID)
                .asTable("per_project");
        Field<Long> projectId = perProject.field(EXECUTIONS.PROJECT_ID);
        Field<Integer> total = perProject.field("total", Integer.class);
        Field<Integer> ok = perProject.field("ok", Integer.class);
        return dsl.select(CUSTOMERS.NAME, sum(total), sum(ok))
                .from(perProject)
                .join(PROJECTS)
                .on(PROJECTS.ID.eq(projectId))
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID))
                .where(scope(viewer))
                .groupBy(CUSTOMERS.NAME)
                .orderBy(CUSTOMERS.NAME)
                .fetch(r ->
                        new Rate(r.value1(), r.value2().intValue(), r.value3().intValue()));
    }

    /** Rows of (tool, items that ended, items done); all but admins count only the executions they reach. */
    public List<Rate> successByTool(Viewer viewer) {
        Field<String> tool = coalesce(TASK_RUNS.TOOL, inline("none"));
        Condition mine = CustomerAccess.reachesEvery(viewer)
                ? noCondition()
                : TASK_RUNS.EXECUTION_ID.in(select(EXECUTIONS.ID)
                        .from(EXECUTIONS)
                        .join(PROJECTS)
                        .on(PROJECTS.ID.eq(EXECUTIONS.PROJECT_ID))
                        .where(scope(viewer)));
        return dsl.select(
                        tool,
                        org.jooq.impl.DSL.count(),
                        org.jooq.impl.DSL.count().filterWhere(TASK_RUNS.STEP.eq(Step.DONE.name())))
                .from(TASK_RUNS)
                .where(TASK_RUNS.STEP.in(Step.DONE.name(), Step.HUMAN_REVIEW.name(), Step.SKIPPED.name()))
                .and(mine)
                .groupBy(tool)
                .orderBy(tool)
                .fetch(r -> new Rate(r.value1(), r.value2(), r.value3()));
    }

    private SelectOnConditionStep<Record> base(Viewer viewer) {
        return dsl.select(EXECUTIONS.fields())
                .select(
                        PROJECTS.CUSTOMER_ID,
                        CUSTOMERS.NAME,
                        PROJECTS.NAME,
                        PROJECTS.REPOSITORY,
                        CUR.TITLE,
                        coalesce(EXECUTIONS.TOOL_OVERRIDE, CUR.TOOL, PROJECTS.DEFAULT_TOOL)
                                .as("tool"),
                        ATTEMPTS)
                .from(EXECUTIONS)
                .join(PROJECTS)
                .on(PROJECTS.ID.eq(EXECUTIONS.PROJECT_ID))
                .join(CUSTOMERS)
                .on(CUSTOMERS.ID.eq(PROJECTS.CUSTOMER_ID))
                .leftJoin(CUR)
                .on(CUR.EXECUTION_ID.eq(EXECUTIONS.ID).and(CUR.TASK_ID.eq(EXECUTIONS.CURRENT_TASK_ID)));
    }

    /**
     * The executions the viewer reaches, on a query that joins {@code projects} on {@code executions.project_id}: those
     * of the projects {@link CustomerAccess#reachedProjects} lets them reach (a manager their customers', a client
     * their own customer's, a team member the projects they are a member of; admins all). Every list, count, page,
     * control and stream of executions passes through it.
     */
    static Condition scope(Viewer viewer) {
        return CustomerAccess.reachedProjects(viewer, PROJECTS.ID, PROJECTS.CUSTOMER_ID);
    }

    /** Whether the viewer may start an execution of project {@code projectId}: it exists and the viewer reaches it. */
    public boolean startable(Viewer viewer, long projectId) {
        return access.project(viewer, projectId);
    }

    private static ExecutionRow row(Record r) {
        Integer attempts = r.get("attempts", Integer.class);
        return new ExecutionRow(
                r.get(EXECUTIONS.ID),
                r.get(PROJECTS.CUSTOMER_ID),
                r.get(CUSTOMERS.NAME),
                r.get(EXECUTIONS.PROJECT_ID),
                r.get(PROJECTS.NAME),
                r.get(PROJECTS.REPOSITORY),
                r.get(EXECUTIONS.BADGE),
                r.get(EXECUTIONS.CURRENT_TASK_ID),
                r.get(CUR.TITLE),
                r.get(EXECUTIONS.CURRENT_STEP),
                r.get(EXECUTIONS.STOP_AFTER),
                r.get("tool", String.class),
                r.get(EXECUTIONS.TASKS_DONE),
                r.get(EXECUTIONS.TASKS_TOTAL),
                attempts == null ? 0 : attempts,
                r.get(EXECUTIONS.RUNNER_ID),
                r.get(EXECUTIONS.REQUESTED_BY),
                r.get(EXECUTIONS.TRIGGER),
                r.get(EXECUTIONS.QUEUE_REASON),
                Badges.ended(r.get(EXECUTIONS.BADGE)) ? r.get(EXECUTIONS.END_REASON) : null,
                r.get(EXECUTIONS.CREATED_AT),
                r.get(EXECUTIONS.STARTED_AT),
                r.get(EXECUTIONS.FINISHED_AT),
                r.get(EXECUTIONS.UPDATED_AT));
    }

    /** Orders "1.10" after "1.9" and "1.2" before "1.2.1". */
    static int byNumbering(TaskRow a, TaskRow b) {
        String[] x = a.taskId().split("\\.");
        String[] y = b.taskId().split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            try {
                c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
            } catch (NumberFormatException e) {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    /** A success rate: {@code ok} of {@code total}. */
    public record Rate(String name, int total, int ok) {
        public int percent() {
            return total == 0 ? 0 : ok * 100 / total;
        }
    }
}
