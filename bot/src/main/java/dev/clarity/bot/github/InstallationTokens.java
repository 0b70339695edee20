package dev.clarity.bot.github;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.LongFunction;

/**
 * Installation tokens, fetched once and kept until five minutes before they expire, so a clone or push never starts
 * with a token about to lapse. Ticker and clock come from the composition root (tests drive both). Thread-safe;
 * concurrent requests for one installation make one fetch.
 */
public final class InstallationTokens {
    static final Duration MARGIN = Duration.ofMinutes(5);
    private final Cache<Long, InstallationToken> cache;
    private final LongFunction<InstallationToken> fetch;

    public InstallationTokens(LongFunction<InstallationToken> fetch, InstantSource clock, Ticker ticker) {
        this.fetch = fetch;
        this.cache = Caffeine.newBuilder()
                .ticker(ticker)
                .maximumSize(10_000)
                .expireAfter(Expiry.<Long, InstallationToken>creating((id, token) -> {
                    Duration left =
                            Duration.between(clock.instant(), token.expiresAt().minus(MARGIN));
                    return left.isNegative() ? Duration.ZERO : left;
                }))
                .build();
    }

    public InstallationToken get(long installationId) {
        return cache.get(installationId, id -> fetch.apply(id));
    }

    /** Forgets the token (GitHub said it is no longer valid). */
    public void invalidate(long installationId) {
        cache.invalidate(installationId);
    }
}
