/**
 * QuickBooks Online: the OAuth 2.0 connection of the organisation (tokens sealed), the HTTP adapter to the
 * Accounting API, the outbox of customers, invoices and sales receipts to send with its worker, and the webhook that
 * applies payments. Depends on {@code billing}, {@code secrets}, {@code money}, the jOOQ schema, Jackson and
 * java.net.http; never on the web.
 */
package dev.clarity.crm.quickbooks;
