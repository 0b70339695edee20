package dev.clarity.runner.tools;

import dev.clarity.runner.config.RepositoryConfig;
import java.nio.file.Path;

/**
 * One tool invocation: where, for which task, which tool, the attempt (0 for IMPLEMENT, 1–3 for ERROR_SOLVE), the
 * rendered prompt and the repository's config.
 */
public record ToolCall(
        String workspaceId,
        Path workspace,
        String taskId,
        String taskTitle,
        String tool,
        int attempt,
        String prompt,
        RepositoryConfig config) {}
