package dev.clarity.bot.orchestrator;

/** What an atomic item asks of an execution (spec tasks-list §3). */
public enum ItemKind {
    /** A task without children: implemented by the tool, then verified. */
    LEAF,
    /** {@code X.A}: the repository's standard checks on the work of X. */
    CHECK_A,
    /** {@code X.B}: every programmable criterion of X's B block(s). */
    CHECK_B,
    /** {@code X.C}: X's outcome appended to the outcomes file, no tool. */
    CHECK_C;

    /** How many ERROR_SOLVE attempts an item gets before human review. */
    public static final int MAX_ATTEMPTS = 3;

    public boolean usesTool() {
        return this != CHECK_C;
    }
}
