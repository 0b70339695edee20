package dev.clarity.bot.github;

import java.time.Duration;

/** Waits between retries; tests pass one that records the durations and returns at once. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    /** The real one. */
    static Sleeper system() {
        return duration -> Thread.sleep(duration);
    }
}
