package dev.clarity.dashboard.portal;

import java.util.Optional;

/** The check of a client's message: 1 to 4,000 characters once trimmed; empty when valid, else the sentence. */
public final class MessageForm {
    public static final int MAX_LENGTH = 4000;

    private MessageForm() {}

    public static Optional<String> problem(String message) {
        String body = message == null ? "" : message.strip();
        if (body.isEmpty()) {
            return Optional.of("Write a message before sending it.");
        }
        if (body.length() > MAX_LENGTH) {
            return Optional.of(
                    "A message may be at most " + MAX_LENGTH + " characters; this one has " + body.length() + ".");
        }
        return Optional.empty();
    }
}
