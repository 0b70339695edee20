package dev.clarity.runner.api;

import java.util.List;

/** {@code ok=false} when the tool failed or changed nothing; {@code artifacts} are paths relative to the workspace. */
public record ImplementResult(boolean ok, String tool, String diff, List<String> logs, List<String> artifacts) {
    public ImplementResult {
        logs = List.copyOf(logs);
        artifacts = List.copyOf(artifacts);
    }
}
