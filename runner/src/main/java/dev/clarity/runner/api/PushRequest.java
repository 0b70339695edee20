package dev.clarity.runner.api;

/** Push {@code branch} without force; {@code ok=false} when someone else pushed to it (reported in logs). */
public record PushRequest(
        String workspaceId, String repoUrl, String branch, String idempotencyKey, GitCredentials credentials) {}
