package dev.clarity.crm.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BillingSettingsFormTest {

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(
            delimiter = '|',
            nullValues = "null",
            value = {
                "EUR|0.5|EUR|0.5",
                "usd| 12.123456 |USD|12.123456",
                "JPY||JPY|null",
                "CHF|0|CHF|0",
                "GBP|999999999999.999999|GBP|999999999999.999999",
            })
    void usable_settings_are_kept_as_given(String currency, String rate, String keptCurrency, String keptRate) {
        List<BillingSettings> kept = new ArrayList<>();

        Map<String, String> errors = BillingSettingsForm.check(
                Map.of("base_currency", currency, "machine_rate", rate == null ? "" : rate), kept::add);

        assertThat(errors).isEmpty();
        assertThat(kept).singleElement().satisfies(s -> {
            assertThat(s.baseCurrency().getCurrencyCode()).isEqualTo(keptCurrency);
            assertThat(s.machineRateText()).isEqualTo(keptRate == null ? "" : keptRate);
        });
    }

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "XYZ|1|base_currency",
                "EU|1|base_currency",
                "|1|base_currency",
                "EUR|-0.01|machine_rate",
                "EUR|0.0000001|machine_rate",
                "EUR|1000000000000|machine_rate",
                "EUR|one|machine_rate",
            })
    void a_wrong_field_is_named_and_nothing_is_kept(String currency, String rate, String field) {
        List<BillingSettings> kept = new ArrayList<>();

        Map<String, String> errors = BillingSettingsForm.check(
                Map.of("base_currency", currency == null ? "" : currency, "machine_rate", rate), kept::add);

        assertThat(errors).containsOnlyKeys(field);
        assertThat(kept).isEmpty();
    }
}
