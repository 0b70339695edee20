package dev.clarity.bot.orchestrator;

import java.util.Locale;

/** How finished items reach the default branch (DESIGN §3). */
public enum MergePolicy {
    /** One PR per item, each branch on the previous one; never waits for a person. */
    STACKED,
    /** Merge each PR into the default branch when its criteria pass; the next item starts from there. */
    AUTO,
    /** Pause after each PR until it is merged. */
    WAIT;

    public String db() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MergePolicy fromDb(String value) {
        return value == null ? STACKED : valueOf(value.toUpperCase(Locale.ROOT));
    }
}
