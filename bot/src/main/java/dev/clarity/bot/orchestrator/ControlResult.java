package dev.clarity.bot.orchestrator;

/** A control either moves the execution or is refused with a sentence for the person. */
public sealed interface ControlResult {
    record Moved(Transition transition) implements ControlResult {}

    record Refused(String reason) implements ControlResult {}
}
