package dev.clarity.crm.mail;

import java.time.Duration;

/**
 * When a failed mail is tried again: {@code first} after the first attempt, doubling each time up to {@code longest};
 * after {@code attempts} attempts the mail is given up ({@code failed}).
 */
public record Backoff(Duration first, Duration longest, int attempts) {
    public static final Backoff DEFAULT = new Backoff(Duration.ofMinutes(1), Duration.ofHours(2), 8);

    public Backoff {
        if (first.isNegative() || first.isZero() || longest.compareTo(first) < 0 || attempts < 1) {
            throw new IllegalArgumentException("a backoff needs 0 < first <= longest and at least one attempt");
        }
    }

    /** The wait after attempt {@code attempt} (from 1) failed. */
    public Duration after(int attempt) {
        int doublings = Math.min(Math.max(attempt - 1, 0), 30);
        Duration wait = first.multipliedBy(1L << doublings);
        return wait.compareTo(longest) > 0 ? longest : wait;
    }

    /** Whether another attempt follows attempt {@code attempt}. */
    public boolean retriesAfter(int attempt) {
        return attempt < attempts;
    }
}
