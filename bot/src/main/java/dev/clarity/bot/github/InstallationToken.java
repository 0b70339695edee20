package dev.clarity.bot.github;

import java.time.Instant;

/** An installation access token and when GitHub lets it expire (one hour after it was made). */
public record InstallationToken(String token, Instant expiresAt) {
    @Override
    public String toString() {
        return "InstallationToken[token=***, expiresAt=" + expiresAt + "]";
    }
}
