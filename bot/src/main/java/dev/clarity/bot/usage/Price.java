package dev.clarity.bot.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** What a model costs, in US dollars per million input and per million output tokens. Exact: never a double. */
public record Price(BigDecimal inputPerMillion, BigDecimal outputPerMillion) {
    /** Costs are kept to 12 decimals (the database column's scale): exact for any price with up to 6 decimals. */
    public static final int SCALE = 12;

    public static final Price FREE = new Price(BigDecimal.ZERO, BigDecimal.ZERO);

    public Price {
        Objects.requireNonNull(inputPerMillion, "inputPerMillion");
        Objects.requireNonNull(outputPerMillion, "outputPerMillion");
        if (inputPerMillion.signum() < 0 || outputPerMillion.signum() < 0) {
            throw new IllegalArgumentException("a price is never negative: " + inputPerMillion.toPlainString() + "/"
                    + outputPerMillion.toPlainString());
        }
    }

    public static Price of(String inputPerMillion, String outputPerMillion) {
        return new Price(new BigDecimal(inputPerMillion), new BigDecimal(outputPerMillion));
    }

    /** The cost of {@code input} and {@code output} tokens. */
    public BigDecimal cost(long input, long output) {
        return inputPerMillion
                .multiply(BigDecimal.valueOf(input))
                .add(outputPerMillion.multiply(BigDecimal.valueOf(output)))
                .movePointLeft(6)
                .setScale(SCALE, RoundingMode.HALF_UP);
    }

    /** The dearer of the two per-token prices: what a token costs at most. */
    public BigDecimal dearestPerMillion() {
        return inputPerMillion.max(outputPerMillion);
    }
}
