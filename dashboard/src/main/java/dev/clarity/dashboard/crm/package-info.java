/**
 * The CRM: customers, projects and people — list, create, edit, archive — with server-side validation whose
 * messages say what to change. Depends on {@code dev.clarity.dashboard.auth}, {@code dev.clarity.dashboard.web}
 * and the jOOQ tables.
 */
package dev.clarity.dashboard.crm;
