package dev.clarity.bot.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.bot.config.RunnerSettings;
import dev.clarity.bot.orchestrator.RunnerPool;
import dev.clarity.runner.api.Runner;
import dev.clarity.runner.http.HttpRunnerClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The runners of {@code CLARITY_RUNNER_URLS} as a pool: one HTTP client each, identified by its URL (what
 * {@code executions.runner_id} records, so the same URL must keep naming the same runner across restarts).
 */
final class RemoteRunners {
    /** How long one step may take on a remote runner before the call is given up (the runner's own timeout is per step). */
    static final Duration STEP_TIMEOUT = Duration.ofHours(2);

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private RemoteRunners() {}

    /** @param executor runs the health questions of a survey side by side */
    static RunnerPool pool(RunnerSettings settings, Executor executor) {
        HttpClient http = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .version(HttpClient.Version.HTTP_1_1)
                .build();
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        Map<String, Runner> runners = new LinkedHashMap<>();
        for (URI url : settings.remoteUrls()) {
            runners.put(id(url), new HttpRunnerClient(url, settings.token(), http, json, STEP_TIMEOUT));
        }
        return new RunnerPool(runners, executor);
    }

    /** The URL without a trailing slash: {@code http://runner-1:9001/} and {@code http://runner-1:9001} are one runner. */
    static String id(URI url) {
        String text = url.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
