package dev.clarity.bot.github;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

/** One test clock that is both the wall clock and Caffeine's ticker; moves only when told. */
public final class ManualTime implements InstantSource, Ticker {
    private final Instant start;
    private final AtomicLong nanos = new AtomicLong();

    public ManualTime(Instant start) {
        this.start = start;
    }

    public void advance(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

    @Override
    public Instant instant() {
        return start.plusNanos(nanos.get());
    }

    @Override
    public long read() {
        return nanos.get();
    }
}
