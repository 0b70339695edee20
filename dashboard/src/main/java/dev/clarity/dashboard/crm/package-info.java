/**
 * The CRM: customers, projects and people — list, create, edit, archive. Each form is checked by a pure function
 * ({@code *Form.check}: what was entered and what the database says about it, to one message per field or a command
 * to save), separate from the stores that read rows as records and save commands. Depends on
 * {@code dev.clarity.dashboard.auth}, {@code dev.clarity.dashboard.web} and the jOOQ tables (the stores only).
 */
package dev.clarity.dashboard.crm;
