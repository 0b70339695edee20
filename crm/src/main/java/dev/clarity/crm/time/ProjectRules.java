package dev.clarity.crm.time;

/**
 * What time tracking needs to know of a project.
 *
 * @param archived an archived project takes no new time
 */
public record ProjectRules(
        long projectId, long customerId, String name, Rounding rounding, boolean billable, boolean archived) {}
