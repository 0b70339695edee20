package dev.clarity.bot.orchestrator;

import dev.clarity.crm.notify.Notifications;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.runner.redaction.KnownSecrets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jooq.DSLContext;

/**
 * The {@link ExecutionStore} in PostgreSQL, one part per concern: {@link JooqExecutions} (executions and their
 * chained events), {@link JooqClaims} (claims, leases, placement) and {@link JooqTaskRuns} (items and marks), {@link JooqHolds} (items held for approval). Every
 * method is one transaction, or joins the one of the {@link DSLContext} it was made with. Thread-safe.
 */
public final class JooqExecutionStore implements ExecutionStore {
    private final Executions executions;
    private final Claims claims;
    private final TaskRuns taskRuns;
    private final Holds holds;

    /** A store whose event messages are redacted of the credential shapes only. */
    public JooqExecutionStore(DSLContext dsl, InstantSource clock) {
        this(dsl, clock, KnownSecrets.shapesOnly());
    }

    /** A store whose event messages are redacted of {@code secrets} and the credential shapes. */
    public JooqExecutionStore(DSLContext dsl, InstantSource clock, KnownSecrets secrets) {
        this(dsl, clock, secrets, Notifications.NONE);
    }

    /**
     * As the other, telling {@code notifications} (inside the transition's transaction) when the orchestrator leaves
     * an execution completed, paused or blocked.
     */
    public JooqExecutionStore(DSLContext dsl, InstantSource clock, KnownSecrets secrets, Notifications notifications) {
        JooqEventLog events = new JooqEventLog(clock, secrets);
        this.executions = new JooqExecutions(dsl, clock, events, notifications);
        this.claims = new JooqClaims(dsl, clock, events);
        this.taskRuns = new JooqTaskRuns(dsl, clock);
        this.holds = new JooqHolds(dsl, clock);
    }

    // ---- items held for approval

    @Override
    public long hold(long executionId, String taskId, Hold.Request request) {
        return holds.hold(executionId, taskId, request);
    }

    @Override
    public java.util.Optional<Hold> openHold(long executionId, String taskId) {
        return holds.openHold(executionId, taskId);
    }

    @Override
    public void approveHold(long holdId, String login) {
        holds.approveHold(holdId, login);
    }

    @Override
    public java.util.List<Hold> approvedHolds(long executionId, String taskId) {
        return holds.approvedHolds(executionId, taskId);
    }

    @Override
    public void holdReleased(long holdId) {
        holds.holdReleased(holdId);
    }

    @Override
    public void dropHolds(long executionId, String taskId) {
        holds.dropHolds(executionId, taskId);
    }

    // ---- executions and their events

    @Override
    public long enqueue(StartRequest request) {
        return executions.enqueue(request);
    }

    @Override
    public Optional<ExecutionSnapshot> find(long executionId) {
        return executions.find(executionId);
    }

    @Override
    public Optional<ExecutionSnapshot> holderOf(long projectId) {
        return executions.holderOf(projectId);
    }

    @Override
    public Optional<ExecutionSnapshot> current(long projectId) {
        return executions.current(projectId);
    }

    @Override
    public boolean moved(long executionId, String owner, Transition transition, String eventKind) {
        return executions.moved(executionId, owner, transition, eventKind);
    }

    @Override
    public void controlled(long executionId, Transition transition) {
        executions.controlled(executionId, transition);
    }

    @Override
    public void stopRequested(long executionId) {
        executions.stopRequested(executionId);
    }

    @Override
    public void stopPointSet(long executionId, String taskId) {
        executions.stopPointSet(executionId, taskId);
    }

    @Override
    public void toolChosen(long executionId, String tool) {
        executions.toolChosen(executionId, tool);
    }

    @Override
    public void waiting(long executionId, String reason) {
        executions.waiting(executionId, reason);
    }

    @Override
    public void counted(long executionId, int done, int total) {
        executions.counted(executionId, done, total);
    }

    @Override
    public void listRead(long executionId, String path, String content) {
        executions.listRead(executionId, path, content);
    }

    @Override
    public ExecutionEvent log(long executionId, NewEvent event) {
        return executions.log(executionId, event);
    }

    @Override
    public List<ExecutionEvent> events(long executionId) {
        return executions.events(executionId);
    }

    @Override
    public EventChain.Verdict verify(long executionId) {
        return executions.verify(executionId);
    }

