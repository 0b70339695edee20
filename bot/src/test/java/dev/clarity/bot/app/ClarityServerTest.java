package dev.clarity.bot.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.clarity.bot.config.ConfigException;
import dev.clarity.bot.config.EnvironmentConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClarityServerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void serves_health_and_prometheus_metrics_backed_by_the_embedded_database(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        var config = EnvironmentConfig.load(
                Map.of("CLARITY_DATA_DIR", dataDir.toString(), "CLARITY_PORT", Integer.toString(port)), dataDir);
        try (ClarityServer server = ClarityServer.start(config, "127.0.0.1", InstantSource.system())) {
            HttpResponse<String> health = get(port, "/healthz");
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode body = Json.mapper().readTree(health.body());
            assertThat(body.path("status").asText()).isEqualTo("ok");
            assertThat(body.path("database").asText()).isEqualTo("up");
            assertThat(body.path("schemaVersion").asText())
                    .isEqualTo(server.database().schemaVersion());
            assertThat(body.path("uptimeSeconds").isNumber()).isTrue();

            HttpResponse<String> metrics = get(port, "/metrics");
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("jvm_memory_used_bytes")
                    .contains("hikaricp_connections")
                    .contains("http_server_requests_seconds_count{method=\"GET\",route=\"/healthz\",status=\"200\"}");
        }
    }

    @Test
    void partial_github_settings_stop_start_up_with_a_sentence_naming_the_missing_variable(@TempDir Path dataDir) {
        var config = EnvironmentConfig.load(
                Map.of("CLARITY_DATA_DIR", dataDir.toString(), "GITHUB_APP_ID", "12345"), dataDir);
        assertThatThrownBy(() -> ClarityServer.start(config, "127.0.0.1", InstantSource.system()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("GITHUB_PRIVATE_KEY or GITHUB_PRIVATE_KEY_PATH is missing");
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
