package dev.clarity.runner.api;

import java.util.List;

/** {@code merged} is true when the remote target contains the branch's commit. */
public record MergedResult(boolean merged, List<String> logs) {
    public MergedResult {
        logs = List.copyOf(logs);
    }

    /** The answer with its one log line, the same from every runner. */
    public static MergedResult of(boolean merged, String branch, String target) {
        return new MergedResult(
                merged, List.of(branch + (merged ? " is merged into " : " is not merged into ") + target));
    }
}
