package dev.clarity.bot.webhook;

/**
 * Carries out one kind of delivery. Called on the webhook executor, never on the HTTP thread; a runtime exception
 * marks the delivery failed in {@code webhook_deliveries} and is logged once by the caller.
 */
@FunctionalInterface
public interface EventHandler {
    void handle(Delivery delivery);

    /**
     * Whether this delivery has work for the handler at all, decided on the HTTP thread from the fields a
     * {@link Delivery} reads in its single pass (never from its payload tree). A delivery without work is recorded as
     * ignored and answered at once, with no hand-off. The default: every delivery has work.
     */
    default boolean wants(Delivery delivery) {
        return true;
    }
}
