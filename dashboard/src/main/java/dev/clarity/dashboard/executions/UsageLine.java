package dev.clarity.dashboard.executions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * What model requests used, for one execution, item, customer or tool ({@code name}): input and output tokens and
 * their cost in US dollars, exact.
 */
public record UsageLine(String name, long inputTokens, long outputTokens, BigDecimal cost) {
    public static UsageLine none(String name) {
        return new UsageLine(name, 0, 0, BigDecimal.ZERO);
    }

    public long tokens() {
        return inputTokens + outputTokens;
    }

    /** "203,114 tokens (180,000 in, 23,114 out) · $0.8867" */
    public String describe() {
        return String.format(Locale.ROOT, "%,d tokens (%,d in, %,d out) · ", tokens(), inputTokens, outputTokens)
                + dollars();
    }

    /** The cost to four decimals, half up: "$0.8867". */
    public String dollars() {
        return "$" + cost.setScale(4, RoundingMode.HALF_UP).toPlainString();
    }

    /** The tokens with thousands separators: "203,114". */
    public String tokensText() {
        return String.format(Locale.ROOT, "%,d", tokens());
    }
}
