package dev.clarity.runner.api;

/**
 * Put back the change to protected files that the last tool attempt of {@code taskId} made and the runner kept
 * ({@link ToolResult.Held}): a person approved it.
 */
public record ReleaseRequest(String workspaceId, String taskId, String idempotencyKey) {}
