package dev.clarity.bot.github;

import java.time.Duration;

/**
 * How long to keep trying a call: {@code maxAttempts} in all (rate-limit waits and server errors alike), server
 * errors backing off from {@code firstDelay} doubling up to {@code maxDelay}, each wait jittered to 50–100 %.
 * Secondary rate limits without {@code Retry-After} wait {@code secondaryDelay}, doubling.
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay, Duration secondaryDelay) {
    public static RetryPolicy standard() {
        return new RetryPolicy(8, Duration.ofSeconds(1), Duration.ofMinutes(2), Duration.ofMinutes(1));
    }

    Duration serverErrorDelay(int attempt, double jitter) {
        long millis = Math.min(maxDelay.toMillis(), firstDelay.toMillis() << Math.min(attempt - 1, 20));
        return Duration.ofMillis((long) (millis * (0.5 + 0.5 * jitter)));
    }

    Duration secondaryLimitDelay(int attempt) {
        return Duration.ofMillis(
                Math.min(maxDelay.toMillis() * 4, secondaryDelay.toMillis() << Math.min(attempt - 1, 10)));
    }
}
