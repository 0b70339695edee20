package dev.clarity.runner.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * What a tool's run on the workspace came to ({@link Runner#implement}, {@link Runner#errorSolve}); the case travels
 * as {@code outcome}. Every case carries the tool that ran (or was asked for), the workspace's diff against the
 * item's base after the run ({@code ""} when none), the tool's last lines and the artifacts written (paths relative
 * to the workspace), and the model usage the runner's gateway counted for the step ({@link ModelUsage}).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "outcome")
@JsonIgnoreProperties(
        value = {"ok", "patchApplied"},
        allowGetters = true)
@JsonSubTypes({
    @JsonSubTypes.Type(value = ToolResult.Changed.class, name = "changed"),
    @JsonSubTypes.Type(value = ToolResult.Unchanged.class, name = "unchanged"),
    @JsonSubTypes.Type(value = ToolResult.Failed.class, name = "failed"),
    @JsonSubTypes.Type(value = ToolResult.TimedOut.class, name = "timed-out"),
    @JsonSubTypes.Type(value = ToolResult.Cancelled.class, name = "cancelled"),
    @JsonSubTypes.Type(value = ToolResult.Refused.class, name = "refused"),
    @JsonSubTypes.Type(value = ToolResult.Missing.class, name = "missing"),
    @JsonSubTypes.Type(value = ToolResult.Held.class, name = "held"),
    @JsonSubTypes.Type(value = ToolResult.BudgetExceeded.class, name = "budget-exceeded")
})
public sealed interface ToolResult {
    String tool();

    String diff();

    List<String> logs();

    List<String> artifacts();

    /**
     * What each model request of the step used, in the order the gateway saw them (empty when the tool made none
     * through the gateway, or for results stored before usage was recorded).
     */
    List<ModelUsage> usage();

    /**
     * The wire's {@code ok} (and, as {@code /error-solve} called it, {@code patchApplied}): true for {@link Changed},
     * kept for clients older than {@code outcome} (the API only grows); callers in Java switch on the case.
     */
    @JsonProperty("ok")
    default boolean okOnTheWire() {
        return this instanceof Changed;
    }

    @JsonProperty("patchApplied")
    default boolean patchAppliedOnTheWire() {
        return this instanceof Changed;
    }

    /** The tool ran to its end and changed the workspace. */
    record Changed(String tool, String diff, List<String> logs, List<String> artifacts, List<ModelUsage> usage)
            implements ToolResult {
        public Changed {
            diff = diff == null ? "" : diff;
            logs = List.copyOf(logs);
            artifacts = List.copyOf(artifacts);
            usage = usage == null ? List.of() : List.copyOf(usage);
        }

        public Changed(String tool, String diff, List<String> logs, List<String> artifacts) {
            this(tool, diff, logs, artifacts, List.of());
        }
    }

    /** The tool ran to its end but changed nothing (this attempt). */
    record Unchanged(String tool, String diff, List<String> logs, List<String> artifacts, List<ModelUsage> usage)
            implements ToolResult {
        public Unchanged {
            diff = diff == null ? "" : diff;
            logs = List.copyOf(logs);
            artifacts = List.copyOf(artifacts);
            usage = usage == null ? List.of() : List.copyOf(usage);
        }

        public Unchanged(String tool, String diff, List<String> logs, List<String> artifacts) {
            this(tool, diff, logs, artifacts, List.of());
        }
    }

    /** The tool exited with an error (or, for ollama, its answer could not be applied). */
    record Failed(String tool, String diff, List<String> logs, List<String> artifacts, List<ModelUsage> usage)
            implements ToolResult {
        public Failed {
            diff = diff == null ? "" : diff;
            logs = List.copyOf(logs);
            artifacts = List.copyOf(artifacts);
            usage = usage == null ? List.of() : List.copyOf(usage);
        }

        public Failed(String tool, String diff, List<String> logs, List<String> artifacts) {
            this(tool, diff, logs, artifacts, List.of());
        }
    }

    /** The step's sandbox timeout passed and the tool was killed. */
    record TimedOut(String tool, String diff, List<String> logs, List<String> artifacts, List<ModelUsage> usage)
            implements ToolResult {
        public TimedOut {
            diff = diff == null ? "" : diff;
            logs = List.copyOf(logs);
            artifacts = List.copyOf(artifacts);
            usage = usage == null ? List.of() : List.copyOf(usage);
        }

        public TimedOut(String tool, String diff, List<String> logs, List<String> artifacts) {
            this(tool, diff, logs, artifacts, List.of());
        }
    }

