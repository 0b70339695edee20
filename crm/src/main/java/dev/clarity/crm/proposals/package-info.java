/**
 * Proposals: a manager's versioned offer to a customer (sections, line items, taxes, validity), its totals, its PDF,
 * the emailed link with a hashed random token, and the client's acceptance or decline with its effects (project,
 * lifecycle, audit, the manager's mail). Depends on crm.money, crm.mail, the migrations' jOOQ classes and the JDK.
 */
package dev.clarity.crm.proposals;
