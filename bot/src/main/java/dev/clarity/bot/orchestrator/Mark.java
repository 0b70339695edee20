package dev.clarity.bot.orchestrator;

/**
 * What a person said about an item ahead of the execution reaching it, kept per execution and item (the
 * {@code execution_marks.mark} check constraint lists the same words).
 */
public enum Mark {
    /** Approved past its gate. */
    APPROVED,
    /** Skipped when it comes up. */
    SKIPPED,
    /** Taken over by a person: Clarity leaves it alone until released. */
    TAKEN,
    /** A person pushed to its branch before the execution got there: the item is theirs from the start. */
    PUSHED;

    /** How the mark is stored ({@code execution_marks.mark}). */
    public String spelling() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
