package dev.clarity.crm.mail;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import dev.clarity.crm.ManualClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TLS to a real SMTP server (GreenMail). GreenMail serves SMTPS with the key in {@code tls/smtp-server.p12}, a
 * self-signed certificate for 127.0.0.1 and localhost made once with {@code keytool -genkeypair -ext
 * SAN=ip:127.0.0.1,dns:localhost}; {@code tls/smtp-server.pem} is its certificate, which {@code CLARITY_SMTP_CA}
 * names. GreenMail's SMTP has no STARTTLS, so it serves as the server that does not offer it.
 */
class SmtpTlsTest {
    private static final Instant NOW = Instant.parse("2026-03-02T09:00:00Z");
    private static Path serverCertificate;

    private GreenMail server;

    @BeforeAll
    static void serverKey() throws URISyntaxException {
        // read once, when GreenMail first serves TLS in this JVM; no other test here serves TLS
        System.setProperty(
                "greenmail.tls.keystore.file",
                Path.of(SmtpTlsTest.class.getResource("/tls/smtp-server.p12").toURI())
                        .toString());
        System.setProperty("greenmail.tls.keystore.password", "changeit");
        serverCertificate =
                Path.of(SmtpTlsTest.class.getResource("/tls/smtp-server.pem").toURI());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private int start(String protocol) throws IOException {
        return start(protocol, "127.0.0.1");
    }

    private int start(String protocol, String bind) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ServerSetup setup = new ServerSetup(port, bind, protocol);
        setup.setServerStartupTimeout(Duration.ofSeconds(20).toMillis()); // the first TLS server loads its key
        server = new GreenMail(setup);
        server.start();
        return port;
    }

    private static SmtpMailer mailer(String url, Path ca) {
        Map<String, String> env = new HashMap<>();
        env.put(MailEnvironment.SMTP_URL, url);
        env.put(MailEnvironment.MAIL_FROM, "Clarity <clarity@clarity.test>");
        if (ca != null) {
            env.put(SmtpTrust.SMTP_CA, ca.toString());
        }
        return new SmtpMailer(MailEnvironment.read(env).orElseThrow(), Duration.ofSeconds(5), new ManualClock(NOW));
    }

    private static OutgoingMail mail() {
        return new OutgoingMail("tls-1", "ana@acme.test", "Over TLS", "<p>Secret link</p>", "Secret link\n");
    }

    @Test
    void mail_goes_out_over_smtps_to_a_server_whose_certificate_CLARITY_SMTP_CA_names() throws Exception {
        int port = start(ServerSetup.PROTOCOL_SMTPS);

        Delivery delivery =
                mailer("smtps://127.0.0.1:" + port, serverCertificate).send(mail());

        assertThat(delivery).isEqualTo(new Delivery.Accepted());
        assertThat(server.getReceivedMessages()).hasSize(1);
        assertThat(GreenMailUtil.getBody(server.getReceivedMessages()[0])).contains("Secret link");
    }

    @Test
    void a_server_whose_certificate_is_trusted_but_names_another_host_is_refused() throws Exception {
        int port = start(ServerSetup.PROTOCOL_SMTPS, "127.0.0.2"); // the certificate names 127.0.0.1 and localhost

        SmtpMailer mailer = mailer("smtps://127.0.0.2:" + port, serverCertificate);

        assertThat(mailer.unreachable())
                .hasValueSatisfying(problem -> assertThat(problem).containsIgnoringCase("certificate"));
        assertThat(mailer.send(mail())).isInstanceOf(Delivery.Refused.class);
        assertThat(server.getReceivedMessages()).isEmpty();
    }

    @Test
    void without_CLARITY_SMTP_CA_a_server_with_a_self_signed_certificate_is_refused_and_gets_nothing()
            throws Exception {
        int port = start(ServerSetup.PROTOCOL_SMTPS);

        Delivery delivery = mailer("smtps://127.0.0.1:" + port, null).send(mail());

        assertThat(delivery)
                .isInstanceOfSatisfying(
                        Delivery.Refused.class, r -> assertThat(r.permanent()).isFalse());
        assertThat(server.getReceivedMessages()).isEmpty();
    }

    @Test
    void required_starttls_refuses_a_server_that_does_not_offer_it_and_never_falls_back_to_plain_text()
            throws Exception {
        int port = start(ServerSetup.PROTOCOL_SMTP);

        Delivery delivery =
                mailer("smtp://127.0.0.1:" + port + "?starttls=true", null).send(mail());

        assertThat(delivery)
                .isInstanceOfSatisfying(
                        Delivery.Refused.class, r -> assertThat(r.reason()).containsIgnoringCase("STARTTLS"));
        assertThat(server.getReceivedMessages())
                .as("not one byte of the mail in plain text")
                .isEmpty();
    }
}
