package dev.clarity.bot.orchestrator;

import dev.clarity.runner.api.ToolResult;
import dev.clarity.vocabulary.Step;
import dev.clarity.vocabulary.Tool;
import java.time.Duration;

/**
 * Where the loop reports each step it carried out, and the tool steps each tool run, for {@code /metrics}. The labels
 * are spelled here, from closed sets (the steps, {@link #outcome(StepOutcome)}, the tools, {@link #outcome(ToolResult)}),
 * so that no text from a task list or a runner becomes a label. Implementations are thread-safe and never throw.
 */
public interface StepMeters {
    /** The step ended with {@code outcome} (a spelling of {@link #outcome(StepOutcome)}, or {@code "error"}). */
    void stepTook(Step step, String outcome, Duration wall);

    /** A tool ran in an IMPLEMENT or ERROR_SOLVE step and came to {@code result}. */
    void toolRan(ToolResult result);

    /** Reports nothing (tests of other parts, {@code clarity run}). */
    StepMeters NONE = new StepMeters() {
        @Override
        public void stepTook(Step step, String outcome, Duration wall) {}

        @Override
        public void toolRan(ToolResult result) {}
    };

    /** The outcome of a step that threw (a runner that failed, a task list that cannot be read). */
    String ERROR = "error";

    /** How a step's outcome is spelled as a label. */
    static String outcome(StepOutcome outcome) {
        return switch (outcome) {
            case StepOutcome.Selected s -> "selected";
            case StepOutcome.NothingSelectable n -> "nothing-selectable";
            case StepOutcome.Succeeded s -> "succeeded";
            case StepOutcome.Failed f -> "failed";
            case StepOutcome.NeedsPerson n -> "needs-person";
            case StepOutcome.Waiting w -> "waiting";
            case StepOutcome.TakenByPerson t -> "taken-by-person";
            case StepOutcome.Held h -> "held";
        };
    }

    /** How a tool run's result is spelled as a label: as the runner API's {@code outcome} field spells it. */
    static String outcome(ToolResult result) {
        return switch (result) {
            case ToolResult.Changed c -> "changed";
            case ToolResult.Unchanged u -> "unchanged";
            case ToolResult.Failed f -> "failed";
            case ToolResult.TimedOut t -> "timed-out";
            case ToolResult.Cancelled c -> "cancelled";
            case ToolResult.Refused r -> "refused";
            case ToolResult.Missing m -> "missing";
            case ToolResult.Held h -> "held";
            case ToolResult.BudgetExceeded b -> "budget-exceeded";
        };
    }

    /** The tool a result names, as a label: one of the tools' spellings, or {@code "other"}. */
    static String tool(ToolResult result) {
        return Tool.find(result.tool()).map(Tool::spelling).orElse("other");
    }
}
