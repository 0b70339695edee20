package dev.clarity.dashboard.crm;

import java.time.OffsetDateTime;

/**
 * A project's repository as GitHub and Clarity last saw it. {@code installation} is {@code active},
 * {@code suspended}, {@code removed} or {@code none} (no installation recorded: a local repository, or one the App was
 * never installed on); {@code lastWebhook} and {@code lastEvent} are null when no delivery for it was received;
 * {@code taskList} says whether the newest execution found the task list ({@code found}, {@code not found},
 * {@code not checked yet}) and {@code taskListDetail} why, in a few words.
 */
public record RepositoryStatus(
        String installation,
        OffsetDateTime lastWebhook,
        String lastEvent,
        String defaultBranch,
        String taskList,
        String taskListDetail) {
    /** One line for the projects table. */
    public String describe() {
        String webhook = lastWebhook == null
                ? "no webhook received"
                : "last webhook " + lastEvent + " at " + lastWebhook.withNano(0).toInstant();
        return "installation " + installation + " · " + webhook + " · default branch " + defaultBranch + " · task list "
                + taskList + (taskListDetail.isEmpty() ? "" : " (" + taskListDetail + ")");
    }
}
