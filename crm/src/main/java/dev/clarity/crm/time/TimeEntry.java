package dev.clarity.crm.time;

import java.time.Instant;

/**
 * Time entered by hand, or a record's values after a correction.
 *
 * @param projectTaskId the project task, or null for the project as a whole
 * @param seconds what was worked; zero or negative is refused with a field message
 * @param billable null for the project's (or task's) own setting
 */
public record TimeEntry(
        long projectId, Long projectTaskId, Instant startedAt, long seconds, Boolean billable, String note) {}
