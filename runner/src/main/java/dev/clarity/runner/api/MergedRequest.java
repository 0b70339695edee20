package dev.clarity.runner.api;

/**
 * Whether the remote {@code target} branch (the default branch) already contains the workspace's {@code branch}:
 * how merge policy {@code wait} knows, without GitHub, that a person merged an item. Reads only; a merged target
 * also becomes the workspace's local {@code target}, so the next item starts from it.
 */
public record MergedRequest(
        String workspaceId, String repoUrl, String branch, String target, GitCredentials credentials) {}
