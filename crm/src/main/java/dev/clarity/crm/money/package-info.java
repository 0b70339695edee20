/**
 * Amounts of money: a {@code BigDecimal} with its ISO 4217 currency, never a {@code double}; exchange rates an admin
 * keeps and conversion at the rate of a date. Depends on the JDK and the migrations' jOOQ classes.
 */
package dev.clarity.crm.money;
