package dev.clarity.vocabulary;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How finished items reach the default branch. {@link #spelling()} is how it is written in {@code .clarity.yml}, on
 * the command line, in forms and in PostgreSQL ({@code projects.merge_policy}, {@code executions.merge_policy}).
 */
public enum MergePolicy {
    /** One PR per item, each branch on the previous one; never waits for a person. */
    STACKED,
    /** Merge each PR into the default branch when its criteria pass; the next item starts from there. */
    AUTO,
    /** Pause after each PR until it is merged. */
    WAIT;

    /** The lower-case name: {@code stacked}, {@code auto}, {@code wait}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy spelled exactly {@code spelling}; empty for anything else. */
    public static Optional<MergePolicy> find(String spelling) {
        return Spellings.find(values(), MergePolicy::spelling, spelling);
    }

    /** The policy spelled exactly {@code spelling}; anything else is an {@link IllegalArgumentException} naming it. */
    public static MergePolicy fromSpelling(String spelling) {
        return find(spelling).orElseThrow(() -> new IllegalArgumentException("unknown merge policy " + spelling));
    }

    /** Every policy's spelling, in declaration order. */
    public static List<String> spellings() {
        return Spellings.of(values(), MergePolicy::spelling, p -> true);
    }

    /** The spellings as the choices of a sentence: {@code "stacked, auto or wait"}. */
    public static String alternatives() {
        return Spellings.alternatives(spellings());
    }
}
