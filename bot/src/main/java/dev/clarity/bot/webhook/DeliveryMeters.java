package dev.clarity.bot.webhook;

/**
 * Where the webhook endpoint counts deliveries for {@code /metrics}: each answer it gives, and the end of each handler
 * it handed a delivery to. The event label is bounded by the endpoint ({@link WebhookEndpoint}: one of GitHub's event
 * names, else {@code other}; {@code unverified} before the signature is checked), never a header as sent.
 * Implementations are thread-safe and never throw.
 */
public interface DeliveryMeters {
    /** The endpoint answered a delivery of {@code event}: {@code result} is the answer's status word. */
    void answered(String event, String result);

    /** A handler finished with a delivery of {@code event}: {@code processed}, {@code failed} or {@code deferred}. */
    void handled(String event, String result);

    /** Counts nothing. */
    DeliveryMeters NONE = new DeliveryMeters() {
        @Override
        public void answered(String event, String result) {}

        @Override
        public void handled(String event, String result) {}
    };
}
