package dev.clarity.runner.api;

import java.util.List;

/**
 * Run an AI tool on the task in the workspace. {@code tool} may be null: the runner routes by the title and the
 * repository's {@code .clarity.yml}. {@code parentContext} is the task's parent line(s) for the prompt.
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
        long maxTokens) {
    public ImplementRequest {
        criteria = List.copyOf(criteria);
        promptHints = List.copyOf(promptHints);
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens is 0 (no limit) or positive, not " + maxTokens);
        }
    }

    /** A request without a token limit. */
    public ImplementRequest(
            String workspaceId,
            String taskId,
            String taskTitle,
            String parentContext,
            String tool,
            List<CriterionSpec> criteria,
            List<String> promptHints,
            String idempotencyKey) {
        this(workspaceId, taskId, taskTitle, parentContext, tool, criteria, promptHints, idempotencyKey, 0);
    }
}
