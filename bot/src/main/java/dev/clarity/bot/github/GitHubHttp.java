package dev.clarity.bot.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One REST call to GitHub with the waiting GitHub asks for: {@code Retry-After} and {@code X-RateLimit-Reset} are
 * honoured, secondary limits back off, and 5xx or no answer are retried with jittered backoff when the call may be
 * repeated safely ({@code retryServerErrors}). Other answers (2xx, 4xx) go back to the caller as they are.
 * Thread-safe.
 */
final class GitHubHttp {
    private static final Logger log = LoggerFactory.getLogger(GitHubHttp.class);

    private final URI apiUrl;
    private final HttpClient client;
    private final ObjectMapper json;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private final RetryPolicy policy;
    private final DoubleSupplier jitter;

    GitHubHttp(
            URI apiUrl,
            HttpClient client,
            ObjectMapper json,
            InstantSource clock,
            Sleeper sleeper,
            RetryPolicy policy,
            DoubleSupplier jitter) {
        String base = apiUrl.toString();
        this.apiUrl = URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base);
        this.client = client;
        this.json = json;
        this.clock = clock;
        this.sleeper = sleeper;
        this.policy = policy;
        this.jitter = jitter;
    }

    record Response(int status, JsonNode body, HttpHeaders headers) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** Thrown when every attempt met a server error or no answer; the caller may look again and retry. */
    static final class ServerTrouble extends RuntimeException {
        final int status;

        ServerTrouble(String message, int status, Throwable cause) {
            super(message, cause);
            this.status = status;
        }
    }

    Response call(String method, String path, Object body, String authorization, boolean retryServerErrors) {
        String what = method + " " + path;
        for (int attempt = 1; ; attempt++) {
            Response response;
            try {
                response = send(method, path, body, authorization);
            } catch (IOException e) {
                response = null;
                if (!retryServerErrors || attempt >= policy.maxAttempts()) {
                    throw new ServerTrouble("calling GitHub " + what + ": no answer (" + e.getMessage() + ")", 0, e);
                }
                pause(what, "no answer", policy.serverErrorDelay(attempt, jitter.getAsDouble()));
                continue;
            }
            Duration rateWait = rateLimitWait(response, attempt);
            if (rateWait != null) {
                if (attempt >= policy.maxAttempts()) {
                    throw new GitHubException(
                            "calling GitHub " + what + ": still rate limited after " + attempt + " attempts",
                            response.status(),
                            null,
                            clock.instant().plus(rateWait));
                }
                pause(what, "rate limited (" + response.status() + ")", rateWait);
                continue;
            }
            if (response.status() >= 500) {
                if (!retryServerErrors || attempt >= policy.maxAttempts()) {
                    throw new ServerTrouble(
                            "calling GitHub " + what + ": server error " + response.status(), response.status(), null);
                }
                pause(
                        what,
                        "server error " + response.status(),
                        policy.serverErrorDelay(attempt, jitter.getAsDouble()));
                continue;
            }
            return response;
        }
    }

    /** Like {@link #call} but a non-2xx answer is an exception saying what was being done. */
    JsonNode expectOk(String method, String path, Object body, String authorization, boolean retryServerErrors) {
        Response response = call(method, path, body, authorization, retryServerErrors);
        if (!response.ok()) {
            throw new GitHubException(
                    "calling GitHub " + method + " " + path + ": " + response.status() + " "
                            + response.body().path("message").asText(""),
                    response.status(),
                    null);
        }
        return response.body();
    }

    void pause(String what, String why, Duration wait) {
        log.warn("GitHub {}: {}, retrying in {} ms", what, why, wait.toMillis());
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubException("waiting to retry GitHub " + what + ": interrupted", 0, e);
        }
    }

    private Duration rateLimitWait(Response response, int attempt) {
        int status = response.status();
        if (status != 429 && status != 403) {
            return null;
        }
        HttpHeaders h = response.headers();
        var retryAfter = h.firstValue("retry-after");
        if (retryAfter.isPresent()) {
            try {
                return Duration.ofSeconds(
                        Math.max(1, Long.parseLong(retryAfter.get().strip())));
            } catch (NumberFormatException e) {
                return policy.secondaryLimitDelay(attempt);
            }
        }
        boolean exhausted =
                h.firstValue("x-ratelimit-remaining").map("0"::equals).orElse(false);
        var reset = h.firstValue("x-ratelimit-reset");
        if (exhausted && reset.isPresent()) {
            try {
                Duration until = Duration.between(clock.instant(), Instant.ofEpochSecond(Long.parseLong(reset.get())));
                return until.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : until;
            } catch (NumberFormatException e) {
                return policy.secondaryLimitDelay(attempt);
            }
        }
        String message = response.body().path("message").asText("").toLowerCase(java.util.Locale.ROOT);
        if (status == 429 || exhausted || message.contains("rate limit")) {
            return policy.secondaryLimitDelay(attempt);
        }
        return null;
    }

    private Response send(String method, String path, Object body, String authorization) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "clarity");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        }
        try {
            HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] bytes = response.body();
            JsonNode node = MissingNode.getInstance();
            if (bytes != null && bytes.length > 0) {
                try {
                    node = json.readTree(bytes);
                } catch (IOException e) {
                    node = MissingNode.getInstance();
                }
            }
            return new Response(
                    response.statusCode(), node == null ? MissingNode.getInstance() : node, response.headers());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GitHubException("calling GitHub " + method + " " + path + ": interrupted", 0, e);
        }
    }
}
