package dev.clarity.bot.webhook;

/**
 * Carries out one kind of delivery. Called on the webhook executor, never on the HTTP thread; a runtime exception
 * marks the delivery failed in {@code webhook_deliveries} and is logged once by the caller.
 */
@FunctionalInterface
public interface EventHandler {
    void handle(Delivery delivery);
}
