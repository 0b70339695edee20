package dev.clarity.crm.money;

import static dev.clarity.migrations.jooq.Tables.EXCHANGE_RATES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.crm.CrmDatabase;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExchangeRatesTest {
    private final DSLContext dsl = CrmDatabase.dsl();
    private final ExchangeRates rates = new ExchangeRates(dsl, java.time.InstantSource.system());

    @BeforeEach
    void rates() {
        dsl.deleteFrom(EXCHANGE_RATES).execute();
        rates.put(new Conversion.Rate("EUR", "USD", LocalDate.parse("2026-02-20"), new BigDecimal("1.08")), "root");
        rates.put(new Conversion.Rate("EUR", "USD", LocalDate.parse("2026-02-27"), new BigDecimal("1.10")), "root");
        rates.put(new Conversion.Rate("EUR", "USD", LocalDate.parse("2026-03-05"), new BigDecimal("1.20")), "root");
    }

    @Test
    void an_amount_converts_at_the_latest_rate_on_or_before_its_date_and_says_which() {
        Conversion c = rates.convert(Money.of("100.00", "EUR"), Money.currency("USD"), LocalDate.parse("2026-03-01"));

        assertThat(c).isInstanceOfSatisfying(Conversion.Converted.class, ok -> {
            assertThat(ok.converted()).isEqualTo(Money.of("110", "USD"));
            assertThat(ok.rate().date()).isEqualTo(LocalDate.parse("2026-02-27"));
            assertThat(ok.explanation()).isEqualTo("at 1 EUR = 1.1 USD of 2026-02-27");
        });
    }

    @Test
    void the_reverse_pair_is_used_inverted_when_only_it_is_kept() {
        Conversion c = rates.convert(Money.of("110", "USD"), Money.currency("EUR"), LocalDate.parse("2026-03-01"));

        assertThat(c)
                .isInstanceOfSatisfying(
                        Conversion.Converted.class,
                        ok -> assertThat(ok.converted().rounded()).isEqualTo(Money.of("100.00", "EUR")));
    }

    @Test
    void a_deleted_rate_is_no_longer_used_and_deleting_it_again_finds_nothing() {
        LocalDate day = LocalDate.parse("2026-02-27");

        var deleted = rates.delete("EUR", "USD", day, "root");
        var again = rates.delete("EUR", "USD", day, "root");
        Conversion c = rates.convert(Money.of("100.00", "EUR"), Money.currency("USD"), LocalDate.parse("2026-03-01"));

        assertThat(deleted).hasValueSatisfying(r -> assertThat(r.rate()).isEqualByComparingTo("1.10"));
        assertThat(again).isEmpty();
        assertThat(c)
                .isInstanceOfSatisfying(
                        Conversion.Converted.class,
                        ok -> assertThat(ok.explanation()).isEqualTo("at 1 EUR = 1.08 USD of 2026-02-20"));
    }

    @Test
    void a_missing_rate_is_a_result_that_names_the_pair_and_the_date() {
        Conversion c = rates.convert(Money.of("5", "EUR"), Money.currency("GBP"), LocalDate.parse("2026-03-01"));
        Conversion early = rates.convert(Money.of("5", "EUR"), Money.currency("USD"), LocalDate.parse("2026-01-01"));

        assertThat(c)
                .isInstanceOfSatisfying(
                        Conversion.NoRate.class,
                        no -> assertThat(no.message()).isEqualTo("no rate EUR→GBP on or before 2026-03-01"));
        assertThat(early).isInstanceOf(Conversion.NoRate.class);
    }

    @Test
    void a_rate_form_with_an_unknown_currency_or_a_bad_rate_names_each_field_and_keeps_nothing() {
        Map<String, String> form = new HashMap<>(
                Map.of("rate_date", "2026-03-01", "from_currency", "EUX", "to_currency", "USD", "rate", "-1"));
        int before = dsl.fetchCount(EXCHANGE_RATES);

        Map<String, String> errors = RateForm.check(form, rate -> rates.put(rate, "root"));

        assertThat(errors)
                .containsEntry(
                        "from_currency", "Unknown currency \"EUX\": use an ISO 4217 code such as EUR, USD or GBP.")
                .containsEntry("rate", "The rate must be more than zero.");
        assertThat(dsl.fetchCount(EXCHANGE_RATES)).isEqualTo(before);
    }
}
