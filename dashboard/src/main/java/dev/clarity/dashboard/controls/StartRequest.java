package dev.clarity.dashboard.controls;

/**
 * A request to start an execution on a project. {@code stopAfter}, {@code onlyTask}, {@code tool} and
 * {@code mergePolicy} may be null. {@code triggerRef} is where it came from (issue number, delivery id), may be null.
 */
public record StartRequest(
        long projectId,
        Actor actor,
        String stopAfter,
        String onlyTask,
        String tool,
        String mergePolicy,
        String triggerRef) {}
