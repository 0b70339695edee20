package dev.clarity.runner.config;

import java.util.List;

/**
 * A value refused by a record that holds the key itself (a list of plain strings such as {@code protect}): Jackson's
 * path ends at the record, so the key travels with the refusal, for the line of the message.
 */
final class KeyedProblem extends IllegalArgumentException {
    private final List<String> segments;

    KeyedProblem(List<String> segments, String message) {
        super(message);
        this.segments = List.copyOf(segments);
    }

    List<String> segments() {
        return segments;
    }
}
