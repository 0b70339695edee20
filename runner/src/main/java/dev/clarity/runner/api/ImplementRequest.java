package dev.clarity.runner.api;

import java.util.List;

/**
 * Run an AI tool on the task in the workspace. {@code tool} may be null: the runner routes by the title and the
 * repository's {@code .clarity.yml}. {@code parentContext} is the task's parent line(s) for the prompt.
 * {@code protectedFiles} says which files the tool may not change ({@link ProtectedFiles}); a change to one is taken
 * out and kept ({@link ToolResult.Held}).
 */
public record ImplementRequest(
        String workspaceId,
        String taskId,
        String taskTitle,
        String parentContext,
        String tool,
        List<CriterionSpec> criteria,
        List<String> promptHints,
        String idempotencyKey,
        ProtectedFiles protectedFiles) {
    public ImplementRequest {
        criteria = List.copyOf(criteria);
        promptHints = List.copyOf(promptHints);
        protectedFiles = protectedFiles == null ? ProtectedFiles.NONE : protectedFiles;
    }

    /** A request that names no protected files of its own (the runner's own rules still apply). */
    public ImplementRequest(
            String workspaceId,
            String taskId,
            String taskTitle,
            String parentContext,
            String tool,
            List<CriterionSpec> criteria,
            List<String> promptHints,
            String idempotencyKey) {
        this(
                workspaceId,
                taskId,
                taskTitle,
                parentContext,
                tool,
                criteria,
                promptHints,
                idempotencyKey,
                ProtectedFiles.NONE);
    }
}
