/**
 * The client portal: a client's own projects (executions, tasks done, pull requests), proposals and issued invoices,
 * and the messages they leave on a project for its managers. Depends on dashboard.auth, dashboard.web, crm.notify
 * (the managers' mail of a message) and the jOOQ tables (the store only); every query is bounded by the viewer's
 * customer, or for managers by {@link dev.clarity.dashboard.auth.CustomerAccess}.
 */
package dev.clarity.dashboard.portal;
