package dev.clarity.crm.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void amounts_of_one_currency_add_exactly_where_doubles_would_not() {
        Money sum = Money.of("0.10", "EUR").plus(Money.of("0.20", "EUR"));

        assertThat(sum).isEqualTo(Money.of("0.3", "EUR"));
        assertThat(sum.toString()).isEqualTo("0.30 EUR");
    }

    @Test
    void rounding_goes_to_the_currency_minor_unit_half_even() {
        assertThat(Money.of("10.125", "EUR").rounded().amount()).isEqualByComparingTo("10.12");
        assertThat(Money.of("10.135", "EUR").rounded().amount()).isEqualByComparingTo("10.14");
        assertThat(Money.of("1234.5", "JPY").rounded().toString()).isEqualTo("1234 JPY");
        assertThat(Money.of("2.5", "EUR").times(new BigDecimal("1.5")).rounded().toString())
                .isEqualTo("3.75 EUR");
    }

    @Test
    void combining_two_currencies_is_refused() {
        assertThatThrownBy(() -> Money.of("1", "EUR").plus(Money.of("1", "USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot combine EUR with USD");
    }

    @Test
    void an_unknown_or_malformed_currency_code_names_itself() {
        assertThatThrownBy(() -> Money.currency("XYZ"))
                .isInstanceOf(UnknownCurrencyException.class)
                .hasMessageContaining("\"XYZ\"");
        assertThatThrownBy(() -> Money.currency("eur")).isInstanceOf(UnknownCurrencyException.class);
        assertThat(Money.currency("GBP").getCurrencyCode()).isEqualTo("GBP");
    }
}
