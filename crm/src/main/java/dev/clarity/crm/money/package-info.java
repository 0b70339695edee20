/**
 * Amounts of money: a {@code BigDecimal} with its ISO 4217 currency, never a {@code double}. Depends on the JDK
 * only.
 */
package dev.clarity.crm.money;
