package dev.clarity.bot.orchestrator;

import dev.clarity.runner.api.ErrorSolveRequest;
import dev.clarity.runner.api.FileContent;
import dev.clarity.runner.api.ImplementRequest;
import dev.clarity.runner.api.MergeRequest;
import dev.clarity.runner.api.MergeResult;
import dev.clarity.runner.api.MergedRequest;
import dev.clarity.runner.api.MergedResult;
import dev.clarity.runner.api.PrepRequest;
import dev.clarity.runner.api.PrepResult;
import dev.clarity.runner.api.PushRequest;
import dev.clarity.runner.api.PushResult;
import dev.clarity.runner.api.ReadFileRequest;
import dev.clarity.runner.api.Runner;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.api.RunnerHealth;
import dev.clarity.runner.api.RunnerUsage;
import dev.clarity.runner.api.ToolResult;
import dev.clarity.runner.api.VerifyRequest;
import dev.clarity.runner.api.VerifyResult;
import dev.clarity.runner.api.WorkspaceState;
import dev.clarity.runner.api.WriteFileRequest;
import dev.clarity.runner.api.WriteFileResult;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Runner} the execution loop talks to when work is placed on several runners: every call goes to the
 * runner recorded in the execution's {@code runner_id} (found through the workspace id), so an execution's steps and
 * file accesses all reach the runner that holds its workspace, in this process or in a replica that took the lease
 * over. The id is read once per execution from the database and kept, since it never changes. Thread-safe.
 */
public final class PlacedRunners implements Runner {
    private static final Logger log = LoggerFactory.getLogger(PlacedRunners.class);

    private final RunnerPool pool;
    private final Claims store;
    private final Map<String, String> placed = new ConcurrentHashMap<>();

    public PlacedRunners(RunnerPool pool, Claims store) {
        this.pool = pool;
        this.store = store;
    }

    /** The runner holding the workspace; a {@link RunnerException} (the step blocks) when there is none. */
    Runner of(String workspaceId) {
        return pool.runner(runnerId(workspaceId)
                .orElseThrow(() -> new RunnerException(workspaceId + " has not been placed on a runner")));
    }

    private Optional<String> runnerId(String workspaceId) {
        String known = placed.get(workspaceId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> id = ExecutionLoop.executionOf(workspaceId).flatMap(store::runnerOf);
        id.ifPresent(r -> placed.put(workspaceId, r));
        return id;
    }

    @Override
    public PrepResult prep(PrepRequest request) {
        return of(request.workspaceId()).prep(request);
    }

    @Override
    public ToolResult implement(ImplementRequest request) {
        return of(request.workspaceId()).implement(request);
    }

    @Override
    public VerifyResult verify(VerifyRequest request) {
        return of(request.workspaceId()).verify(request);
    }

    @Override
    public dev.clarity.runner.api.ReleaseResult release(dev.clarity.runner.api.ReleaseRequest request) {
        return of(request.workspaceId()).release(request);
    }

    @Override
    public ToolResult errorSolve(ErrorSolveRequest request) {
        return of(request.workspaceId()).errorSolve(request);
    }

    @Override
    public MergeResult merge(MergeRequest request) {
        return of(request.workspaceId()).merge(request);
    }

    @Override
    public PushResult push(PushRequest request) {
        return of(request.workspaceId()).push(request);
    }

    @Override
    public MergedResult merged(MergedRequest request) {
        return of(request.workspaceId()).merged(request);
    }

    @Override
    public FileContent readFile(ReadFileRequest request) {
        return of(request.workspaceId()).readFile(request);
    }

    @Override
    public WriteFileResult writeFile(WriteFileRequest request) {
        return of(request.workspaceId()).writeFile(request);
    }

    @Override
    public WorkspaceState workspace(String workspaceId) {
        return of(workspaceId).workspace(workspaceId);
    }

    @Override
    public dev.clarity.runner.api.StandardCheck standardCheck(String workspaceId) {
        return of(workspaceId).standardCheck(workspaceId);
    }

    /** The pool's totals over the runners that answer. */
    @Override
    public RunnerHealth health() {
        int capacity = 0;
        int free = 0;
        for (RunnerPool.Seen seen : pool.survey().seen()) {
            if (seen.health() != null) {
                capacity += seen.health().capacity();
                free += seen.health().free();
            }
        }
        return new RunnerHealth(capacity > 0 ? "ok" : "unreachable", "remote", "per runner", capacity, free);
    }

    /** Every answering runner's running steps together. */
    @Override
    public RunnerUsage usage() {
        return new RunnerUsage(
                pool.usages().values().stream().flatMap(u -> u.steps().stream()).toList());
    }

    /**
     * Cancels on the execution's runner. An execution not placed yet runs nothing; a runner that does not answer
     * cannot be told, and its step ends on its own timeout (logged, not thrown: cancelling is best effort).
     */
    @Override
    public void cancel(String workspaceId) {
        Optional<String> runnerId = runnerId(workspaceId);
        if (runnerId.isEmpty()) {
            return;
        }
        try {
            pool.runner(runnerId.get()).cancel(workspaceId);
        } catch (RunnerException e) {
            log.warn("Cancelling {} on runner {} did not reach it: {}", workspaceId, runnerId.get(), e.getMessage());
        }
    }
}
