package dev.clarity.runner.api;

import java.util.List;

/** {@code patchApplied} is false when the tool failed or changed nothing. */
public record ErrorSolveResult(
        boolean ok, boolean patchApplied, String diff, List<String> logs, List<String> artifacts) {
    public ErrorSolveResult {
        logs = List.copyOf(logs);
        artifacts = List.copyOf(artifacts);
    }
}
