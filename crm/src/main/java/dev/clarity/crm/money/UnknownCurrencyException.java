package dev.clarity.crm.money;

/** A currency code that is not an ISO 4217 code the JDK knows; the message names it for the form that sent it. */
public final class UnknownCurrencyException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnknownCurrencyException(String code) {
        super("unknown currency \"" + code + "\": use an ISO 4217 code such as EUR, USD or GBP");
    }
}
