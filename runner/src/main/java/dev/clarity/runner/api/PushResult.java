package dev.clarity.runner.api;

import java.util.List;

/** {@code rejectedByOthers} is true when the remote branch holds commits Clarity did not make. */
public record PushResult(boolean ok, boolean rejectedByOthers, List<String> logs) {
    public PushResult {
        logs = List.copyOf(logs);
    }
}
