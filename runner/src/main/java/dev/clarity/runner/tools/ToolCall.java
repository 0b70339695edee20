package dev.clarity.runner.tools;

import dev.clarity.runner.config.RepositoryConfig;
import java.nio.file.Path;

/**
 * One tool invocation: where, for which task, which tool, the attempt (0 for IMPLEMENT, 1–3 for ERROR_SOLVE), the
 * rendered prompt, the repository's config and the step's token limit ({@code maxTokens}, 0 for none).
 */
public record ToolCall(
        String workspaceId,
        Path workspace,
        String taskId,
        String taskTitle,
        String tool,
        int attempt,
        String prompt,
        RepositoryConfig config,
        long maxTokens) {
    /** A call without a token limit. */
    public ToolCall(
            String workspaceId,
            Path workspace,
            String taskId,
            String taskTitle,
            String tool,
            int attempt,
            String prompt,
            RepositoryConfig config) {
        this(workspaceId, workspace, taskId, taskTitle, tool, attempt, prompt, config, 0);
    }
}
