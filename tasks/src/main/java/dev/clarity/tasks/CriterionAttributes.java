package dev.clarity.tasks;

import java.util.List;

/**
 * The attributes of one programmable criterion line ({@code <criterion key="…" kind="…" check="…" … />}), not tied
 * to a place in a file: what {@link Criterion.Programmable#attributes()} reads and what
 * {@link TaskListWriter#injectDefaultCriteria} writes. {@code args} are already split into words; {@code target} and
 * {@code text} may be null. The runner has its own record for the same values; the bot translates between them, so
 * the engine needs no other module.
 */
public record CriterionAttributes(
        String key, String kind, String check, String target, List<String> args, String text) {
    public CriterionAttributes {
        args = List.copyOf(args);
    }
}
