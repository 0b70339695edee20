package dev.clarity.crm.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MailEnvironmentTest {
    private static Optional<SmtpSettings> read(String url, String from) {
        var env = new java.util.HashMap<String, String>();
        if (url != null) env.put(MailEnvironment.SMTP_URL, url);
        if (from != null) env.put(MailEnvironment.MAIL_FROM, from);
        return MailEnvironment.read(env);
    }

    @Test
    void the_digest_day_ends_at_midnight_in_the_configured_zone_or_the_fallback() {
        assertThat(MailEnvironment.digestZone(Map.of(MailEnvironment.DIGEST_ZONE, "Europe/Berlin"), ZoneOffset.UTC))
                .isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(MailEnvironment.digestZone(Map.of(MailEnvironment.DIGEST_ZONE, "+02:00"), ZoneOffset.UTC))
                .isEqualTo(ZoneOffset.ofHours(2));
        assertThat(MailEnvironment.digestZone(Map.of(), ZoneId.of("Asia/Tokyo")))
                .isEqualTo(ZoneId.of("Asia/Tokyo"));
    }

    @Test
    void a_digest_zone_that_is_no_zone_is_refused_naming_the_variable() {
        assertThatThrownBy(() ->
                        MailEnvironment.digestZone(Map.of(MailEnvironment.DIGEST_ZONE, "Mars/Olympus"), ZoneOffset.UTC))
                .isInstanceOf(MailConfigException.class)
                .hasMessageContaining("CLARITY_DIGEST_ZONE=Mars/Olympus is not a time zone");
    }

    @Test
    void without_either_variable_no_mail_is_configured() {
        assertThat(MailEnvironment.read(Map.of())).isEmpty();
    }

    @Test
    void a_starttls_url_gives_host_port_user_and_a_decoded_password() {
        SmtpSettings s = read(
                        "smtp://ana%40acme:p%40ss+word@mail.acme.test:2525?starttls=true", "Clarity <c@acme.test>")
                .orElseThrow();
        assertThat(s.host()).isEqualTo("mail.acme.test");
        assertThat(s.port()).isEqualTo(2525);
        assertThat(s.security()).isEqualTo(SmtpSecurity.STARTTLS);
        assertThat(s.username()).contains("ana@acme");
        assertThat(s.password()).contains("p@ss+word");
        assertThat(s.from()).isEqualTo("Clarity <c@acme.test>");
        assertThat(s.toString()).doesNotContain("p@ss");
    }

    @Test
    void default_ports_follow_the_security() {
        assertThat(read("smtps://mail.acme.test", "c@acme.test").orElseThrow().port())
                .isEqualTo(465);
        assertThat(read("smtp://mail.acme.test?starttls=true", "c@acme.test")
                        .orElseThrow()
                        .port())
                .isEqualTo(587);
        assertThat(read("smtp://localhost", "c@acme.test").orElseThrow().security())
                .isEqualTo(SmtpSecurity.NONE);
    }

    @Test
    void a_url_without_a_sender_names_the_sender_variable() {
        assertThatThrownBy(() -> read("smtp://localhost", null))
                .isInstanceOf(MailConfigException.class)
                .hasMessageStartingWith("CLARITY_MAIL_FROM is missing")
                .extracting(e -> ((MailConfigException) e).variable())
                .isEqualTo(MailEnvironment.MAIL_FROM);
    }

    @Test
    void a_wrong_scheme_is_refused_without_repeating_the_password() {
        assertThatThrownBy(() -> read("http://u:secret@localhost", "c@acme.test"))
                .isInstanceOf(MailConfigException.class)
                .hasMessageStartingWith("CLARITY_SMTP_URL must start with smtp:// or smtps://")
                .hasMessageNotContaining("secret");
    }

    @Test
    void an_unknown_parameter_and_a_bad_sender_are_refused() {
        assertThatThrownBy(() -> read("smtp://localhost?tls=1", "c@acme.test"))
                .hasMessageContaining("unknown parameter \"tls\"");
        assertThatThrownBy(() -> read("smtp://localhost", "not an address"))
                .hasMessageStartingWith("CLARITY_MAIL_FROM is not a mail address");
        assertThatThrownBy(() -> read(null, "c@acme.test")).hasMessageStartingWith("CLARITY_SMTP_URL is missing");
    }

    @Test
    void the_password_is_found_for_the_redactor_even_when_the_settings_are_refused() {
        assertThat(MailEnvironment.password(Map.of(MailEnvironment.SMTP_URL, "smtp://u:s%3Acret@host?bad=1")))
                .contains("s:cret");
        assertThat(MailEnvironment.password(Map.of(MailEnvironment.SMTP_URL, "smtp://host")))
                .isEmpty();
    }

    @Test
    void a_trusted_certificate_file_is_read_and_refused_with_plain_smtp_a_missing_file_or_no_pem(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path pem = java.nio.file.Path.of(
                getClass().getResource("/tls/smtp-server.pem").toURI());
        java.nio.file.Path notPem = java.nio.file.Files.writeString(dir.resolve("ca.pem"), "not a certificate");
        Map<String, String> env = new java.util.HashMap<>(
                Map.of(MailEnvironment.SMTP_URL, "smtps://mail.acme.test", MailEnvironment.MAIL_FROM, "c@acme.test"));

        env.put(SmtpTrust.SMTP_CA, pem.toString());
        SmtpSettings s = MailEnvironment.read(env).orElseThrow();
        assertThat(s.trusted()).hasSize(1);
        assertThat(s.protection()).contains("TLS from the first byte").contains("CLARITY_SMTP_CA");

        env.put(SmtpTrust.SMTP_CA, dir.resolve("missing.pem").toString());
        assertThatThrownBy(() -> MailEnvironment.read(env))
                .isInstanceOf(MailConfigException.class)
                .hasMessageStartingWith("CLARITY_SMTP_CA: ")
                .hasMessageContaining("missing.pem does not exist");
        env.put(SmtpTrust.SMTP_CA, notPem.toString());
        assertThatThrownBy(() -> MailEnvironment.read(env)).hasMessageContaining("holds no PEM certificate");
        env.put(SmtpTrust.SMTP_CA, pem.toString());
        env.put(MailEnvironment.SMTP_URL, "smtp://mail.acme.test");
        assertThatThrownBy(() -> MailEnvironment.read(env))
                .hasMessageStartingWith("CLARITY_SMTP_CA is set but CLARITY_SMTP_URL asks for no TLS");
    }

    @Test
    void the_protection_says_whether_starttls_is_required_or_the_connection_is_plain() {
        assertThat(read("smtp://mail.acme.test?starttls=true", "c@acme.test")
                        .orElseThrow()
                        .protection())
                .startsWith("STARTTLS required")
                .contains("JDK's CAs");
        assertThat(read("smtp://localhost", "c@acme.test").orElseThrow().protection())
                .startsWith("plain text, no TLS");
    }
}
