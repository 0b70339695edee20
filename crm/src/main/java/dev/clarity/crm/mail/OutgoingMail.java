package dev.clarity.crm.mail;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One message to one recipient, as queued. {@code idempotencyKey} names what the mail is about (an execution's
 * event for one person, a day's digest); the outbox keeps the first mail queued under a key and ignores the others,
 * and the Message-ID is derived from it.
 *
 * @param headers extra headers in order (List-Unsubscribe, List-Unsubscribe-Post), names and values on one line
 */
public record OutgoingMail(
        String idempotencyKey,
        String to,
        String subject,
        String html,
        String text,
        Map<String, String> headers,
        List<Attachment> attachments) {
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9-]{0,60}");

    public OutgoingMail {
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new IllegalArgumentException("a mail needs an idempotency key of 1 to 200 characters");
        }
        if (to == null || to.isBlank()) {
            throw new IllegalArgumentException("a mail needs a recipient (" + idempotencyKey + ")");
        }
        for (var h : headers.entrySet()) {
            if (!HEADER_NAME.matcher(h.getKey()).matches() || h.getValue().matches("(?s).*[\r\n].*")) {
                throw new IllegalArgumentException("header \"" + h.getKey() + "\" is not one line of a valid name");
            }
        }
        subject = subject.replaceAll("[\r\n]+", " ");
        headers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        attachments = List.copyOf(attachments);
    }

    /** A mail with no extra headers and no attachments. */
    public OutgoingMail(String idempotencyKey, String to, String subject, String html, String text) {
        this(idempotencyKey, to, subject, html, text, Map.of(), List.of());
    }
}
