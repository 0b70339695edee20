package dev.clarity.bot.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.clarity.bot.github.GitHubGateway;
import dev.clarity.bot.github.Permission;
import dev.clarity.bot.github.RepoRef;
import java.time.Duration;
import java.util.Locale;

/**
 * A commenter's permission, asked of GitHub and kept for {@code ttl} (a minute by default) so that a burst of
 * commands costs one API call, while a revoked permission stops working soon. Thread-safe.
 */
public final class CommenterPermissions {
    private record Key(long installationId, RepoRef repo, String login) {}

    private final GitHubGateway github;
    private final Cache<Key, Permission> cache;

    public CommenterPermissions(GitHubGateway github, Duration ttl, Ticker ticker) {
        this.github = github;
        this.cache = Caffeine.newBuilder()
                .ticker(ticker)
                .expireAfterWrite(ttl)
                .maximumSize(10_000)
                .build();
    }

    public Permission of(long installationId, RepoRef repo, String login) {
        return cache.get(
                new Key(installationId, repo, login.toLowerCase(Locale.ROOT)),
                k -> github.permission(installationId, repo, login));
    }
}
