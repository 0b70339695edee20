package dev.clarity.runner.tools;

import dev.clarity.runner.api.ModelUsage;
import java.time.Duration;
import java.util.List;

/**
 * What a tool invocation came to: how it ended, with {@code summary} saying so in a sentence. {@code logs} are
 * redacted; {@code artifacts} are workspace-relative; {@code usage} lists the model requests the gateway counted.
 */
public record ToolRun(
        String tool,
        String version,
        Ending ending,
        String summary,
        Duration duration,
        List<String> logs,
        List<String> artifacts,
        List<ModelUsage> usage) {
    public ToolRun {
        logs = List.copyOf(logs);
        artifacts = List.copyOf(artifacts);
        usage = List.copyOf(usage);
    }

    /** A run that made no model request through the gateway. */
    public ToolRun(
            String tool,
            String version,
            Ending ending,
            String summary,
            Duration duration,
            List<String> logs,
            List<String> artifacts) {
        this(tool, version, ending, summary, duration, logs, artifacts, List.of());
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
        MISSING,
        /**
         * Its model requests crossed the step's token limit: the gateway refused further requests; {@code summary}
         * names the budget and what was used.
         */
        BUDGET_EXCEEDED
    }

    /** True when the tool ran to its end without an error. */
    public boolean ok() {
        return ending == Ending.FINISHED;
    }
}
