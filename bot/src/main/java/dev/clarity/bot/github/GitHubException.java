package dev.clarity.bot.github;

/**
 * GitHub answered something Clarity cannot go on with (after retries where they make sense). The message says
 * what was being done; {@code status} is the HTTP status, 0 when no answer came.
 */
public final class GitHubException extends RuntimeException {
    private final int status;

    public GitHubException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
