package dev.clarity.crm.time;

/**
 * Which time records a list shows: every field that is set narrows it. Built by the web from who is asking (a team
 * member sees their own, a manager their customers', a client their customer's), then narrowed by the request.
 *
 * @param personId only this person's records
 * @param managerId only records of customers this person manages, and the person's own
 * @param customerId only records of this customer's projects
 * @param projectId only this project's records
 */
public record TimeScope(Long personId, Long managerId, Long customerId, Long projectId) {
    public static TimeScope all() {
        return new TimeScope(null, null, null, null);
    }

    public TimeScope withProject(Long project) {
        return new TimeScope(personId, managerId, customerId, project);
    }
}
