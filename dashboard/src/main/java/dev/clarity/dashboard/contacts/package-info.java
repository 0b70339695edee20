/**
 * The contact-list pages and {@code /api/contacts}: lists, CSV upload, column mapping with a dry run, import, and a
 * formula-safe export. Depends on the crm module's contacts package and the dashboard's web and auth packages.
 */
package dev.clarity.dashboard.contacts;
