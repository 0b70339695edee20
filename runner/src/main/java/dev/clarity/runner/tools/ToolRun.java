package dev.clarity.runner.tools;

import java.time.Duration;
import java.util.List;

/**
 * What a tool invocation came to. {@code ok} is false when the command was refused, timed out, was cancelled,
 * exited non-zero or (ollama) its answer was refused. {@code logs} are redacted; {@code artifacts} are
 * workspace-relative.
 */
public record ToolRun(
        String tool,
        String version,
        boolean ok,
        String summary,
        Duration duration,
        List<String> logs,
        List<String> artifacts) {
    public ToolRun {
        logs = List.copyOf(logs);
        artifacts = List.copyOf(artifacts);
    }
}
