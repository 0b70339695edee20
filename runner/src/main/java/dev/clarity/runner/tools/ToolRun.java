package dev.clarity.runner.tools;

import java.time.Duration;
import java.util.List;

/**
 * What a tool invocation came to: how it ended, with {@code summary} saying so in a sentence. {@code logs} are
 * redacted; {@code artifacts} are workspace-relative.
 */
public record ToolRun(
        String tool,
        String version,
        Ending ending,
        String summary,
        Duration duration,
        List<String> logs,
        List<String> artifacts) {
    public ToolRun {
        logs = List.copyOf(logs);
        artifacts = List.copyOf(artifacts);
    }

    /** How a tool invocation ended. */
    public enum Ending {
        /** It ran to its end without an error (and, for ollama, its answer was applied). */
        FINISHED,
        /** It exited with an error, or (ollama) its answer was refused or held nothing to apply. */
        FAILED,
        /** The command policy refused its command line; nothing ran. */
        REFUSED,
        /** The sandbox timeout passed and it was killed. */
        TIMED_OUT,
        /** An emergency stop killed it. */
        CANCELLED,
        /**
         * Its program cannot be started in the sandbox (not installed, not on the PATH, not in the image); nothing
         * ran and {@code summary} says which tool, what was looked up where, and how to fix it.
         */
        MISSING
    }

    /** True when the tool ran to its end without an error. */
    public boolean ok() {
        return ending == Ending.FINISHED;
    }
}
