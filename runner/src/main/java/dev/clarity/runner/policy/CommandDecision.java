package dev.clarity.runner.policy;

import java.util.List;

/** Whether a command may run. */
public sealed interface CommandDecision {
    /** The command is on the allowlist and well formed. */
    record Allowed(List<String> argv) implements CommandDecision {}

    /** The command may not run; {@code reason} names the command and says why, for the event log. */
    record Refused(String command, String reason) implements CommandDecision {}
}
