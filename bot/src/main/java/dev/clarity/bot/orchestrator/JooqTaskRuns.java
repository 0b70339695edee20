package dev.clarity.bot.orchestrator;

import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.EXECUTION_MARKS;
import static dev.clarity.migrations.jooq.Tables.TASK_RUNS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.migrations.jooq.tables.records.TaskRunsRecord;
import dev.clarity.runner.api.CriterionReport;
import dev.clarity.vocabulary.Step;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.JSON;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;

/**
 * {@link TaskRuns} in PostgreSQL: {@code task_runs} and {@code execution_marks}. Each method that records what
 * happened to an item writes the step it happened at and the columns it learned about, nothing else.
 */
final class JooqTaskRuns implements TaskRuns {
    /** Criterion reports are plain records of strings and ints: no module or date handling is needed. */
    private static final ObjectMapper JSON_MAPPER = new ObjectMapper();

    private final DSLContext dsl;
    private final InstantSource clock;

    JooqTaskRuns(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.clock = clock;
    }

    @Override
    public void selected(long executionId, SelectedItem item) {
        taskRun(executionId, item.taskId(), item.title());
        dsl.update(TASK_RUNS)
                .set(TASK_RUNS.DEPENDENCIES, item.dependencies())
                .set(TASK_RUNS.CRITERIA, item.criteria())
                .where(row(executionId, item.taskId()))
                .execute();
    }

    @Override
    public TaskRunRecord taskRun(long executionId, String taskId, String title) {
        dsl.insertInto(TASK_RUNS)
                .set(TASK_RUNS.EXECUTION_ID, executionId)
                .set(TASK_RUNS.TASK_ID, taskId)
                .set(TASK_RUNS.TITLE, title)
                .set(TASK_RUNS.STARTED_AT, now())
                .onConflictDoNothing()
                .execute();
        return findTaskRun(executionId, taskId).orElseThrow();
    }

    @Override
    public Optional<TaskRunRecord> findTaskRun(long executionId, String taskId) {
        return dsl.selectFrom(TASK_RUNS).where(row(executionId, taskId)).fetchOptional(JooqTaskRuns::taskRunRecord);
    }

    @Override
    public List<TaskRunRecord> taskRuns(long executionId) {
        return dsl.selectFrom(TASK_RUNS)
                .where(TASK_RUNS.EXECUTION_ID.eq(executionId))
                .orderBy(TASK_RUNS.ID)
                .fetch(JooqTaskRuns::taskRunRecord);
    }

    @Override
    public void prepared(ItemRef item, String base, String branch) {
        at(item).set(TASK_RUNS.BASE_BRANCH, base)
                .set(TASK_RUNS.BRANCH, branch)
                .where(row(item))
                .execute();
    }

    @Override
    public void adopted(ItemRef item, String base, String branch) {
        prepared(item, base, branch);
    }

    @Override
    public void implemented(ItemRef item, String tool) {
        var u = at(item).set(TASK_RUNS.ATTEMPTS, 0);
        if (tool != null) {
            u = u.set(TASK_RUNS.TOOL, tool);
        }
        u.where(row(item)).execute();
    }

    @Override
    public void verified(ItemRef item, Evidence evidence) {
        var u = at(item).set(TASK_RUNS.ATTEMPTS, item.attempts())
                .set(TASK_RUNS.CRITERIA_PASSED, evidence.passed())
                .set(TASK_RUNS.CRITERIA_FAILED, evidence.failed())
                .set(TASK_RUNS.CRITERIA_UNCHECKED, evidence.unchecked())
                .set(TASK_RUNS.ARTIFACTS_PATH, evidence.artifactsPath());
        if (!evidence.passedAll()) {
            u = u.set(TASK_RUNS.ERROR_SUMMARY, evidence.failures());
        }
        u.set(TASK_RUNS.FAILED_CRITERIA, evidence.failedCriteria().isEmpty() ? null : json(evidence.failedCriteria()))
                .where(row(item))
                .execute();
    }

