/**
 * The audit page: admins read the {@code audit} table, newest first, filtered by target type. Reads only; every row is
 * written by crm.audit. Depends on web, auth and the migrations' jOOQ classes.
 */
package dev.clarity.dashboard.audit;
