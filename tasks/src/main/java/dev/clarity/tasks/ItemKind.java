package dev.clarity.tasks;

/** What a task line asks of an execution (spec §3). */
public enum ItemKind {
    /** A task line: work for the AI tool when it is a leaf, a group of items otherwise. */
    TASK,
    /** {@code X.A}: run the repository's standard checks on the work of X. */
    CHECK_A,
    /** {@code X.B}: run every programmable criterion of X's B block(s). */
    CHECK_B,
    /** {@code X.C}: append X's outcome to the outcomes file. */
    CHECK_C;

    public boolean isCheck() {
        return this != TASK;
    }

    static ItemKind ofLetter(char letter) {
        return switch (Character.toUpperCase(letter)) {
            case 'A' -> CHECK_A;
            case 'B' -> CHECK_B;
            case 'C' -> CHECK_C;
            default -> throw new IllegalArgumentException("not a check letter: " + letter);
        };
    }
}
