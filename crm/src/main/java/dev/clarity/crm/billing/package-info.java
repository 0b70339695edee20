/**
 * Invoices and credit notes: drafting from unbilled time records and cost lines, editing a draft, issuing with a
 * gap-free number, marking paid, correcting with a credit note, and the PDF. Depends on {@code money} and the jOOQ
 * schema; never on the web.
 */
package dev.clarity.crm.billing;
