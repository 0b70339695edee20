package dev.clarity.crm.money;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * The organisation's billing settings an admin keeps on screen: the base currency reports convert into, and the price
 * per hour of an execution's machine time in that currency.
 *
 * @param machineRate at least zero, at most 6 decimals; null when machine time is not priced (its cost lines are 0)
 */
public record BillingSettings(Currency baseCurrency, BigDecimal machineRate) {
    public BillingSettings {
        Objects.requireNonNull(baseCurrency, "baseCurrency");
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
