package dev.clarity.crm.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@value #SMTP_URL} and {@value #MAIL_FROM}, and {@value SmtpTrust#SMTP_CA} when TLS is to trust a private CA.
 * Both unset: no mail is sent (empty). Anything else that is not a complete, well-formed pair is a
 * {@link MailConfigException} naming the variable, so {@code serve} refuses to start rather than lose mail later.
 */
public final class MailEnvironment {
    public static final String SMTP_URL = "CLARITY_SMTP_URL";
    public static final String MAIL_FROM = "CLARITY_MAIL_FROM";
    public static final String DIGEST_ZONE = "CLARITY_DIGEST_ZONE";

    private static final String URL_EXAMPLE =
            " (for example " + SMTP_URL + "=smtp://user:password@mail.example.com:587?starttls=true or smtps://…:465)";
    private static final String FROM_EXAMPLE = " (for example " + MAIL_FROM + "=\"Clarity <clarity@example.com>\")";

    private MailEnvironment() {}

    /** The SMTP settings, or empty when neither variable is set. */
    public static Optional<SmtpSettings> read(Map<String, String> env) {
        Optional<String> url = value(env, SMTP_URL);
        Optional<String> from = value(env, MAIL_FROM);
        if (url.isEmpty() && from.isEmpty()) {
            return Optional.empty();
        }
        if (url.isEmpty()) {
            throw new MailConfigException(
                    SMTP_URL, SMTP_URL + " is missing while " + MAIL_FROM + " is set" + URL_EXAMPLE);
        }
        if (from.isEmpty()) {
            throw new MailConfigException(
                    MAIL_FROM, MAIL_FROM + " is missing: mail needs a sender address" + FROM_EXAMPLE);
        }
        SmtpSettings settings = parse(url.get(), sender(from.get()));
        Optional<String> ca = value(env, SmtpTrust.SMTP_CA);
        if (ca.isEmpty()) {
            return Optional.of(settings);
        }
        if (settings.security() == SmtpSecurity.NONE) {
            throw new MailConfigException(
                    SmtpTrust.SMTP_CA,
                    SmtpTrust.SMTP_CA + " is set but " + SMTP_URL + " asks for no TLS: use smtps:// or"
                            + " smtp://…?starttls=true, or unset " + SmtpTrust.SMTP_CA);
        }
        return Optional.of(new SmtpSettings(
                settings.host(),
                settings.port(),
                settings.security(),
                settings.username(),
                settings.password(),
                settings.from(),
                SmtpTrust.read(java.nio.file.Path.of(ca.get()))));
    }

    /**
     * The password inside {@value #SMTP_URL}, whether or not the rest is valid: for the redactor, which must keep
     * it out of every log line and event even when the settings are refused.
     */
    public static Optional<String> password(Map<String, String> env) {
        Optional<String> url = value(env, SMTP_URL);
        if (url.isEmpty()) {
            return Optional.empty();
        }
        int scheme = url.get().indexOf("://");
        int at = url.get().lastIndexOf('@');
        if (scheme < 0 || at < scheme) {
            return Optional.empty();
        }
        String info = url.get().substring(scheme + 3, at);
        int colon = info.indexOf(':');
        return colon < 0 || colon == info.length() - 1
                ? Optional.empty()
                : Optional.of(decode(info.substring(colon + 1)));
    }

    private static String sender(String from) {
        try {
            InternetAddress address = new InternetAddress(from, true);
            address.validate();
            return address.toUnicodeString();
        } catch (AddressException e) {
            throw new MailConfigException(
                    MAIL_FROM, MAIL_FROM + " is not a mail address: \"" + from + "\"" + FROM_EXAMPLE);
        }
    }

    private static SmtpSettings parse(String url, String from) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw bad("is not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
            throw bad("must start with smtp:// or smtps://, not \"" + scheme + "\"");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw bad("names no host");
        }
        boolean starttls = starttls(uri.getRawQuery());
        if (scheme.equals("smtps") && starttls) {
            throw bad("asks for STARTTLS on smtps://, which is TLS already; use one of them");
        }
        SmtpSecurity security =
                scheme.equals("smtps") ? SmtpSecurity.TLS : starttls ? SmtpSecurity.STARTTLS : SmtpSecurity.NONE;
        int port = uri.getPort() != -1
                ? uri.getPort()
                : switch (security) {
                    case TLS -> 465;
                    case STARTTLS -> 587;
                    case NONE -> 25;
                };
        Optional<String> user = Optional.empty();
        Optional<String> password = Optional.empty();
        String info = uri.getRawUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            user = Optional.of(decode(colon < 0 ? info : info.substring(0, colon)));
            password = colon < 0 ? Optional.empty() : Optional.of(decode(info.substring(colon + 1)));
        }
        return new SmtpSettings(uri.getHost(), port, security, user, password, from);
    }

    private static boolean starttls(String query) {
        if (query == null || query.isEmpty()) {
            return false;
        }
        boolean on = false;
        for (String pair : query.split("&")) {
            String[] kv = pair.split("=", 2);
            if (!kv[0].equals("starttls")) {
                throw bad("has an unknown parameter \"" + kv[0] + "\" (only starttls=true|false is known)");
            }
            String v = kv.length == 2 ? kv[1] : "";
            if (!v.equals("true") && !v.equals("false")) {
                throw bad("has starttls=" + v + ", which is neither true nor false");
            }
            on = v.equals("true");
        }
        return on;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static MailConfigException bad(String what) {
        // the URL itself is not repeated: it may hold a password
        return new MailConfigException(SMTP_URL, SMTP_URL + " " + what + URL_EXAMPLE);
    }

    /**
     * The time zone whose midnight ends a digest day: {@value #DIGEST_ZONE} (an IANA name such as
     * {@code Europe/Berlin}, or an offset such as {@code +02:00}), else {@code fallback}. A name that is no zone is a
     * {@link MailConfigException} naming the variable.
     */
    public static java.time.ZoneId digestZone(Map<String, String> env, java.time.ZoneId fallback) {
        Optional<String> zone = value(env, DIGEST_ZONE);
        if (zone.isEmpty()) {
            return fallback;
        }
        try {
            return java.time.ZoneId.of(zone.get());
        } catch (java.time.DateTimeException e) {
            throw new MailConfigException(
                    DIGEST_ZONE,
                    DIGEST_ZONE + "=" + zone.get() + " is not a time zone (for example " + DIGEST_ZONE
                            + "=Europe/Berlin or +02:00)");
        }
    }

    private static Optional<String> value(Map<String, String> env, String name) {
        String v = env.get(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }
}
