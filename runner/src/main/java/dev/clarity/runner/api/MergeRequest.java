package dev.clarity.runner.api;

/**
 * Commit everything in the workspace on {@code branch} as Clarity with {@code message} ("Task id: title"). Files the
 * bot wrote (tasks_list.md, outcomes, artifacts) are already in the workspace.
 */
public record MergeRequest(String workspaceId, String taskId, String branch, String message, String idempotencyKey) {}
