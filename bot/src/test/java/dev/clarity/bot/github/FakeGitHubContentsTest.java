package dev.clarity.bot.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.testkit.github.FakeGitHub;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The fake's contents API answers like the recorded one (base64 body, blob sha) and refuses stale writes. */
class FakeGitHubContentsTest {
    @Test
    void a_file_is_read_and_updated_through_the_contents_api_with_its_blob_sha() throws Exception {
        ObjectMapper json = new ObjectMapper();
        try (FakeGitHub fake = FakeGitHub.start(TestGateways.APP_ID).installation(11, "acme/shop")) {
            fake.file("acme/shop", "docs/tasks_list.md", "- [ ] 1 Login\n");
            ManualTime time = new ManualTime(Instant.now().truncatedTo(ChronoUnit.SECONDS));
            String token = TestGateways.against(fake.apiUrl(), time, new RecordingSleeper(time))
                    .installationToken(11)
                    .token();
            HttpClient client = HttpClient.newHttpClient();
            URI uri = URI.create(fake.apiUrl() + "/repos/acme/shop/contents/docs/tasks_list.md");

            JsonNode file = json.readTree(client.send(
                            HttpRequest.newBuilder(uri)
                                    .header("Authorization", "token " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body());
            assertThat(new String(
                            Base64.getMimeDecoder().decode(file.path("content").asText()), StandardCharsets.UTF_8))
                    .isEqualTo("- [ ] 1 Login\n");
            assertThat(file.path("sha").asText()).hasSize(40);

            String update = "{\"message\":\"Task 1: Login\",\"sha\":\""
                    + file.path("sha").asText() + "\",\"content\":\""
                    + Base64.getEncoder().encodeToString("- [x] 1 Login ✅\n".getBytes(StandardCharsets.UTF_8)) + "\"}";
            HttpResponse<String> put = client.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "token " + token)
                            .PUT(HttpRequest.BodyPublishers.ofString(update))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> stale = client.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "token " + token)
                            .PUT(HttpRequest.BodyPublishers.ofString(update))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(put.statusCode()).isEqualTo(200);
            assertThat(json.readTree(put.body()).path("commit").path("message").asText())
                    .isEqualTo("Task 1: Login");
            assertThat(stale.statusCode()).isEqualTo(409);
            assertThat(fake.file("acme/shop", "docs/tasks_list.md")).isEqualTo("- [x] 1 Login ✅\n");
        }
    }
}
