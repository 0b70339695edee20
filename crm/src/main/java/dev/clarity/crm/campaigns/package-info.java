/**
 * Campaigns: a text sent to a contact list in batches at a set rate through the mail outbox, one-click unsubscribe
 * (RFC 8058) and a footer link that put the address on the suppression list, and each campaign's progress. Depends on
 * crm.contacts, crm.mail, the migrations' jOOQ classes and the JDK.
 */
package dev.clarity.crm.campaigns;
