package dev.clarity.bot.commands;

import java.util.Optional;

/** One parsed {@code /clarity} command. Ids are task ids such as {@code 2.3.1.4}; absent options are empty. */
public sealed interface Command {
    /** Start an execution, optionally pausing after {@code stopAfter}, limited to {@code task}, with {@code tool}. */
    record Run(Optional<String> stopAfter, Optional<String> tool, Optional<String> task) implements Command {}

    /** Emergency stop: cancel the running step and halt, keeping the state. */
    record Stop() implements Command {}

    /** Finish the given item, then pause. */
    record StopAfter(String taskId) implements Command {}

    /** Continue a stopped, paused or blocked execution where it was interrupted. */
    record Resume() implements Command {}

    /** Reply with the state of the current execution. */
    record Status() implements Command {}

    /** Give an item in human review fresh attempts; empty means the current item. */
    record Retry(Optional<String> taskId) implements Command {}

    /** Mark an item skipped and move on. */
    record Skip(String taskId) implements Command {}

    /** Release an item held by a gate. */
    record Approve(String taskId) implements Command {}

    /**
     * Reply with the help text; {@code problem} says what was wrong with the comment (an unknown verb with a
     * suggestion, a missing id), empty when help was asked for. It is Markdown for the reply: every word taken from
     * the comment is in a code span that nothing in the word can close.
     */
    record Help(Optional<String> problem) implements Command {
        public static Help asked() {
            return new Help(Optional.empty());
        }

        public static Help because(String problem) {
            return new Help(Optional.of(problem));
        }
    }
}
