package dev.clarity.bot.orchestrator;

import java.util.Arrays;

/** The execution badge shown everywhere (DESIGN §3); {@link #db()} is the value stored in PostgreSQL. */
public enum Badge {
    /** Waiting for a slot or for the repository to be free. */
    QUEUED("QUEUED"),
    /** Claimed: the workspace is being cloned or fetched and the task list read. */
    INITIALIZING("INITIALIZING"),
    /** Between items: choosing the next one. */
    AUTONOMOUS("AUTONOMOUS"),
    /** Working on an item (branch, tool, checks, commit, push). */
    TASK_EXECUTING("TASK-EXECUTING"),
    /** Repairing failed criteria (at most three attempts). */
    ERROR_SOLVING("ERROR-SOLVING"),
    /** A person is needed: an item is in human review, held by a gate, or dependencies are unmet. */
    BLOCKED("BLOCKED"),
    /** Stopped on purpose at a stop point or waiting for a merge; resume continues. */
    PAUSED("PAUSED"),
    /** Every item is done. */
    COMPLETED("COMPLETED"),
    /** Emergency-stopped; state kept, resume continues at the interrupted step. */
    STOPPED("STOPPED"),
    /** Could not continue for a reason that is not the task's (bad task list, no tasks). */
    FAILED("FAILED");

    private final String db;

    Badge(String db) {
        this.db = db;
    }

    public String db() {
        return db;
    }

    public static Badge fromDb(String value) {
        return Arrays.stream(values())
                .filter(b -> b.db.equals(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown badge " + value));
    }

    /** Badges of an execution that a scheduler slot is working on. */
    public boolean isRunning() {
        return this == INITIALIZING || this == AUTONOMOUS || this == TASK_EXECUTING || this == ERROR_SOLVING;
    }

    /** Badges after which nothing happens without a new execution. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED;
    }
}
