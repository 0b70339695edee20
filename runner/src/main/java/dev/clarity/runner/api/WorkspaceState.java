package dev.clarity.runner.api;

/** Whether the runner holds a checked-out repository for the workspace (false before prep or after losing its disk). */
public record WorkspaceState(String workspaceId, boolean exists) {}
