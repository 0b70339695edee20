package dev.clarity.runner.api;

import java.util.List;

/** {@code commit} is the full SHA of the commit made (or found, on a repeat). */
public record MergeResult(boolean ok, String commit, List<String> logs) {
    public MergeResult {
        logs = List.copyOf(logs);
    }
}
