package dev.clarity.runner.api;

/**
 * The hands-on steps of an execution. Implemented by the in-process runner and by the HTTP client of a remote
 * {@code clarity runner}; both pass the same contract test suite.
 *
 * <p>Every call carries a {@code workspaceId} (one per execution) and an {@code idempotencyKey}: a repeat of a key
 * whose call completed returns the stored result and does nothing again. Expected failures (a check that fails, a
 * refused command, a tool that changed nothing) come back as results with {@code ok=false}; infrastructure
 * failures are {@link RunnerException}s. Credentials travel per call and never appear in logs or results.
 */
public interface Runner {
    PrepResult prep(PrepRequest request);

    ImplementResult implement(ImplementRequest request);

    VerifyResult verify(VerifyRequest request);

    ErrorSolveResult errorSolve(ErrorSolveRequest request);

    MergeResult merge(MergeRequest request);

    PushResult push(PushRequest request);

    /** Reads whether the remote default branch contains an item's branch; no idempotency key, nothing written. */
    MergedResult merged(MergedRequest request);

    RunnerHealth health();

    /** Kills whatever sandbox step runs for the workspace now (emergency stop); returns at once. */
    void cancel(String workspaceId);
}
