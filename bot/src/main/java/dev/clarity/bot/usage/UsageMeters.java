package dev.clarity.bot.usage;

import dev.clarity.runner.api.ModelUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;

/**
 * The tokens and cost counters that {@code /metrics} shows, by tool, provider and model:
 * {@code clarity_model_tokens_total{direction="input"|"output"}} and {@code clarity_model_cost_dollars_total}. The
 * model label is the model the provider named, bounded to 100 characters of a safe alphabet (it comes from an
 * upstream answer). Thread-safe.
 */
public final class UsageMeters {
    private final MeterRegistry registry;

    public UsageMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    void add(String tool, ModelUsage usage, BigDecimal cost) {
        String model = label(usage.model());
        String t = tool == null ? "none" : label(tool);
        String provider = label(usage.provider());
        tokens(t, provider, model, "input").increment(usage.inputTokens());
        tokens(t, provider, model, "output").increment(usage.outputTokens());
        Counter.builder("clarity.model.cost.dollars")
                .description("What model requests of tool steps cost, at Clarity's price table (US dollars)")
                .tags("tool", t, "provider", provider, "model", model)
                .register(registry)
                .increment(cost.doubleValue()); // a meter's sample only: the exact amount is in the database
    }

    private Counter tokens(String tool, String provider, String model, String direction) {
        return Counter.builder("clarity.model.tokens")
                .description("Tokens that model requests of tool steps used, as the providers reported them")
                .tags("tool", tool, "provider", provider, "model", model, "direction", direction)
                .register(registry);
    }

    private static String label(String value) {
        String v = value == null || value.isBlank() ? "unknown" : value;
        v = v.length() > 100 ? v.substring(0, 100) : v;
        return v.replaceAll("[^A-Za-z0-9._:/-]", "_");
    }
}
