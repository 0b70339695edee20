package dev.clarity.crm.rates;

import dev.clarity.crm.money.Money;
import java.math.BigDecimal;
import java.time.LocalDate;

/** 1 {@code from} = {@code rate} {@code to}, as set for {@code date}. */
public record ExchangeRate(String from, String to, LocalDate date, BigDecimal rate) {
    /** {@code amount} (in {@code from}) in {@code to}, not yet rounded. */
    public Money convert(Money amount) {
        if (!amount.currency().getCurrencyCode().equals(from)) {
            throw new IllegalArgumentException("a " + from + " rate cannot convert " + amount);
        }
        return new Money(amount.amount().multiply(rate), Money.currency(to));
    }

    /** {@code 1 USD = 0.92 EUR (2026-03-01)}: how a page says which rate it used. */
    public String describe() {
        return "1 " + from + " = " + rate.stripTrailingZeros().toPlainString() + " " + to + " (" + date + ")";
    }
}