    // ---- claims, leases and placement

    @Override
    public boolean claimable() {
        return claims.claimable();
    }

    @Override
    public Optional<Claim> claimNext(String owner, Duration lease, int maxParallel, Placement placement) {
        return claims.claimNext(owner, lease, maxParallel, placement);
    }

    @Override
    public Optional<String> runnerOf(long executionId) {
        return claims.runnerOf(executionId);
    }

    @Override
    public int renewLeases(String owner, Duration lease, Collection<Long> executionIds) {
        return claims.renewLeases(owner, lease, executionIds);
    }

    @Override
    public int expireAllLeases() {
        return claims.expireAllLeases();
    }

    @Override
    public void releaseLease(long executionId, String owner) {
        claims.releaseLease(executionId, owner);
    }

    @Override
    public List<Long> stopRequestedFor(String owner) {
        return claims.stopRequestedFor(owner);
    }

    // ---- items of an execution

    @Override
    public void selected(long executionId, SelectedItem item) {
        taskRuns.selected(executionId, item);
    }

    @Override
    public TaskRunRecord taskRun(long executionId, String taskId, String title) {
        return taskRuns.taskRun(executionId, taskId, title);
    }

    @Override
    public Optional<TaskRunRecord> findTaskRun(long executionId, String taskId) {
        return taskRuns.findTaskRun(executionId, taskId);
    }

    @Override
    public List<TaskRunRecord> taskRuns(long executionId) {
        return taskRuns.taskRuns(executionId);
    }

    @Override
    public void prepared(ItemRef item, String base, String branch) {
        taskRuns.prepared(item, base, branch);
    }

    @Override
    public void adopted(ItemRef item, String base, String branch) {
        taskRuns.adopted(item, base, branch);
    }

    @Override
    public void implemented(ItemRef item, String tool) {
        taskRuns.implemented(item, tool);
    }

    @Override
    public void verified(ItemRef item, Evidence evidence) {
        taskRuns.verified(item, evidence);
    }

    @Override
    public java.util.List<dev.clarity.runner.api.CriterionReport> failedCriteria(long executionId, String taskId) {
        return taskRuns.failedCriteria(executionId, taskId);
    }

    @Override
    public void repairTried(ItemRef item) {
        taskRuns.repairTried(item);
    }

    @Override
    public void merged(ItemRef item, String commit) {
        taskRuns.merged(item, commit);
    }

    @Override
    public void pushed(ItemRef item, Optional<String> pullRequest) {
        taskRuns.pushed(item, pullRequest);
    }

    @Override
    public void recordPushed(ItemRef item, String recordBranch, Optional<String> pullRequest) {
        taskRuns.recordPushed(item, recordBranch, pullRequest);
    }

    @Override
    public boolean pushedByPerson(long executionId, String taskId, String login) {
        return taskRuns.pushedByPerson(executionId, taskId, login);
    }

    @Override
    public void takenByPerson(ItemRef item) {
        taskRuns.takenByPerson(item);
    }

    @Override
    public void personsCommitPassed(ItemRef item, String commit) {
        taskRuns.personsCommitPassed(item, commit);
    }

    @Override
    public int generation(long executionId, String taskId) {
        return taskRuns.generation(executionId, taskId);
    }

    @Override
    public void bumpGeneration(long executionId, String taskId) {
        taskRuns.bumpGeneration(executionId, taskId);
    }

    @Override
    public Optional<String> lastFinishedBranch(long executionId) {
        return taskRuns.lastFinishedBranch(executionId);
    }

    @Override
    public Optional<String> earlierStackTop(long executionId) {
        return taskRuns.earlierStackTop(executionId);
    }

    @Override
    public void continueStack(long executionId, String branch) {
        taskRuns.continueStack(executionId, branch);
    }

    @Override
    public void mark(long executionId, String taskId, Mark mark, String by) {
        taskRuns.mark(executionId, taskId, mark, by);
    }

    @Override
    public void unmark(long executionId, String taskId, Mark mark) {
        taskRuns.unmark(executionId, taskId, mark);
    }

    @Override
    public Set<String> marked(long executionId, Mark mark) {
        return taskRuns.marked(executionId, mark);
    }

    @Override
    public Optional<String> markedBy(long executionId, String taskId, Mark mark) {
        return taskRuns.markedBy(executionId, taskId, mark);
    }
}
