package dev.clarity.runner.api;

import java.util.List;

/** {@code merged} is true when the remote target contains the branch's commit. */
public record MergedResult(boolean merged, List<String> logs) {
    public MergedResult {
        logs = List.copyOf(logs);
    }
}
