package dev.clarity.runner.api;

/**
 * The hands-on steps of an execution. Implemented by the in-process runner and by the HTTP client of a remote
 * {@code clarity runner}; both pass the same contract test suite.
 *
 * <p>Every call carries a {@code workspaceId} (one per execution) and an {@code idempotencyKey}: a repeat of a key
 * whose call completed returns the stored result and does nothing again. Every step answers with a sealed result
 * whose cases say what happened, expected failures included (a check that fails, a refused command, a tool that
 * changed nothing, a person's commits on the branch): callers switch on the case, never read its logs to decide.
 * Infrastructure failures are {@link RunnerException}s. Credentials travel per call and never appear in logs or
 * results.
 */
public interface Runner {
    PrepResult prep(PrepRequest request);

    ToolResult implement(ImplementRequest request);

    VerifyResult verify(VerifyRequest request);

    ToolResult errorSolve(ErrorSolveRequest request);

    MergeResult merge(MergeRequest request);

    /**
     * Puts back the change to protected files that the item's last tool attempt made and the runner kept aside
     * ({@link ToolResult.Held}), because a person approved it.
     */
    ReleaseResult release(ReleaseRequest request);

    PushResult push(PushRequest request);

    /** Reads whether the remote default branch contains an item's branch; no idempotency key, nothing written. */
    MergedResult merged(MergedRequest request);

    /**
     * Reads one file of the workspace (the task list, the outcomes file, {@code .clarity.yml}): a file that does not
     * exist, or a workspace that was never prepared, is {@link FileContent#missing()}. A path that leaves the
     * workspace ({@code ..}, absolute, through a symbolic link, or into {@code .git}) is an
     * {@link IllegalArgumentException} naming the path.
     */
    FileContent readFile(ReadFileRequest request);

    /**
     * Writes one file of a prepared workspace atomically (temporary file, then rename), under the same path rules
     * as {@link #readFile}. No idempotency beyond the key: the same content under a new key is written again.
     */
    WriteFileResult writeFile(WriteFileRequest request);

    /**
     * What VERIFY would run as a task leaf's standard check in this workspace, decided at the item's base commit (its
     * {@code .clarity.yml}, else the build found there); nothing runs and nothing is written.
     */
    StandardCheck standardCheck(String workspaceId);

    /** Whether the workspace holds a checked-out repository; nothing written. */
    WorkspaceState workspace(String workspaceId);

    RunnerHealth health();

    /**
     * The CPU and memory of each step running now, by workspace. Slower than {@link #health()} (a container engine
     * takes up to a second or two per answer), so placement never asks it: the dashboard's background survey does.
     */
    RunnerUsage usage();

    /** Kills whatever sandbox step runs for the workspace now (emergency stop); returns at once. */
    void cancel(String workspaceId);
}
