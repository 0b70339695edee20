package dev.clarity.runner.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Locale;

/** How task branches reach the default branch (DESIGN §3). */
public enum MergePolicy {
    /** One PR per task, each branch based on the previous task's branch; never waits for a person. */
    STACKED,
    /** Merge each PR into the default branch once its criteria pass; the next task starts from there. */
    AUTO,
    /** Pause after each PR until it is merged. */
    WAIT;

    @JsonCreator
    static MergePolicy of(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
