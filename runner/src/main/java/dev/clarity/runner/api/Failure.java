package dev.clarity.runner.api;

/** A criterion that did not pass: what failed, in a sentence, and where ({@code file:line}) when known. */
public record Failure(String criterionKey, String summary, String location) {
    /** The key of {@link #noWork()}. */
    public static final String WORK_REQUIRED = "work.required";

    /** The key of {@link #noCheckRan()}. */
    public static final String CHECKS_REQUIRED = "checks.required";

    /** The key of {@link #testDeleted}. */
    public static final String TESTS_KEPT = "tests.kept";

    /** Tests only grow: the attempt deleted (or renamed away) the base's test file {@code path}. */
    public static Failure testDeleted(String path) {
        return new Failure(
                TESTS_KEPT, "the item deletes the test file " + path + " (tests only grow: keep or fix it)", path);
    }

    /** A task leaf whose net change against its base is empty, Clarity's own files aside. */
    public static Failure noWork() {
        return new Failure(WORK_REQUIRED, "the item changes nothing", null);
    }

    /** Nothing was run: no criterion, no standard check. */
    public static Failure noCheckRan() {
        return new Failure(
                CHECKS_REQUIRED,
                "no check ran: add checks.test to .clarity.yml (the command that tests the repository) or criteria"
                        + " to the item",
                ".clarity.yml");
    }
}
