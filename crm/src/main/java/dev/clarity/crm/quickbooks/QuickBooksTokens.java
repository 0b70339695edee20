package dev.clarity.crm.quickbooks;

import java.time.Instant;

/** What the token endpoint gave: an access token for an hour and a refresh token for about 100 days. */
public record QuickBooksTokens(
        String accessToken, String refreshToken, Instant accessExpiresAt, Instant refreshExpiresAt) {
    @Override
    public String toString() {
        return "QuickBooksTokens[access expires " + accessExpiresAt + ", refresh expires " + refreshExpiresAt + "]";
    }
}
