package dev.clarity.crm.mail;

/** How the connection to the SMTP server is protected. */
public enum SmtpSecurity {
    /** Plain text all the way ({@code smtp://} without {@code starttls}): only for a server on the same host. */
    NONE,
    /** Plain connection upgraded with STARTTLS before anything is sent ({@code smtp://…?starttls=true}). */
    STARTTLS,
    /** TLS from the first byte ({@code smtps://}). */
    TLS
}
