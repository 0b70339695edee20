package dev.clarity.bot.webhook;

/**
 * {@code ping}: GitHub checks that the webhook is reachable. Only answered, so nothing in it is required: a field
 * the payload lacks reads as empty.
 *
 * @param hookId the webhook's id as text
 * @param zen GitHub's saying of the day, echoed in the answer
 */
public record PingReceived(String deliveryId, String hookId, String zen) implements WebhookEvent {}
