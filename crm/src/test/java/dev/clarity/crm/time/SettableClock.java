package dev.clarity.crm.time;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock a test moves by hand. */
final class SettableClock implements InstantSource {
    private volatile Instant now;

    SettableClock(String start) {
        this.now = Instant.parse(start);
    }

    @Override
    public Instant instant() {
        return now;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }
}
