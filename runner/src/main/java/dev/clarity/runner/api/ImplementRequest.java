package dev.clarity.runner.api;

import java.util.List;

/**
 * Run an AI tool on the task in the workspace. {@code tool} may be null: the runner routes by the title and the
 * repository's {@code .clarity.yml}. {@code parentContext} is the task's parent line(s) for the prompt.
 * {@code protectedFiles} says which files the tool may not change ({@link ProtectedFiles}); a change to one is taken
 * out and kept ({@link ToolResult.Held}).
 * {@code maxTokens} is the step's token limit (input and output tokens of all its model requests together; 0 for
 * none): once the step's usage crosses it, the runner's gateway refuses the tool's further requests and the result
 * is {@link ToolResult.BudgetExceeded}.
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
        ProtectedFiles protectedFiles,
        long maxTokens) {
    public ImplementRequest {
        criteria = List.copyOf(criteria);
        promptHints = List.copyOf(promptHints);
        protectedFiles = protectedFiles == null ? ProtectedFiles.NONE : protectedFiles;
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens is 0 (no limit) or positive, not " + maxTokens);
        }
    }

    /** A request with protected files of its own and no token limit. */
    public ImplementRequest(
            String workspaceId,
            String taskId,
            String taskTitle,
            String parentContext,
            String tool,
            List<CriterionSpec> criteria,
            List<String> promptHints,
            String idempotencyKey,
            ProtectedFiles protectedFiles) {
        this(
                workspaceId,
                taskId,
                taskTitle,
                parentContext,
                tool,
                criteria,
                promptHints,
                idempotencyKey,
                protectedFiles,
                0);
    }

    /** A request with a token limit that names no protected files of its own. */
    public ImplementRequest(
            String workspaceId,
            String taskId,
            String taskTitle,
            String parentContext,
            String tool,
            List<CriterionSpec> criteria,
            List<String> promptHints,
            String idempotencyKey,
            long maxTokens) {
        this(
                workspaceId,
                taskId,
                taskTitle,
                parentContext,
                tool,
                criteria,
                promptHints,
                idempotencyKey,
                ProtectedFiles.NONE,
                maxTokens);
    }

    /** A request that names no protected files of its own (the runner's own rules still apply), without a limit. */
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
                ProtectedFiles.NONE,
                0);
    }
}
