package dev.clarity.bot.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What an item or an execution used: input and output tokens, their cost in US dollars (exact), the wall time of the
 * steps Clarity carried out, and the models named by the providers' answers (in the order first seen).
 */
public record UsageTotals(
        long inputTokens, long outputTokens, BigDecimal cost, Duration wallTime, List<String> models) {
    public static final UsageTotals NONE = new UsageTotals(0, 0, BigDecimal.ZERO, Duration.ZERO, List.of());

    public UsageTotals {
        Objects.requireNonNull(cost, "cost");
        Objects.requireNonNull(wallTime, "wallTime");
        models = List.copyOf(models);
    }

    public long tokens() {
        return inputTokens + outputTokens;
    }

    /** True when no model request was made (steps may still have taken time). */
    public boolean noTokens() {
        return tokens() == 0;
    }

    /** "203,114 tokens (180,000 in, 23,114 out) · $1.2345 · claude-sonnet-4-5": Clarity's own words, no Markdown. */
    public String describe() {
        if (noTokens()) {
            return "no model tokens";
        }
        return tokens(tokens()) + " tokens (" + tokens(inputTokens) + " in, " + tokens(outputTokens) + " out) · "
                + dollars(cost)
                + (models.isEmpty()
                        ? ""
                        : " · "
                                + String.join(
                                        ", ",
                                        models.stream().map(UsageTotals::safe).toList()));
    }

    /** A model name as a provider's answer gave it, kept to 100 characters of a plain alphabet: it is untrusted. */
    private static String safe(String model) {
        String m = model.length() > 100 ? model.substring(0, 100) : model;
        return m.replaceAll("[^A-Za-z0-9._:/-]", "_");
    }

    /** 203114 as "203,114". */
    public static String tokens(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    /** An amount as "$1.2345": four decimals (half up), or more when a smaller amount would show as $0.0000. */
    public static String dollars(BigDecimal amount) {
        BigDecimal shown = amount.setScale(4, RoundingMode.HALF_UP);
        if (shown.signum() == 0 && amount.signum() != 0) {
            shown = amount.stripTrailingZeros();
        }
        return "$" + shown.toPlainString();
    }
}
