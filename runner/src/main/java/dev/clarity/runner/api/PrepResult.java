package dev.clarity.runner.api;

import java.util.List;

/**
 * {@code ok=false} with a reason in {@code logs}, e.g. when a person pushed to the task branch. {@code personHead} is
 * set for a request with {@code personBranch}: the commit of the person's branch that the checked-out branch
 * stands on.
 */
public record PrepResult(boolean ok, String branch, List<String> logs, String personHead) {
    public PrepResult {
        logs = List.copyOf(logs);
    }

    public PrepResult(boolean ok, String branch, List<String> logs) {
        this(ok, branch, logs, null);
    }
}
