package dev.clarity.bot.metrics;

import dev.clarity.bot.webhook.DeliveryMeters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Webhook deliveries as {@code /metrics} shows them: {@code clarity_webhook_deliveries_total{event, result}} counts
 * each answer (result {@code accepted}, {@code ignored}, {@code duplicate}, {@code pong}, {@code bad-signature}, …)
 * and {@code clarity_webhook_handled_total{event, result}} each handler's end ({@code processed}, {@code failed},
 * {@code deferred}). The endpoint bounds the event label. Thread-safe.
 */
public final class MicrometerDeliveryMeters implements DeliveryMeters {
    private final MeterRegistry registry;

    public MicrometerDeliveryMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void answered(String event, String result) {
        Counter.builder("clarity.webhook.deliveries")
                .description("Webhook deliveries received, by event and the answer given")
                .tags("event", event, "result", result)
                .register(registry)
                .increment();
    }

    @Override
    public void handled(String event, String result) {
        Counter.builder("clarity.webhook.handled")
                .description("Webhook deliveries whose handler finished, by event and result")
                .tags("event", event, "result", result)
                .register(registry)
                .increment();
    }
}
