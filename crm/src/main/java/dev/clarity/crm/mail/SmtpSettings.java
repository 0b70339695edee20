package dev.clarity.crm.mail;

import java.util.Optional;

/**
 * Where mail goes out and in whose name, read from {@code CLARITY_SMTP_URL} and {@code CLARITY_MAIL_FROM} by
 * {@link MailEnvironment}. The password never prints ({@link #toString()}).
 *
 * @param from the sender address of every mail, e.g. {@code Clarity <clarity@example.com>}
 */
public record SmtpSettings(
        String host,
        int port,
        SmtpSecurity security,
        Optional<String> username,
        Optional<String> password,
        String from) {

    /** The server as {@code smtp[s]://host:port}, without credentials: for logs and the doctor. */
    public String address() {
        return (security == SmtpSecurity.TLS ? "smtps://" : "smtp://") + host + ":" + port
                + (security == SmtpSecurity.STARTTLS ? " (STARTTLS)" : "");
    }

    @Override
    public String toString() {
        return "SmtpSettings[" + address() + ", user=" + username.orElse("(none)") + ", password="
                + (password.isPresent() ? "(set)" : "(unset)") + ", from=" + from + "]";
    }
}
