package dev.clarity.crm.mail;

/** What the SMTP server made of one mail. */
public sealed interface Delivery {
    /** The server accepted the message for delivery. */
    record Accepted() implements Delivery {}

    /**
     * The server could not be reached or refused the message; {@code permanent} when trying again cannot help (the
     * recipient address is malformed or refused with a 5xx reply).
     */
    record Refused(String reason, boolean permanent) implements Delivery {}
}
