package dev.clarity.crm.money;

import static dev.clarity.migrations.jooq.Tables.EXCHANGE_RATES;
import static dev.clarity.migrations.jooq.Tables.ORGANISATION_SETTINGS;

import dev.clarity.crm.audit.Audit;
import dev.clarity.crm.audit.AuditEntry;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The exchange rates an admin maintains, and conversion at the rate of a date: the latest rate of the pair on or
 * before it, or of the reverse pair (inverted) when only that one is kept. A missing rate is a {@link Conversion.NoRate}
 * result, never an exception: a report shows it beside the amount it could not convert. Thread-safe.
 */
public final class ExchangeRates {
    private final DSLContext dsl;
    private final Audit audit;

    public ExchangeRates(DSLContext dsl, InstantSource clock) {
        this.dsl = dsl;
        this.audit = new Audit(clock);
    }

    /** The organisation's base currency, into which reports convert. */
    public Currency baseCurrency() {
        return Money.currency(dsl.select(ORGANISATION_SETTINGS.BASE_CURRENCY)
                .from(ORGANISATION_SETTINGS)
                .fetchOptional(ORGANISATION_SETTINGS.BASE_CURRENCY)
                .orElse("EUR"));
    }

    public Conversion convert(Money amount, Currency to, LocalDate on) {
        String from = amount.currency().getCurrencyCode();
        String target = to.getCurrencyCode();
        if (from.equals(target)) {
            return new Conversion.Converted(amount, amount, new Conversion.Rate(from, target, null, BigDecimal.ONE));
        }
        Optional<Conversion.Rate> rate = latest(from, target, on)
                .or(() -> latest(target, from, on)
                        .map(r -> new Conversion.Rate(
                                from, target, r.date(), BigDecimal.ONE.divide(r.rate(), MathContext.DECIMAL64))));
        return rate.<Conversion>map(r -> new Conversion.Converted(
                        amount, new Money(amount.amount().multiply(r.rate()), to), r))
                .orElseGet(() -> new Conversion.NoRate(from, target, on));
    }

    public Conversion toBase(Money amount, LocalDate on) {
        return convert(amount, baseCurrency(), on);
    }

    private Optional<Conversion.Rate> latest(String from, String to, LocalDate on) {
        return newest(from, to, EXCHANGE_RATES.RATE_DATE.le(on));
    }

    /** The rate of {@code from}/{@code to} kept for exactly {@code date}, if there is one. */
    public Optional<Conversion.Rate> find(String from, String to, LocalDate date) {
        return newest(from, to, EXCHANGE_RATES.RATE_DATE.eq(date));
    }

    private Optional<Conversion.Rate> newest(String from, String to, org.jooq.Condition dated) {
        return dsl.select(EXCHANGE_RATES.RATE_DATE, EXCHANGE_RATES.RATE)
                .from(EXCHANGE_RATES)
                .where(EXCHANGE_RATES.FROM_CURRENCY.eq(from))
                .and(EXCHANGE_RATES.TO_CURRENCY.eq(to))
                .and(dated)
                .orderBy(EXCHANGE_RATES.RATE_DATE.desc())
                .limit(1)
                .fetchOptional(r -> new Conversion.Rate(from, to, r.value1(), r.value2()));
    }

    /** Every rate kept, newest first. */
    public List<Conversion.Rate> list() {
        return dsl.select(
                        EXCHANGE_RATES.FROM_CURRENCY,
                        EXCHANGE_RATES.TO_CURRENCY,
                        EXCHANGE_RATES.RATE_DATE,
                        EXCHANGE_RATES.RATE)
                .from(EXCHANGE_RATES)
                .orderBy(EXCHANGE_RATES.RATE_DATE.desc(), EXCHANGE_RATES.FROM_CURRENCY, EXCHANGE_RATES.TO_CURRENCY)
                .limit(1000)
                .fetch(r -> new Conversion.Rate(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /**
     * Keeps {@code rate} (replacing the pair's rate of that date) and audits it ({@code rate.set}, by {@code actor}) in
     * one transaction; the caller has checked it with {@link RateForm}.
     */
    public void put(Conversion.Rate rate, String actor) {
        dsl.transaction(tx -> {
            tx.dsl()
                    .insertInto(EXCHANGE_RATES)
                    .set(EXCHANGE_RATES.FROM_CURRENCY, rate.from())
                    .set(EXCHANGE_RATES.TO_CURRENCY, rate.to())
                    .set(EXCHANGE_RATES.RATE_DATE, rate.date())
                    .set(EXCHANGE_RATES.RATE, rate.rate())
                    .onConflict(EXCHANGE_RATES.FROM_CURRENCY, EXCHANGE_RATES.TO_CURRENCY, EXCHANGE_RATES.RATE_DATE)
                    .doUpdate()
                    .set(EXCHANGE_RATES.RATE, rate.rate())
                    .execute();
            audit.write(
                    tx.dsl(),
                    new AuditEntry(
                            actor,
                            "rate.set",
                            "exchange_rate",
                            rate.from() + "/" + rate.to() + "@" + rate.date(),
                            "1 " + rate.from() + " = " + rate.rate().toPlainString() + " " + rate.to()));
        });
    }

    /**
     * Deletes the rate of {@code from}/{@code to} of {@code date} and audits it ({@code rate.deleted}, by
     * {@code actor}, with the rate it had) in one transaction. Answers the rate deleted, or empty when there was none
     * (deleted already, or never kept): then nothing is written. Reports use the next older rate of the pair from then
     * on.
     */
    public Optional<Conversion.Rate> delete(String from, String to, LocalDate date, String actor) {
        return dsl.transactionResult(tx -> {
            Optional<BigDecimal> deleted = tx.dsl()
                    .deleteFrom(EXCHANGE_RATES)
                    .where(EXCHANGE_RATES.FROM_CURRENCY.eq(from))
                    .and(EXCHANGE_RATES.TO_CURRENCY.eq(to))
                    .and(EXCHANGE_RATES.RATE_DATE.eq(date))
                    .returning(EXCHANGE_RATES.RATE)
                    .fetchOptional(EXCHANGE_RATES.RATE);
            deleted.ifPresent(rate -> audit.write(
                    tx.dsl(),
                    new AuditEntry(
                            actor,
                            "rate.deleted",
                            "exchange_rate",
                            from + "/" + to + "@" + date,
                            "1 " + from + " = " + rate.stripTrailingZeros().toPlainString() + " " + to)));
            return deleted.map(rate -> new Conversion.Rate(from, to, date, rate));
        });
    }
}
