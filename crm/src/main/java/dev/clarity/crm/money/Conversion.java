package dev.clarity.crm.money;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What converting an amount at the rate of a date gave. */
public sealed interface Conversion {
    /** Converted; {@code rate} is what was used (1 {@code from} = {@code rate.rate()} {@code to}, on its date). */
    record Converted(Money original, Money converted, Rate rate) implements Conversion {
        /** {@code at 1 EUR = 1.0842 USD of 2026-02-27}: how a report says which rate it used. */
        public String explanation() {
            return "at 1 " + rate.from() + " = "
                    + rate.rate().stripTrailingZeros().toPlainString() + " " + rate.to()
                    + (rate.date() == null ? "" : " of " + rate.date());
        }
    }

    /** No rate for the pair on or before the date; nothing was converted. */
    record NoRate(String from, String to, LocalDate on) implements Conversion {
        /** {@code no rate EUR→USD on or before 2026-03-01}. */
        public String message() {
            return "no rate " + from + "→" + to + " on or before " + on;
        }
    }

    /** A rate between two currencies, of a date (null for the identity rate of a currency to itself). */
    record Rate(String from, String to, LocalDate date, BigDecimal rate) {}
}
