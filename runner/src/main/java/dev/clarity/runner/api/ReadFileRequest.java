package dev.clarity.runner.api;

/** Read one file of the workspace; {@code path} is relative to the repository root and may not leave it. */
public record ReadFileRequest(String workspaceId, String path) {}
