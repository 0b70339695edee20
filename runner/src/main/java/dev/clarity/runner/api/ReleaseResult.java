package dev.clarity.runner.api;

import java.util.List;

/** The files put back by {@link Runner#release} (none when nothing was kept for the item). */
public record ReleaseResult(List<String> files) {
    public ReleaseResult {
        files = List.copyOf(files);
    }
}
