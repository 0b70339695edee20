package dev.clarity.bot.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.github.TestKeys;
import dev.clarity.bot.webhook.WebhookSignature;
import dev.clarity.testkit.github.Fixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}'s composition with complete GitHub settings: the webhook and setup routes are there. */
class ServeWiringTest {
    @TempDir
    Path home;

    @Test
    void serve_with_github_settings_answers_a_signed_ping_and_serves_the_setup_page() throws Exception {
        Map<String, String> env = Map.of(
                EnvironmentConfig.DATA_DIR, home.resolve("data").toString(),
                EnvironmentConfig.PORT, "1",
                EnvironmentConfig.APP_ID, "4242",
                EnvironmentConfig.PRIVATE_KEY, TestKeys.pkcs8(),
                EnvironmentConfig.WEBHOOK_SECRET, "s3cret-for-wiring");
        var config = EnvironmentConfig.load(env, home);
        var config0 = new dev.clarity.bot.config.ClarityConfig(
                config.database(),
                config.dataDir(),
                0,
                config.logFormat(),
                config.github(),
                config.publicUrl(),
                config.runner(),
                config.sandbox(),
                config.dockerHost(),
                config.maxParallel());
        try (ClarityServer server = ClarityServer.start(config0, "127.0.0.1", InstantSource.system())) {
            HttpClient client = HttpClient.newHttpClient();
            byte[] ping = Fixtures.webhook("ping.json");
            HttpResponse<String> pong = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/webhooks/github"))
                            .header("X-GitHub-Event", "ping")
                            .header("X-GitHub-Delivery", "wiring-1")
                            .header("X-Hub-Signature-256", new WebhookSignature("s3cret-for-wiring").sign(ping))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(ping))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> setup = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/setup"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(pong.statusCode()).isEqualTo(200);
            assertThat(pong.body()).contains("pong");
            assertThat(setup.statusCode()).isEqualTo(409);
            assertThat(setup.body()).contains("CLARITY_PUBLIC_URL");
        }
    }
}
