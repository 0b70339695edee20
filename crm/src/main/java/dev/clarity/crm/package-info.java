/**
 * The CRM's business side, one package per feature (money, time, billing, quickbooks, mail, proposals, campaigns).
 * Depends on the migrations' jOOQ classes and the JDK; never on the web, the bot or the runner.
 */
package dev.clarity.crm;
