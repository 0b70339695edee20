package dev.clarity.bot.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reading that costs a query or a round trip, taken again only once it is older than {@code fresh}: a scrape asks
 * every gauge of a reading one after the other, and they all see the same reading. A reading that fails is empty
 * (its gauges show NaN) until the next one is due, and is logged once per run of failures. Thread-safe.
 */
final class CachedReading<T> {
    private static final Logger log = LoggerFactory.getLogger(CachedReading.class);

    private final String what;
    private final Supplier<T> read;
    private final InstantSource clock;
    private final Duration fresh;
    private T value;
    private Instant readAt;
    private boolean failing;

    /** @param what names the reading in the log line of a failure ("executions by badge") */
    CachedReading(String what, Supplier<T> read, InstantSource clock, Duration fresh) {
        this.what = what;
        this.read = read;
        this.clock = clock;
        this.fresh = fresh;
    }

    /** The reading, taken now when the last one is older than {@code fresh}; empty when taking it failed. */
    synchronized Optional<T> get() {
        Instant now = clock.instant();
        if (readAt == null || !now.isBefore(readAt.plus(fresh))) {
            readAt = now;
            try {
                value = read.get();
                failing = false;
            } catch (RuntimeException e) {
                value = null;
                if (!failing) {
                    log.warn("Reading {} for /metrics: {}", what, e.getMessage());
                }
                failing = true;
            }
        }
        return Optional.ofNullable(value);
    }
}
