package dev.clarity.crm.rates;

import static dev.clarity.migrations.jooq.Tables.EXCHANGE_RATES;

import org.jooq.DSLContext;

/** Reads the exchange rates table. The whole table is small (a rate per pair and day at most). */
public final class JooqExchangeRates {
    private final DSLContext dsl;

    public JooqExchangeRates(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Every rate into {@code to}, for converting into one currency. */
    public RateTable into(String to) {
        return new RateTable(dsl.selectFrom(EXCHANGE_RATES)
                .where(EXCHANGE_RATES.TO_CURRENCY.eq(to))
                .fetch(r -> new ExchangeRate(r.getFromCurrency(), r.getToCurrency(), r.getRateDate(), r.getRate())));
    }
}
