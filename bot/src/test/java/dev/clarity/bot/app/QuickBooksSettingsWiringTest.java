package dev.clarity.bot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarity.bot.config.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuickBooksSettingsWiringTest {

    @Test
    void without_a_client_id_quickbooks_stays_off() {
        assertThat(ClarityServer.quickBooks(Map.of())).isEmpty();
    }

    @Test
    void a_client_id_without_its_secret_stops_the_start_naming_what_is_missing() {
        assertThatThrownBy(() -> ClarityServer.quickBooks(Map.of("CLARITY_QUICKBOOKS_CLIENT_ID", "abc")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CLARITY_QUICKBOOKS_CLIENT_SECRET");
    }

    @Test
    void a_complete_setting_turns_quickbooks_on() {
        var settings = ClarityServer.quickBooks(Map.of(
                "CLARITY_QUICKBOOKS_CLIENT_ID", "abc",
                "CLARITY_QUICKBOOKS_CLIENT_SECRET", "s3cret",
                "CLARITY_QUICKBOOKS_REDIRECT_URI", "https://clarity.example.com/settings/quickbooks/callback",
                "CLARITY_QUICKBOOKS_ENVIRONMENT", "sandbox"));
        assertThat(settings).isPresent();
    }
}
