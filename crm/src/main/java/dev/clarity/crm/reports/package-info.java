/**
 * Reports on billable hours: per customer, project, person and month, budget used, unbilled hours, converted into the
 * organisation's base currency at the rate of each day; CSV export. Depends on {@code billing}, {@code rates},
 * {@code money} and the jOOQ schema.
 */
package dev.clarity.crm.reports;