    @Override
    public List<CriterionReport> failedCriteria(long executionId, String taskId) {
        JSON stored = dsl.select(TASK_RUNS.FAILED_CRITERIA)
                .from(TASK_RUNS)
                .where(row(executionId, taskId))
                .fetchOptional(TASK_RUNS.FAILED_CRITERIA)
                .orElse(null);
        if (stored == null) {
            return List.of();
        }
        try {
            return List.of(JSON_MAPPER.readValue(stored.data(), CriterionReport[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "reading the failed criteria of item " + taskId + " of execution " + executionId, e);
        }
    }

    private static JSON json(List<CriterionReport> reports) {
        try {
            return JSON.valueOf(JSON_MAPPER.writeValueAsString(reports));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("writing the failed criteria of an item as JSON", e);
        }
    }

    @Override
    public void repairTried(ItemRef item) {
        at(item).set(TASK_RUNS.ATTEMPTS, item.attempts()).where(row(item)).execute();
    }

    @Override
    public void merged(ItemRef item, String commit) {
        at(item).set(TASK_RUNS.COMMIT_SHA, commit).where(row(item)).execute();
    }

    @Override
    public void pushed(ItemRef item, Optional<String> pullRequest) {
        done(item, pullRequest).where(row(item)).execute();
    }

    @Override
    public void recordPushed(ItemRef item, String recordBranch, Optional<String> pullRequest) {
        done(item, pullRequest)
                .set(TASK_RUNS.BRANCH, recordBranch)
                .where(row(item))
                .execute();
    }

    /** The item is finished: DONE, with its pull request when there is one. */
    private UpdateSetMoreStep<TaskRunsRecord> done(ItemRef item, Optional<String> pullRequest) {
        var u = dsl.update(TASK_RUNS)
                .set(TASK_RUNS.STEP, Step.DONE.name())
                .set(TASK_RUNS.UPDATED_AT, now())
                .set(TASK_RUNS.FINISHED_AT, now());
        return pullRequest.isPresent() ? u.set(TASK_RUNS.PR_URL, pullRequest.get()) : u;
    }

    @Override
    public boolean pushedByPerson(long executionId, String taskId, String login) {
        return dsl.update(TASK_RUNS)
                        .set(
                                TASK_RUNS.PUSHED_BY,
                                login == null || login.isBlank()
                                        ? DSL.coalesce(TASK_RUNS.PUSHED_BY, DSL.val(""))
                                        : DSL.val(login))
                        .setNull(TASK_RUNS.PERSON_COMMIT)
                        .set(TASK_RUNS.UPDATED_AT, now())
                        .where(row(executionId, taskId))
                        .execute()
                > 0;
    }

    @Override
    public void takenByPerson(ItemRef item) {
        pushedByPerson(item.executionId(), item.taskId(), "");
    }

    @Override
    public void personsCommitPassed(ItemRef item, String commit) {
        dsl.update(TASK_RUNS)
                .set(TASK_RUNS.PERSON_COMMIT, commit)
                .set(TASK_RUNS.UPDATED_AT, now())
                .where(row(item))
                .execute();
    }

    @Override
    public int generation(long executionId, String taskId) {
        return dsl.select(TASK_RUNS.GENERATION)
                .from(TASK_RUNS)
                .where(row(executionId, taskId))
                .fetchOptional(TASK_RUNS.GENERATION)
                .orElse(0);
    }

    @Override
    public void bumpGeneration(long executionId, String taskId) {
        dsl.update(TASK_RUNS)
                .set(TASK_RUNS.GENERATION, TASK_RUNS.GENERATION.plus(1))
                .setNull(TASK_RUNS.FINISHED_AT)
                .where(row(executionId, taskId))
                .execute();
    }

    @Override
    public Optional<String> lastFinishedBranch(long executionId) {
        return dsl.select(DSL.coalesce(lastFinished(EXECUTIONS.ID), EXECUTIONS.STACKED_ON))
                .from(EXECUTIONS)
                .where(EXECUTIONS.ID.eq(executionId))
                .fetchOptional(0, String.class);
    }

    @Override
    public Optional<String> earlierStackTop(long executionId) {
        var project = dsl.select(EXECUTIONS.PROJECT_ID).from(EXECUTIONS).where(EXECUTIONS.ID.eq(executionId));
        var top = DSL.coalesce(lastFinished(EXECUTIONS.ID), EXECUTIONS.STACKED_ON);
        return dsl.select(top)
                .from(EXECUTIONS)
                .where(EXECUTIONS.PROJECT_ID.eq(project).and(EXECUTIONS.ID.lt(executionId)))
                .and(top.isNotNull())
                .orderBy(EXECUTIONS.ID.desc())
                .limit(1)
                .fetchOptional(0, String.class);
    }

    @Override
    public void continueStack(long executionId, String branch) {
        dsl.update(EXECUTIONS)
                .set(EXECUTIONS.STACKED_ON, branch)
                .where(EXECUTIONS.ID.eq(executionId))
                .execute();
    }

    /** The branch of the item the execution {@code executionId} finished last (a correlated subquery). */
    private org.jooq.Field<String> lastFinished(org.jooq.Field<Long> executionId) {
        return DSL.field(dsl.select(TASK_RUNS.BRANCH)
                .from(TASK_RUNS)
                .where(TASK_RUNS
                        .EXECUTION_ID
                        .eq(executionId)
                        .and(TASK_RUNS.STEP.eq(Step.DONE.name()))
                        .and(TASK_RUNS.BRANCH.isNotNull()))
                .orderBy(TASK_RUNS.FINISHED_AT.desc(), TASK_RUNS.ID.desc())
                .limit(1));
    }

    @Override
    public void mark(long executionId, String taskId, Mark mark, String by) {
        dsl.insertInto(EXECUTION_MARKS)
                .set(EXECUTION_MARKS.EXECUTION_ID, executionId)
                .set(EXECUTION_MARKS.TASK_ID, taskId)
                .set(EXECUTION_MARKS.MARK, mark.spelling())
                .set(EXECUTION_MARKS.MARKED_BY, by)
                .onConflictDoNothing()
                .execute();
    }

    @Override
    public void unmark(long executionId, String taskId, Mark mark) {
        dsl.deleteFrom(EXECUTION_MARKS).where(marked(executionId, taskId, mark)).execute();
    }

    @Override
    public Set<String> marked(long executionId, Mark mark) {
        return dsl
                .select(EXECUTION_MARKS.TASK_ID)
                .from(EXECUTION_MARKS)
                .where(EXECUTION_MARKS.EXECUTION_ID.eq(executionId).and(EXECUTION_MARKS.MARK.eq(mark.spelling())))
                .fetchSet(EXECUTION_MARKS.TASK_ID)
                .stream()
                .collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Optional<String> markedBy(long executionId, String taskId, Mark mark) {
        return dsl.select(EXECUTION_MARKS.MARKED_BY)
                .from(EXECUTION_MARKS)
                .where(marked(executionId, taskId, mark))
                .fetchOptional(EXECUTION_MARKS.MARKED_BY);
    }

    private static Condition marked(long executionId, String taskId, Mark mark) {
        return EXECUTION_MARKS
                .EXECUTION_ID
                .eq(executionId)
                .and(EXECUTION_MARKS.TASK_ID.eq(taskId))
                .and(EXECUTION_MARKS.MARK.eq(mark.spelling()));
    }

    /** The update of an item's row at the step it is at now. */
    private UpdateSetMoreStep<TaskRunsRecord> at(ItemRef item) {
        return dsl.update(TASK_RUNS).set(TASK_RUNS.STEP, item.step().name()).set(TASK_RUNS.UPDATED_AT, now());
    }

    private static Condition row(ItemRef item) {
        return row(item.executionId(), item.taskId());
    }

    private static Condition row(long executionId, String taskId) {
        return TASK_RUNS.EXECUTION_ID.eq(executionId).and(TASK_RUNS.TASK_ID.eq(taskId));
    }

    private OffsetDateTime now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static TaskRunRecord taskRunRecord(TaskRunsRecord r) {
        return new TaskRunRecord(
                r.getExecutionId(),
                r.getTaskId(),
                r.getTitle(),
                r.getStep(),
                r.getAttempts(),
                r.getTool(),
                r.getBaseBranch(),
                r.getBranch(),
                r.getCommitSha(),
                r.getPrUrl(),
                r.getErrorSummary(),
                r.getStartedAt().toInstant(),
                r.getFinishedAt() == null ? null : r.getFinishedAt().toInstant(),
                r.getPushedBy(),
                r.getPersonCommit());
    }
}
