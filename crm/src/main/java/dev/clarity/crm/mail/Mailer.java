package dev.clarity.crm.mail;

/** Hands one message to a mail server. Implementations are thread-safe and never throw for a refusal. */
public interface Mailer {
    Delivery send(OutgoingMail mail);
}
