/**
 * Exchange rates an admin maintains (1 from = rate to on a date) and the lookup "latest rate on or before a date".
 * Depends on {@code money} and the jOOQ schema.
 */
package dev.clarity.crm.rates;
