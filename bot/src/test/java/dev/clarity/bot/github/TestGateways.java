package dev.clarity.bot.github;

import dev.clarity.bot.app.Json;
import java.net.URI;
import java.time.Duration;

/** The real REST adapter pointed at a fake GitHub, with test time and a sleeper that does not sleep. */
public final class TestGateways {
    public static final long APP_ID = 4242;

    private TestGateways() {}

    public static RestGitHubGateway against(URI apiUrl, ManualTime time, Sleeper sleeper) {
        return against(
                apiUrl,
                time,
                sleeper,
                new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(1)));
    }

    /** With {@code policy}; one attempt per call leaves every failure to the caller. */
    public static RestGitHubGateway against(URI apiUrl, ManualTime time, Sleeper sleeper, RetryPolicy policy) {
        return new RestGitHubGateway(
                apiUrl,
                APP_ID,
                AppKey.fromPem(TestKeys.pkcs1()),
                RestGitHubGateway.httpClient(),
                Json.mapper(),
                time,
                time,
                sleeper,
                policy,
                () -> 1.0);
    }
}
