package dev.clarity.vocabulary;

/**
 * The step of an execution's current item. Spelled by its name wherever it leaves Java: in PostgreSQL
 * ({@code executions.current_step}, {@code task_runs.step}), in the event log, in JSON and on pages.
 */
public enum Step {
    /** Choose the next eligible atomic item (and inject missing criteria). */
    SELECT,
    /** Create the item's branch from the right base. */
    PREP,
    /** Run the AI tool on a task leaf. */
    IMPLEMENT,
    /** Run the item's criteria. */
    VERIFY,
    /** Ask the tool to repair failures (attempt 1 to 3). */
    ERROR_SOLVE,
    /**
     * A person pushed to the item's branch: fetch their head and run the item's criteria on it; Clarity writes nothing
     * to their branch from here on (MERGE and PUSH then work on the item's record branch).
     */
    HUMAN_CHECK,
    /** Commit: task list ✅, outcomes entry, artifacts. */
    MERGE,
    /** Push the branch; open or update the pull request and check run. */
    PUSH,
    /** The item is finished. */
    DONE,
    /** Waiting for a person: retry, skip, approve, or a push of theirs to the item's branch. */
    HUMAN_REVIEW,
    /** A person skipped the item. */
    SKIPPED
}
