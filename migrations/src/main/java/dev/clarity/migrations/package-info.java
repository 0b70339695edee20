/**
 * The database: where PostgreSQL comes from (embedded or external), the Flyway migrations and the jOOQ
 * {@code DSLContext} every other module uses. Depends on nothing of Clarity's own.
 */
package dev.clarity.migrations;
