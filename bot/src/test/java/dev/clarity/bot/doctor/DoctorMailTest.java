package dev.clarity.bot.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.EnvironmentConfig;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code clarity doctor} on the SMTP settings: not configured, malformed, answering, not answering. */
class DoctorMailTest {
    private static final ClarityConfig CONFIG =
            EnvironmentConfig.load(Map.of("CLARITY_SANDBOX", "process"), Path.of("/tmp/doctor-home"));

    private static Finding mail(Map<String, String> env) {
        return new Doctor(CONFIG, "/usr/bin:/bin", Optional.empty(), env).mail();
    }

    private static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void without_smtp_settings_mail_is_reported_as_not_configured_and_that_is_fine() {
        Finding f = mail(Map.of());

        assertThat(f.ok()).isTrue();
        assertThat(f.render())
                .isEqualTo("✔ mail: not configured: no mail is sent (set CLARITY_SMTP_URL and"
                        + " CLARITY_MAIL_FROM to send it)");
    }

    @Test
    void a_malformed_url_is_a_required_failure_naming_the_variable() {
        Finding f = mail(Map.of("CLARITY_SMTP_URL", "mail.acme.test", "CLARITY_MAIL_FROM", "c@acme.test"));

        assertThat(f.ok()).isFalse();
        assertThat(f.required()).isTrue();
        assertThat(f.render()).startsWith("✘ mail: CLARITY_SMTP_URL must start with smtp:// or smtps://");
    }

    @Test
    void a_server_that_answers_is_reported_with_its_address_and_the_sender() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            Finding f = mail(
                    Map.of("CLARITY_SMTP_URL", "smtp://127.0.0.1:" + port, "CLARITY_MAIL_FROM", "clarity@acme.test"));

            assertThat(f.render())
                    .isEqualTo("✔ mail: smtp://127.0.0.1:" + port + " answers (EHLO), sending as clarity@acme.test;"
                            + " plain text, no TLS (only for a relay on the same host)");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void required_starttls_to_a_server_that_does_not_offer_it_is_reported_with_the_tls_mode() throws Exception {
        int port = freePort();
        GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            Finding f = mail(Map.of(
                    "CLARITY_SMTP_URL",
                    "smtp://127.0.0.1:" + port + "?starttls=true",
                    "CLARITY_MAIL_FROM",
                    "clarity@acme.test"));

            assertThat(f.ok()).isFalse();
            assertThat(f.render())
                    .startsWith("✘ mail: smtp://127.0.0.1:" + port + " (STARTTLS) does not answer: ")
                    .containsIgnoringCase("STARTTLS is required")
                    .contains("(STARTTLS required (a server that does not offer it is refused)");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void a_server_that_does_not_answer_is_a_warning_that_mail_waits() throws Exception {
        int port = freePort();

        Finding f = mail(Map.of(
                "CLARITY_SMTP_URL", "smtp://u:hunter2@127.0.0.1:" + port, "CLARITY_MAIL_FROM", "clarity@acme.test"));

        assertThat(f.ok()).isFalse();
        assertThat(f.required()).isFalse();
        assertThat(f.render())
                .startsWith("✘ mail: smtp://127.0.0.1:" + port + " does not answer: ")
                .contains("mail waits in the outbox")
                .doesNotContain("hunter2");
    }
}
