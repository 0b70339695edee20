package dev.clarity.bot.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * One verified webhook delivery: its {@code X-GitHub-Delivery} id, {@code X-GitHub-Event} name, the payload's
 * {@code action} (empty for events without one, such as push) and the parsed payload.
 */
public record Delivery(String id, String event, Optional<String> action, JsonNode payload) {
    /** {@code installation.id}, or 0 when the payload has none (ping, repository webhooks). */
    public long installationId() {
        return payload.path("installation").path("id").asLong(0);
    }

    /** {@code repository.full_name}, or null. */
    public String repository() {
        JsonNode name = payload.path("repository").path("full_name");
        return name.isTextual() ? name.asText() : null;
    }

    /** "event.action", or the event alone. */
    public String key() {
        return action.map(a -> event + "." + a).orElse(event);
    }
}
