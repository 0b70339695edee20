package dev.clarity.crm.mail;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Where mail goes out and in whose name, read from {@code CLARITY_SMTP_URL}, {@code CLARITY_MAIL_FROM} and
 * {@code CLARITY_SMTP_CA} by {@link MailEnvironment}. The password never prints ({@link #toString()}).
 *
 * @param from the sender address of every mail, e.g. {@code Clarity <clarity@example.com>}
 * @param trusted the certificates trusted for TLS in place of the JDK's CAs ({@link SmtpTrust}); empty: the JDK's
 */
public record SmtpSettings(
        String host,
        int port,
        SmtpSecurity security,
        Optional<String> username,
        Optional<String> password,
        String from,
        List<X509Certificate> trusted) {

    public SmtpSettings {
        trusted = List.copyOf(trusted);
        if (security == SmtpSecurity.NONE && !trusted.isEmpty()) {
            throw new IllegalArgumentException("certificates to trust make no sense without TLS");
        }
    }

    /** Settings that trust the JDK's CAs. */
    public SmtpSettings(
            String host,
            int port,
            SmtpSecurity security,
            Optional<String> username,
            Optional<String> password,
            String from) {
        this(host, port, security, username, password, from, List.of());
    }

    /** The server as {@code smtp[s]://host:port}, without credentials: for logs and the doctor. */
    public String address() {
        return (security == SmtpSecurity.TLS ? "smtps://" : "smtp://") + host + ":" + port
                + (security == SmtpSecurity.STARTTLS ? " (STARTTLS)" : "");
    }

    /** How the connection is protected, in one phrase: for the doctor and the start-up log. */
    public String protection() {
        String checked = trusted.isEmpty()
                ? "the certificate checked against the JDK's CAs and the host name"
                : "the certificate checked against " + SmtpTrust.SMTP_CA + " (" + trusted.size()
                        + " certificate(s)) and the host name";
        return switch (security) {
            case NONE -> "plain text, no TLS (only for a relay on the same host)";
            case STARTTLS -> "STARTTLS required (a server that does not offer it is refused), " + checked;
            case TLS -> "TLS from the first byte, " + checked;
        };
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + address() + ", user=" + username.orElse("(none)") + ", password="
                + (password.isPresent() ? "(set)" : "(unset)") + ", from=" + from + ", trusted="
                + (trusted.isEmpty() ? "(JDK CAs)" : trusted.size() + " certificate(s)") + "]";
    }
}
