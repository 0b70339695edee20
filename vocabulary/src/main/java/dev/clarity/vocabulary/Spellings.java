package dev.clarity.vocabulary;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** The lookups every vocabulary enum offers, written once. Pure. */
final class Spellings {
    private Spellings() {}

    /** The spellings of the {@code values} that {@code which} accepts, in declaration order. */
    static <E> List<String> of(E[] values, Function<E, String> spelling, Predicate<E> which) {
        return Arrays.stream(values).filter(which).map(spelling).toList();
    }

    /** The value spelled exactly {@code text}; empty for anything else, {@code null} included. */
    static <E> Optional<E> find(E[] values, Function<E, String> spelling, String text) {
        return Arrays.stream(values).filter(v -> spelling.apply(v).equals(text)).findFirst();
    }

    /** The spellings as the choices of a sentence: {@code "stacked, auto or wait"}. */
    static String alternatives(List<String> spellings) {
        if (spellings.size() < 2) {
            return String.join("", spellings);
        }
        return String.join(", ", spellings.subList(0, spellings.size() - 1)) + " or " + spellings.getLast();
    }
}
