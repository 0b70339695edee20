package dev.clarity.crm.money;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Objects;

/**
 * The organisation's billing settings an admin keeps on screen: the base currency reports convert into, the price
 * per hour of an execution's machine time in that currency, and the time zone whose calendar days time is counted on.
 *
 * @param machineRate at least zero, at most 6 decimals; null when machine time is not priced (its cost lines are 0)
 * @param timeZone the day a time record counts on (reports, budgets, invoice periods) is the day it started here;
 *     times themselves are shown and entered in UTC
 */
public record BillingSettings(Currency baseCurrency, BigDecimal machineRate, ZoneId timeZone) {
    public BillingSettings {
        Objects.requireNonNull(baseCurrency, "baseCurrency");
        Objects.requireNonNull(timeZone, "timeZone");
    }

    /** The time zone's name as it is stored and shown: {@code UTC} or a region such as {@code Europe/Berlin}. */
    public String timeZoneName() {
        return name(timeZone);
    }

    /** {@code zone}'s name as it is stored and shown ({@code UTC}, not Java's {@code Z}). */
    public static String name(ZoneId zone) {
        return zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId();
    }

    /** The machine rate as a form shows it ({@code 0.5}), or empty when machine time is not priced. */
    public String machineRateText() {
        return text(machineRate);
    }

    /** {@code rate} as a form shows it, without trailing zeros; empty for null. */
    public static String text(BigDecimal rate) {
        return rate == null ? "" : rate.stripTrailingZeros().toPlainString();
    }
}
