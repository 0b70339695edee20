package dev.clarity.dashboard.keys;

/** What came of setting a provider key. */
public sealed interface KeyChange {
    /** Stored, sealed; {@code replaced} when the owner had a key of that provider before. */
    record Saved(MaskedKey key, boolean replaced) implements KeyChange {}

    /** Not stored: {@code error} names the problem (and never repeats the key). */
    record Refused(String error) implements KeyChange {}
}
