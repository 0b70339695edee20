package dev.clarity.crm.mail;

import jakarta.activation.DataHandler;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends over SMTP with Angus Mail: one connection per message, {@code multipart/mixed} of a
 * {@code multipart/alternative} (text, then HTML) and the attachments. The Message-ID is derived from the
 * idempotency key, so a message sent again after a crash carries the same id and mail clients show it once.
 * Every network wait is bounded by {@code timeout}, which must stay below the outbox lease. Thread-safe.
 */
public final class SmtpMailer implements Mailer {
    private final SmtpSettings settings;
    private final Session session;
    private final InstantSource clock;

    public SmtpMailer(SmtpSettings settings, Duration timeout, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
        this.session = Session.getInstance(properties(settings, timeout));
    }

    @Override
    public Delivery send(OutgoingMail mail) {
        MimeMessage message;
        try {
            message = message(mail);
        } catch (AddressException e) {
            return new Delivery.Refused("the recipient \"" + mail.to() + "\" is not a mail address", true);
        } catch (MessagingException e) {
            return new Delivery.Refused("the message could not be built: " + e.getMessage(), true);
        }
        try (Transport transport = session.getTransport(protocol())) {
            transport.connect(
                    settings.host(),
                    settings.port(),
                    settings.username().orElse(null),
                    settings.password().orElse(null));
            transport.sendMessage(message, message.getAllRecipients());
            return new Delivery.Accepted();
        } catch (MessagingException e) {
            return new Delivery.Refused("sending to " + settings.address() + ": " + describe(e), permanent(e));
        }
    }

    /** Connects and greets the server (EHLO, STARTTLS, login when configured); empty when that worked. */
    public Optional<String> unreachable() {
        try (Transport transport = session.getTransport(protocol())) {
            transport.connect(
                    settings.host(),
                    settings.port(),
                    settings.username().orElse(null),
                    settings.password().orElse(null));
            return Optional.empty();
        } catch (MessagingException e) {
            return Optional.of(describe(e));
        }
    }

    /** The Message-ID of every mail queued under {@code key}. */
    public static String messageId(String key, String from) {
        String domain =
                from.contains("@") ? from.substring(from.lastIndexOf('@') + 1).replace(">", "") : "clarity";
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(hash, 0, 16) + ".clarity@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private MimeMessage message(OutgoingMail mail) throws MessagingException {
        String id = messageId(mail.idempotencyKey(), settings.from());
        MimeMessage m = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", id);
            }
        };
        m.setFrom(new InternetAddress(settings.from(), true));
        m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(mail.to(), true));
        m.setSubject(mail.subject(), "UTF-8");
        m.setSentDate(Date.from(clock.instant()));
        for (var h : mail.headers().entrySet()) {
            m.setHeader(h.getKey(), h.getValue());
        }
        MimeMultipart alternative = new MimeMultipart("alternative");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(mail.text(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(mail.html(), "UTF-8", "html");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        if (mail.attachments().isEmpty()) {
            m.setContent(alternative);
        } else {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            mixed.addBodyPart(body);
            for (Attachment a : mail.attachments()) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.contentType())));
                part.setFileName(a.filename());
                part.setDisposition(MimeBodyPart.ATTACHMENT);
                mixed.addBodyPart(part);
            }
            m.setContent(mixed);
        }
        m.saveChanges();
        return m;
    }

    /** A 5xx reply about the recipient or the message cannot be helped by trying again; anything else may. */
    private static boolean permanent(MessagingException e) {
        for (Throwable t = e; t != null; t = t instanceof MessagingException me ? me.getNextException() : null) {
            if (t instanceof SMTPAddressFailedException a && a.getReturnCode() >= 500) {
                return true;
            }
            if (t instanceof SMTPSendFailedException s && s.getReturnCode() >= 500) {
                return true;
            }
            if (t instanceof SendFailedException s
                    && s.getInvalidAddresses() != null
                    && s.getInvalidAddresses().length > 0
                    && s.getNextException() == null) {
                return true;
            }
        }
        return false;
    }

    private static String describe(MessagingException e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()).strip());
        Exception next = e.getNextException();
        if (next != null && next.getMessage() != null && !out.toString().contains(next.getMessage())) {
            out.append(" (").append(next.getMessage().strip()).append(')');
        }
        return out.toString().replaceAll("\\s+", " ");
    }

    private String protocol() {
        return settings.security() == SmtpSecurity.TLS ? "smtps" : "smtp";
    }

    private static Properties properties(SmtpSettings s, Duration timeout) {
        String p = "mail." + (s.security() == SmtpSecurity.TLS ? "smtps" : "smtp") + ".";
        Properties props = new Properties();
        String millis = Long.toString(timeout.toMillis());
        props.put(p + "connectiontimeout", millis);
        props.put(p + "timeout", millis);
        props.put(p + "writetimeout", millis);
        props.put(p + "auth", Boolean.toString(s.username().isPresent()));
        if (s.security() == SmtpSecurity.STARTTLS) {
            props.put(p + "starttls.enable", "true");
            props.put(p + "starttls.required", "true");
        }
        if (s.security() != SmtpSecurity.NONE) {
            props.put(p + "ssl.checkserveridentity", "true");
            if (!s.trusted().isEmpty()) {
                // used for smtps:// from the first byte and for the STARTTLS upgrade alike
                props.put(p + "ssl.socketFactory", SmtpTrust.socketFactory(s.trusted()));
            }
        }
        return props;
    }
}
