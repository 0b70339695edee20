package dev.clarity.bot.webhook;

import java.util.Map;
import java.util.Optional;

/**
 * Which handler takes which delivery: keys are {@code "event.action"} (for example {@code issue_comment.created})
 * or a bare event name that takes every action ({@code push}). Immutable.
 */
public final class EventRoutes {
    private final Map<String, EventHandler> handlers;

    public EventRoutes(Map<String, EventHandler> handlers) {
        this.handlers = Map.copyOf(handlers);
    }

    public Optional<EventHandler> find(String event, Optional<String> action) {
        EventHandler exact = action.map(a -> handlers.get(event + "." + a)).orElse(null);
        return Optional.ofNullable(exact != null ? exact : handlers.get(event));
    }
}
