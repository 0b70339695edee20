/**
 * The audit trail: one writer of {@code audit} rows that every change in the CRM and the dashboard goes through, inside
 * the transaction of the change it describes. Depends on the migrations' jOOQ classes and the JDK.
 */
package dev.clarity.crm.audit;
