package dev.clarity.bot.orchestrator;

import dev.clarity.dashboard.controls.StartRequest;
import java.util.List;
import java.util.Optional;

/**
 * Executions and their event log, as the orchestrator and the controls speak of them. Every method is one
 * transaction. A move by the orchestrator is fenced by its lease ({@link #moved}); a person's control is not.
 */
public interface Executions {
    /** Queues a new execution and logs who asked for it; returns its id. */
    long enqueue(StartRequest request);

    Optional<ExecutionSnapshot> find(long executionId);

    /** The execution that holds a project (running, paused or blocked), if any. */
    Optional<ExecutionSnapshot> holderOf(long projectId);

    /** The newest execution of a project that can still be controlled (not completed or failed). */
    Optional<ExecutionSnapshot> current(long projectId);

    /**
     * The orchestrator moved the execution: recorded only while {@code owner} holds an unexpired lease, with one
     * event of {@code eventKind} ({@code step}, {@code badge}, {@code error}).
     *
     * @return false when the lease was lost: the caller must stop working on the execution
     */
    boolean moved(long executionId, String owner, Transition transition, String eventKind);

    /** A person's control moved the execution: recorded whoever holds the lease, as a {@code control} event. */
    void controlled(long executionId, Transition transition);

    /** A person asked the owner of a running execution to stop at once (its loop checks between and during steps). */
    void stopRequested(long executionId);

    /** A person set the item after which the execution pauses. */
    void stopPointSet(long executionId, String taskId);

    /** A person chose the tool for the execution's next items. */
    void toolChosen(long executionId, String tool);

    /** Why the queued execution has not started yet, for the person who asked for it. */
    void waiting(long executionId, String reason);

    /** How many of the task list's atomic items are done now. */
    void counted(long executionId, int done, int total);

    /**
     * The execution read its task list at {@code path} (SELECT, and after a push): the text is kept, replacing the
     * previous one, so that the dashboard can show every item of the list, not only the started ones.
     */
    void listRead(long executionId, String path, String content);

    /** Appends one event in its own transaction and returns it as stored. */
    ExecutionEvent log(long executionId, NewEvent event);

    List<ExecutionEvent> events(long executionId);

    /** Whether the event log is intact ({@link EventChain}). */
    EventChain.Verdict verify(long executionId);
}
