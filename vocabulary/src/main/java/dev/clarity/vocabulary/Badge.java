package dev.clarity.vocabulary;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The execution badge shown everywhere. {@link #spelling()} is how it is written in PostgreSQL
 * ({@code executions.badge}), in JSON, on pages, in comments and on the command line.
 */
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

    private final String spelling;

    Badge(String spelling) {
        this.spelling = spelling;
    }

    /** How the badge is written wherever it leaves Java: with a hyphen where the constant has an underscore. */
    public String spelling() {
        return spelling;
    }

    /** The badge spelled exactly {@code spelling}; empty for anything else. */
    public static Optional<Badge> find(String spelling) {
        return Spellings.find(values(), Badge::spelling, spelling);
    }

    /** The badge spelled exactly {@code spelling}; anything else is an {@link IllegalArgumentException} naming it. */
    public static Badge fromSpelling(String spelling) {
        return find(spelling).orElseThrow(() -> new IllegalArgumentException("unknown badge " + spelling));
    }

    /** Every badge's spelling, in the order of an execution's life. */
    public static List<String> spellings() {
        return spellingsOf(b -> true);
    }

    /** The spellings of the badges {@code which} accepts, in the order of an execution's life. */
    public static List<String> spellingsOf(Predicate<Badge> which) {
        return Spellings.of(values(), Badge::spelling, which);
    }

    /** Badges of an execution that a scheduler slot is working on. */
    public boolean isRunning() {
        return this == INITIALIZING || this == AUTONOMOUS || this == TASK_EXECUTING || this == ERROR_SOLVING;
    }

    /** Badges of an execution that holds its project: running, paused or blocked; the project's next one waits. */
    public boolean holdsProject() {
        return isRunning() || this == PAUSED || this == BLOCKED;
    }

    /** Badges after which nothing happens without a new execution. */
    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED;
    }

    /** Badges a person can resume from. */
    public boolean isResumable() {
        return this == STOPPED || this == PAUSED || this == BLOCKED;
    }
}
