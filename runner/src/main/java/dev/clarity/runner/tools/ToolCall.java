package dev.clarity.runner.tools;

import dev.clarity.runner.config.RepositoryConfig;
import dev.clarity.runner.sandbox.SandboxResources;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One tool invocation: where, for which task, which tool, the attempt (0 for IMPLEMENT, 1–3 for ERROR_SOLVE), the
 * rendered prompt, the repository's config and the step's token limit ({@code maxTokens}, 0 for none). {@code resources} (null: the sandbox's own) and {@code timeout} are
 * the step's, the repository's {@code sandbox:} within the admin's ceilings; {@code files} are the workspace-relative
 * files that matter for the task (the focused context), which tools that take files as arguments get as arguments.
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
        long maxTokens,
        SandboxResources resources,
        Duration timeout,
        List<String> files) {
    public ToolCall {
        timeout = timeout == null ? config.sandbox().timeout() : timeout;
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** A call with a token limit, the sandbox's own image and limits, the config's timeout and no context files. */
    public ToolCall(
            String workspaceId,
            Path workspace,
            String taskId,
            String taskTitle,
            String tool,
            int attempt,
            String prompt,
            RepositoryConfig config,
            long maxTokens) {
        this(
                workspaceId,
                workspace,
                taskId,
                taskTitle,
                tool,
                attempt,
                prompt,
                config,
                maxTokens,
                null,
                null,
                List.of());
    }

    /** A call without a token limit, with the step's image, limits, timeout and context files. */
    public ToolCall(
            String workspaceId,
            Path workspace,
            String taskId,
            String taskTitle,
            String tool,
            int attempt,
            String prompt,
            RepositoryConfig config,
            SandboxResources resources,
            Duration timeout,
            List<String> files) {
        this(workspaceId, workspace, taskId, taskTitle, tool, attempt, prompt, config, 0, resources, timeout, files);
    }

    /** A call without a token limit, with the sandbox's own image and limits, the config's timeout, no context files. */
    public ToolCall(
            String workspaceId,
            Path workspace,
            String taskId,
            String taskTitle,
            String tool,
            int attempt,
            String prompt,
            RepositoryConfig config) {
        this(workspaceId, workspace, taskId, taskTitle, tool, attempt, prompt, config, 0, null, null, List.of());
    }
}
