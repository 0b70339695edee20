package dev.clarity.tasks;

import java.util.Arrays;

/**
 * What a task line asks of an execution (spec §3). The one item-kind vocabulary: the reader decides it from the line,
 * and the orchestrator keeps its current item's kind in it ({@code executions.current_kind}, see {@link #spelling()}).
 */
public enum ItemKind {
    /** A task line: work for the AI tool when it is a leaf, a group of items otherwise. */
    TASK("LEAF"),
    /** {@code X.A}: run the repository's standard checks on the work of X. */
    CHECK_A("CHECK_A"),
    /** {@code X.B}: run every programmable criterion of X's B block(s). */
    CHECK_B("CHECK_B"),
    /** {@code X.C}: append X's outcome to the outcomes file. */
    CHECK_C("CHECK_C");

    private final String spelling;

    ItemKind(String spelling) {
        this.spelling = spelling;
    }

    public boolean isCheck() {
        return this != TASK;
    }

    /**
     * How the kind of an atomic item is stored ({@code executions.current_kind}): an atomic task is always a leaf, so
     * {@link #TASK} is spelled {@code LEAF}; a check is spelled by its name.
     */
    public String spelling() {
        return spelling;
    }

    /** The kind spelled exactly {@code spelling}; anything else is an {@link IllegalArgumentException} naming it. */
    public static ItemKind fromSpelling(String spelling) {
        return Arrays.stream(values())
                .filter(k -> k.spelling.equals(spelling))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown item kind " + spelling));
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
