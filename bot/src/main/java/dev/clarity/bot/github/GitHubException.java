package dev.clarity.bot.github;

import java.time.Instant;
import java.util.Optional;

/**
 * GitHub answered something Clarity cannot go on with (after retries where they make sense). The message says
 * what was being done; {@code status} is the HTTP status, 0 when no answer came; {@code retryAt}, when present, is
 * the earliest time GitHub's rate limit lets the call be made again ({@code Retry-After} or
 * {@code X-RateLimit-Reset} of the last answer).
 */
public final class GitHubException extends RuntimeException {
    private final int status;
    private final transient Instant retryAt;

    public GitHubException(String message, int status, Throwable cause) {
        this(message, status, cause, null);
    }

    public GitHubException(String message, int status, Throwable cause, Instant retryAt) {
        super(message, cause);
        this.status = status;
        this.retryAt = retryAt;
    }

    public int status() {
        return status;
    }

    /** When a rate limit ends, if the last answer was one. */
    public Optional<Instant> retryAt() {
        return Optional.ofNullable(retryAt);
    }
}
