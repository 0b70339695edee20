package dev.clarity.dashboard.crm;

import java.time.OffsetDateTime;

/**
 * A project as the CRM and the API show it.
 *
 * @param repository {@code owner/name} on GitHub, or a local path or git URL
 * @param installationId the GitHub App installation, or null for a project not on GitHub
 * @param defaultTool the tool items without one of their own use, or null for the routing's choice
 * @param archivedAt when it was archived, or null while it is active
 * @param managerId the person told by mail when its executions complete, pause or need someone, or null
 */
public record Project(
        long id,
        long customerId,
        String name,
        String repository,
        String cloneUrl,
        Long installationId,
        String defaultBranch,
        String taskListPath,
        String mergePolicy,
        String defaultTool,
        OffsetDateTime archivedAt,
        Long managerId) {
    public boolean archived() {
        return archivedAt != null;
    }
}
