package dev.clarity.runner.api;

import java.util.List;

/** {@code ok=false} with a reason in {@code logs}, e.g. when a person pushed to the task branch. */
public record PrepResult(boolean ok, String branch, List<String> logs) {
    public PrepResult {
        logs = List.copyOf(logs);
    }
}
