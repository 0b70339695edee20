package dev.clarity.crm.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in one currency. The amount keeps the scale it was given (rates and intermediate products may carry
 * more digits than the currency's minor unit); {@link #rounded()} gives the amount as it is billed, half-even to the
 * currency's minor unit. Adding or comparing two amounts of different currencies is a programming error and throws;
 * converting between currencies goes through an exchange rate of a date, never through this type.
 */
public record Money(BigDecimal amount, Currency currency) implements Comparable<Money> {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    /** Parses an ISO 4217 code; an unknown code is a {@link UnknownCurrencyException} that names it. */
    public static Currency currency(String code) {
        if (code == null || !code.matches("[A-Z]{3}")) {
            throw new UnknownCurrencyException(code);
        }
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new UnknownCurrencyException(code);
        }
    }

    public static Money of(String amount, String currencyCode) {
        return new Money(new BigDecimal(amount), currency(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO.setScale(Math.max(0, currency.getDefaultFractionDigits())), currency);
    }

    public Money plus(Money other) {
        return new Money(amount.add(same(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(same(other).amount), currency);
    }

    public Money times(BigDecimal factor) {
        return new Money(amount.multiply(factor), currency);
    }

    public Money negate() {
        return new Money(amount.negate(), currency);
    }

    /** The amount at the currency's minor unit (2 digits for EUR, 0 for JPY), rounded half-even. */
    public Money rounded() {
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        return new Money(amount.setScale(digits, RoundingMode.HALF_EVEN), currency);
    }

    public boolean isNegative() {
        return amount.signum() < 0;
    }

    @Override
    public int compareTo(Money other) {
        return amount.compareTo(same(other).amount);
    }

    /** Equal amounts of the same currency are equal whatever their scale (1.5 EUR == 1.50 EUR). */
    @Override
    public boolean equals(Object o) {
        return o instanceof Money m && m.currency.equals(currency) && m.amount.compareTo(amount) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(amount.stripTrailingZeros(), currency);
    }

    /** {@code 1234.50 EUR}: the rounded amount, then the code. */
    @Override
    public String toString() {
        return rounded().amount.toPlainString() + " " + currency.getCurrencyCode();
    }

    private Money same(Money other) {
        if (!other.currency.equals(currency)) {
            throw new IllegalArgumentException(
                    "cannot combine " + currency.getCurrencyCode() + " with " + other.currency.getCurrencyCode());
        }
        return other;
    }
}
