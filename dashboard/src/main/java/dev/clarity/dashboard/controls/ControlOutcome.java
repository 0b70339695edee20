package dev.clarity.dashboard.controls;

/** What became of a control: done (with a sentence to show), or refused (with the reason, meant for the user). */
public sealed interface ControlOutcome {
    String message();

    /** The control took effect; {@code executionId} is the execution it applied to. */
    record Accepted(long executionId, String message) implements ControlOutcome {}

    /** Nothing changed; {@code message} says why ("a run for acme/shop is already active, started by @ana …"). */
    record Refused(String message) implements ControlOutcome {}
}
