package dev.clarity.runner.redaction;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The secret values a process holds, growing as it learns more (an installation token minted an hour into a run), with
 * the built-in credential shapes: what every channel that leaves Clarity redacts with. Thread-safe: {@link #add}
 * swaps in a new immutable {@link Redactor}, so a redaction never sees half a set.
 */
public final class KnownSecrets {
    private final Set<String> values = new LinkedHashSet<>();
    private volatile Redactor redactor;

    public KnownSecrets(List<String> initial) {
        values.addAll(initial.stream().filter(v -> v != null).toList());
        this.redactor = Redactor.builtIn().with(List.copyOf(values));
    }

    /** Only the built-in credential shapes (for wiring that holds no secret of its own, and tests). */
    public static KnownSecrets shapesOnly() {
        return new KnownSecrets(List.of());
    }

    /** Learns {@code value} (ignored when null or already known). */
    public synchronized void add(String value) {
        if (value != null && values.add(value)) {
            redactor = Redactor.builtIn().with(List.copyOf(values));
        }
    }

    /** The text with every known secret and credential shape masked; null stays null. */
    public String redact(String text) {
        return redactor.redact(text);
    }

    /** The redactor as it is now. */
    public Redactor redactor() {
        return redactor;
    }
}
