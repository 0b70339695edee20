/**
 * The billing pages and API: invoices (draft, edit, issue, pay, credit note, PDF), the billable-hours report with its
 * chart and CSV, the billing settings (base currency, machine rate), and the QuickBooks settings, OAuth callback and
 * webhook. Calls the crm module's stores; depends on {@code web} and {@code auth}.
 */
package dev.clarity.dashboard.billing;
