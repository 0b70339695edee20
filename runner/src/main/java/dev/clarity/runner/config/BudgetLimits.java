package dev.clarity.runner.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * One set of limits of {@code budget:}: {@code tokens} (input and output tokens together), {@code money} (US dollars at
 * Clarity's price table, exact decimals) and {@code wall_time} (the time Clarity's steps took, from {@code 90s},
 * {@code 20m}, {@code 1h}). Each is null when not set; a set value is positive.
 */
public record BudgetLimits(
        Long tokens,
        BigDecimal money,

        @JsonProperty("wall_time") @JsonDeserialize(using = Sizes.DurationDeserializer.class)
        Duration wallTime) {
    public static final BudgetLimits NONE = new BudgetLimits(null, null, null);

    public BudgetLimits {
        if (tokens != null && tokens <= 0) {
            throw new IllegalArgumentException("a token budget is a positive number of tokens, not " + tokens);
        }
        if (money != null && money.signum() <= 0) {
            throw new IllegalArgumentException(
                    "a money budget is a positive amount of US dollars, not " + money.toPlainString());
        }
        if (wallTime != null && (wallTime.isZero() || wallTime.isNegative())) {
            throw new IllegalArgumentException("a wall-time budget is a positive duration, not " + wallTime);
        }
    }
}