    /** An emergency stop killed the tool ({@link Runner#cancel}). */
    record Cancelled(String tool, String diff, List<String> logs, List<String> artifacts, List<ModelUsage> usage)
            implements ToolResult {
        public Cancelled {
            diff = diff == null ? "" : diff;
            logs = List.copyOf(logs);
            artifacts = List.copyOf(artifacts);
            usage = usage == null ? List.of() : List.copyOf(usage);
        }

        public Cancelled(String tool, String diff, List<String> logs, List<String> artifacts) {
            this(tool, diff, logs, artifacts, List.of());
        }
    }

    /**
     * The attempt was refused, {@code reason} says why: {@code .clarity.yml} is invalid, the tool is unknown, the
     * command policy refused its command line, or the tool changed {@code .clarity.yml} (the change is undone).
     */
    record Refused(
            String tool, String reason, String diff, List<String> logs, List<String> artifacts, List<ModelUsage> usage)
            implements ToolResult {
        public Refused {
            diff = diff == null ? "" : diff;
            logs = List.copyOf(logs);
            artifacts = List.copyOf(artifacts);
            usage = usage == null ? List.of() : List.copyOf(usage);
        }

        public Refused(String tool, String reason, String diff, List<String> logs, List<String> artifacts) {
            this(tool, reason, diff, logs, artifacts, List.of());
        }
    }

    /**
     * The tool's program cannot be started in the sandbox (not installed, not on the step's PATH, not in the image):
     * nothing ran. {@code reason} is one sentence naming the tool, the command looked up and where, and how to
     * install or configure it. Retrying does not help; a person must.
     */
    record Missing(
            String tool, String reason, String diff, List<String> logs, List<String> artifacts, List<ModelUsage> usage)
            implements ToolResult {
        public Missing {
            diff = diff == null ? "" : diff;
            logs = List.copyOf(logs);
            artifacts = List.copyOf(artifacts);
            usage = usage == null ? List.of() : List.copyOf(usage);
        }

        public Missing(String tool, String reason, String diff, List<String> logs, List<String> artifacts) {
            this(tool, reason, diff, logs, artifacts, List.of());
        }
    }

    /**
     * The step's model requests crossed the token limit it was given ({@code maxTokens} of the request): the gateway
     * refused its further requests and the tool was stopped or ended. {@code reason} names the budget and what was
     * used; the item needs a person (HUMAN_REVIEW), retrying spends more.
     */
    record BudgetExceeded(
            String tool,
            String reason,
            long maxTokens,
            String diff,
            List<String> logs,
            List<String> artifacts,
            List<ModelUsage> usage)
            implements ToolResult {
        public BudgetExceeded {
            diff = diff == null ? "" : diff;
            logs = List.copyOf(logs);
            artifacts = List.copyOf(artifacts);
            usage = usage == null ? List.of() : List.copyOf(usage);
        }
    }

    /**
     * The tool changed protected files ({@code files}: the task list, a check's script, {@code artifacts/}, a
     * {@code protect:} glob …). Their change was taken out of the workspace (they are as before the tool) and kept
     * aside; {@link Runner#release} puts it back once a person approved it. {@code heldDiff} shows that change
     * (redacted, bounded); {@code diff} is the workspace's diff without it. The rest of the tool's work stays.
     */
    record Held(
            String tool,
            List<String> files,
            String heldDiff,
            String diff,
            List<String> logs,
            List<String> artifacts,
            List<ModelUsage> usage)
            implements ToolResult {
        public Held {
            files = List.copyOf(files);
            heldDiff = heldDiff == null ? "" : heldDiff;
            diff = diff == null ? "" : diff;
            logs = List.copyOf(logs);
            artifacts = List.copyOf(artifacts);
            usage = usage == null ? List.of() : List.copyOf(usage);
        }

        public Held(
                String tool,
                List<String> files,
                String heldDiff,
                String diff,
                List<String> logs,
                List<String> artifacts) {
            this(tool, files, heldDiff, diff, logs, artifacts, List.of());
        }
    }
}
