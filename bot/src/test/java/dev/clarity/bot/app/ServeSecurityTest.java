package dev.clarity.bot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.github.TestKeys;
import dev.clarity.bot.webhook.WebhookSignature;
import dev.clarity.dashboard.DashboardFeature;
import dev.clarity.dashboard.auth.AccountOutcome;
import dev.clarity.dashboard.auth.Sessions;
import dev.clarity.dashboard.auth.Tokens;
import dev.clarity.testkit.github.Fixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as a browser and a scraper meet it: every answer (a page, an API answer, an error page, the webhook
 * answer, health, metrics, a static file) carries the security headers, and {@code /metrics} wants its token when
 * {@code CLARITY_METRICS_TOKEN} is set.
 */
class ServeSecurityTest {
    private static final String SECRET = "s3cret-for-headers";
    private static final String METRICS_TOKEN = "metrics-token-0123456789";

    @TempDir
    static Path home;

    private static ClarityServer server;
    private static int port;
    private static String apiToken;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        var config = EnvironmentConfig.load(
                Map.of(
                        EnvironmentConfig.DATA_DIR,
                        home.resolve("data").toString(),
                        EnvironmentConfig.PORT,
                        Integer.toString(port),
                        EnvironmentConfig.APP_ID,
                        "4242",
                        EnvironmentConfig.PRIVATE_KEY,
                        TestKeys.pkcs8(),
                        EnvironmentConfig.WEBHOOK_SECRET,
                        SECRET,
                        "CLARITY_METRICS_TOKEN",
                        METRICS_TOKEN),
                home);
        server = ClarityServer.start(config, "127.0.0.1", InstantSource.system());
        var dsl = server.database().dsl();
        var account = (AccountOutcome.Created)
                DashboardFeature.accounts(dsl, InstantSource.system()).add("header-reader", "team_member", null);
        // a token is suspended while its owner still holds a one-time password: choose one, as the person would
        DashboardFeature.accounts(dsl, InstantSource.system())
                .changePassword(
                        account.personId(),
                        account.oneTimePassword(),
                        "a long chosen password 42",
                        "a long chosen password 42",
                        null);
        apiToken = new Sessions(dsl, new Tokens(new SecureRandom()), InstantSource.system(), Duration.ofHours(1))
                .issueApiToken(account.personId(), "headers");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void every_answer_carries_the_content_security_policy_and_the_other_security_headers() throws Exception {
        byte[] ping = Fixtures.webhook("ping.json");
        Map<String, HttpResponse<String>> answers = new LinkedHashMap<>();
        answers.put("page", send(request("/login")));
        answers.put("api", send(request("/api/executions").header("Authorization", "Bearer " + apiToken)));
        answers.put("api refusal", send(request("/api/executions")));
        answers.put("error page", send(request("/no-such-page")));
        answers.put(
                "webhook",
                send(request("/webhooks/github")
                        .header("X-GitHub-Event", "ping")
                        .header("X-GitHub-Delivery", "5d0c8f7e-1b2a-11f0-8c3d-0242ac120002")
                        .header("X-Hub-Signature-256", new WebhookSignature(SECRET).sign(ping))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(ping))));
        answers.put("health", send(request("/healthz")));
        answers.put("static file", send(request("/static/app.js")));

        assertThat(answers.get("page").statusCode()).isEqualTo(200);
        assertThat(answers.get("api").statusCode()).isEqualTo(200);
        assertThat(answers.get("api refusal").statusCode()).isEqualTo(401);
        assertThat(answers.get("error page").statusCode()).isEqualTo(404);
        assertThat(answers.get("webhook").statusCode()).isEqualTo(200);
        answers.forEach((what, r) -> {
            var h = r.headers();
            assertThat(h.firstValue("Content-Security-Policy"))
                    .as(what)
                    .hasValueSatisfying(csp -> assertThat(csp)
                            .contains("script-src 'self';", "frame-ancestors 'none'")
                            .doesNotContain("unsafe-inline", "unsafe-eval"));
            assertThat(h.firstValue("X-Frame-Options")).as(what).hasValue("DENY");
            assertThat(h.firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
            assertThat(h.firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
        });
    }

    @Test
    void with_a_metrics_token_set_metrics_answer_401_without_it_and_the_figures_with_it() throws Exception {
        HttpResponse<String> none = send(request("/metrics"));
        HttpResponse<String> wrong = send(request("/metrics").header("Authorization", "Bearer not-the-token-at-all"));
        HttpResponse<String> right = send(request("/metrics").header("Authorization", "Bearer " + METRICS_TOKEN));

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(none.body()).doesNotContain("jvm_memory_used_bytes");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(right.statusCode()).isEqualTo(200);
        assertThat(right.body()).contains("jvm_memory_used_bytes");
        assertThat(right.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
