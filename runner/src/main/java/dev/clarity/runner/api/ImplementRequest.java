package dev.clarity.runner.api;

import java.util.List;

/**
 * Run an AI tool on the task in the workspace. {@code tool} may be null: the runner routes by the title and the
 * repository's {@code .clarity.yml}. {@code parentContext} is the task's parent line(s) for the prompt.
 */
public record ImplementRequest(
        String workspaceId,
        String taskId,
        String taskTitle,
        String parentContext,
        String tool,
        List<CriterionSpec> criteria,
        List<String> promptHints,
        String idempotencyKey) {
    public ImplementRequest {
        criteria = List.copyOf(criteria);
        promptHints = List.copyOf(promptHints);
    }
}
