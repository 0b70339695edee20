package dev.clarity.dashboard;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.clarity.crm.campaigns.CampaignSender;
import dev.clarity.crm.campaigns.UnsubscribeTokens;
import dev.clarity.crm.mail.Backoff;
import dev.clarity.crm.mail.JooqMailOutbox;
import dev.clarity.crm.mail.MailTemplates;
import dev.clarity.crm.mail.OutboxWorker;
import dev.clarity.crm.mail.SmtpMailer;
import dev.clarity.crm.mail.SmtpSecurity;
import dev.clarity.crm.mail.SmtpSettings;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The mail side of {@code serve} for campaign tests: the real {@link CampaignSender} and {@link OutboxWorker} on the
 * test dashboard's database, delivering to a GreenMail SMTP server on a free port. {@link #send()} does what the mail
 * thread does on one tick.
 */
final class CampaignMail implements AutoCloseable {
    private final GreenMail smtp;
    private final CampaignSender sender;
    private final OutboxWorker worker;

    CampaignMail(TestDashboard d) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        InstantSource clock = InstantSource.system();
        JooqMailOutbox outbox =
                new JooqMailOutbox(d.database.dsl(), clock, Duration.ofMinutes(5), Backoff.DEFAULT, d.sealer);
        sender = new CampaignSender(
                d.database.dsl(),
                outbox,
                new MailTemplates(Files.createTempDirectory("clarity-mail-jte")),
                new UnsubscribeTokens(new SecureRandom()),
                URI.create(d.url("/")),
                "Acme Agency",
                clock);
        SmtpSettings settings = new SmtpSettings(
                "127.0.0.1", port, SmtpSecurity.NONE, Optional.empty(), Optional.empty(), "Acme <news@acme.test>");
        worker = new OutboxWorker(outbox, new SmtpMailer(settings, Duration.ofSeconds(5), clock), 50);
    }

    /** One batch of every due campaign, then every queued mail to the SMTP server. */
    void send() {
        sender.tick();
        worker.drain();
    }

    /** The mails the SMTP server received for {@code address}. */
    List<MimeMessage> to(String address) {
        return Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getHeader("To")[0].equals(address);
                    } catch (MessagingException e) {
                        throw new IllegalStateException("Reading a received mail's To header", e);
                    }
                })
                .toList();
    }

    /** The one-click link in the {@code List-Unsubscribe} header of {@code mail}. */
    static String unsubscribeLink(MimeMessage mail) throws MessagingException {
        String header = mail.getHeader("List-Unsubscribe")[0];
        return header.substring(1, header.length() - 1);
    }

    @Override
    public void close() {
        smtp.stop();
    }
}
