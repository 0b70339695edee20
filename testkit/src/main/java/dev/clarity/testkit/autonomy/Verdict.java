package dev.clarity.testkit.autonomy;

/** How an item a stand-in tool works on must end. */
public enum Verdict {
    /** Done: the item is marked ✅, committed and pushed. */
    COMPLETED,
    /** Not done: the execution waits for a person (HUMAN_REVIEW) at the item, nothing of it marked ✅. */
    HELD
}
