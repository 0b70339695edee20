package dev.clarity.bot.usage;

import dev.clarity.runner.api.ModelUsage;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The price of each model, looked up by the model name a provider's answer gave: the longest table entry the name
 * starts with wins, so {@code claude-sonnet-4-5-20250929} costs what {@code claude-sonnet-4-5} costs and
 * {@code gpt-4o-mini} is not priced as {@code gpt-4o}. A model the table does not know is free (local Ollama models);
 * its tokens still count against token budgets. Immutable.
 */
public final class PriceTable {
    private static final Pattern ENTRY =
            Pattern.compile("\\s*([A-Za-z0-9._:/-]{1,100})\\s*=\\s*([0-9]{1,6}(?:\\.[0-9]{1,6})?)\\s*/\\s*"
                    + "([0-9]{1,6}(?:\\.[0-9]{1,6})?)\\s*");

    private final Map<String, Price> prices;

    private PriceTable(Map<String, Price> prices) {
        this.prices = Map.copyOf(prices);
    }

    /**
     * The built-in prices (US dollars per million input/output tokens, the providers' list prices for standard
     * requests; cache and batch discounts are not applied).
     */
    public static PriceTable defaults() {
        Map<String, Price> p = new LinkedHashMap<>();
        p.put("claude-opus-4-5", Price.of("5", "25"));
        p.put("claude-opus-4", Price.of("15", "75"));
        p.put("claude-3-opus", Price.of("15", "75"));
        p.put("claude-sonnet-4", Price.of("3", "15"));
        p.put("claude-3-7-sonnet", Price.of("3", "15"));
        p.put("claude-3-5-sonnet", Price.of("3", "15"));
        p.put("claude-haiku-4-5", Price.of("1", "5"));
        p.put("claude-3-5-haiku", Price.of("0.80", "4"));
        p.put("claude-3-haiku", Price.of("0.25", "1.25"));
        p.put("gpt-5", Price.of("1.25", "10"));
        p.put("gpt-5-mini", Price.of("0.25", "2"));
        p.put("gpt-5-nano", Price.of("0.05", "0.40"));
        p.put("gpt-4.1", Price.of("2", "8"));
        p.put("gpt-4.1-mini", Price.of("0.40", "1.60"));
        p.put("gpt-4.1-nano", Price.of("0.10", "0.40"));
        p.put("gpt-4o", Price.of("2.50", "10"));
        p.put("gpt-4o-mini", Price.of("0.15", "0.60"));
        p.put("o1", Price.of("15", "60"));
        p.put("o3", Price.of("2", "8"));
        p.put("o3-mini", Price.of("1.10", "4.40"));
        p.put("o4-mini", Price.of("1.10", "4.40"));
        return new PriceTable(p);
    }

    /**
     * The defaults with {@code spec} on top: {@code model=input/output} entries separated by commas or semicolons, e.g.
     * {@code my-model=1.5/6,gpt-4o=2/8} ({@code CLARITY_MODEL_PRICES}). Blank or null: the defaults. A malformed entry
     * is an {@link IllegalArgumentException} naming it.
     */
    public static PriceTable defaultsWith(String spec) {
        Map<String, Price> p = new LinkedHashMap<>(defaults().prices);
        if (spec != null && !spec.isBlank()) {
            for (String entry : spec.split("[,;]")) {
                if (entry.isBlank()) {
                    continue;
                }
                Matcher m = ENTRY.matcher(entry);
                if (!m.matches()) {
                    throw new IllegalArgumentException("CLARITY_MODEL_PRICES entry '" + entry.strip()
                            + "' is not model=input/output (US dollars per million tokens, e.g. gpt-4o=2.50/10)");
                }
                p.put(m.group(1).toLowerCase(Locale.ROOT), Price.of(m.group(2), m.group(3)));
            }
        }
        return new PriceTable(p);
    }

    /** The price of {@code model}: the longest entry it starts with, or empty. */
    public Optional<Price> price(String model) {
        String name = model == null ? "" : model.toLowerCase(Locale.ROOT);
        // "anthropic/claude-…" or "openai/gpt-…" as some tools spell models
        String bare = name.contains("/") ? name.substring(name.lastIndexOf('/') + 1) : name;
        return prices.keySet().stream()
                .filter(k -> name.startsWith(k) || bare.startsWith(k))
                .max(Comparator.comparingInt(String::length))
                .map(prices::get);
    }

    /** What one model request cost; zero for a model the table does not know. */
    public BigDecimal cost(ModelUsage usage) {
        return price(usage.model()).orElse(Price.FREE).cost(usage.inputTokens(), usage.outputTokens());
    }

    /** The entry whose dearer per-token price is the highest: what a token costs at most. */
    public Price dearest() {
        return prices.values().stream()
                .max(Comparator.comparing(Price::dearestPerMillion))
                .orElse(Price.FREE);
    }
}
