package dev.clarity.tasks;

import java.util.List;

/**
 * One criterion line under a {@code B} line (spec §1), with the 1-based line it was read from. A line that looks
 * like the programmable form but cannot be used (unknown kind or check, unbalanced quotes, a missing attribute)
 * is {@link Malformed}, never silently dropped.
 */
public sealed interface Criterion {
    int line();

    /** Prose acceptance criterion: not machine-checked unless a programmable criterion proves its text. */
    record Prose(String text, String source, int line) implements Criterion {}

    /** The programmable form; {@code args} already split like a shell would, {@code target}/{@code text} may be null. */
    record Programmable(String key, String kind, String check, String target, List<String> args, String text, int line)
            implements Criterion {
        public Programmable {
            args = List.copyOf(args);
        }

        /** This criterion's attributes, without the line it was read from. */
        public CriterionAttributes attributes() {
            return new CriterionAttributes(key, kind, check, target, args, text);
        }
    }

    /** A programmable criterion that cannot be used; {@code problem} says why in one sentence. */
    record Malformed(String raw, String problem, int line) implements Criterion {}
}
