package dev.clarity.bot.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clarity.bot.app.Json;
import dev.clarity.testkit.github.FakeGitHub;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetupFeatureTest {
    static final String MANIFEST_YAML = """
            name: Clarity
            url: https://github.com/apps/clarity
            public: false
            hook_attributes:
              url: https://clarity.example.com/webhooks/github
              active: true
            redirect_url: https://clarity.example.com/setup/callback
            default_permissions:
              contents: write
              issues: write
            default_events:
              - issue_comment
              - push
            """;

    @TempDir
    Path dataDir;

    FakeGitHub github;
    Javalin server;
    final HttpClient client = HttpClient.newHttpClient();
    final ObjectMapper json = Json.mapper();

    @BeforeEach
    void start() throws Exception {
        github = FakeGitHub.start(4242);
        ObjectNode manifest = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(MANIFEST_YAML);
        SetupFeature setup = new SetupFeature(
                Optional.of(URI.create("https://clarity.acme.test/")),
                github.apiUrl(),
                "https://github.com",
                () -> AppManifest.of(manifest),
                new AppCredentialsStore(dataDir),
                HttpClient.newHttpClient(),
                json,
                () -> "state-1");
        server = Javalin.create(c -> {
                    c.jetty.host = "127.0.0.1";
                    c.jetty.port = 0;
                    c.startup.showJavalinBanner = false;
                    setup.contribute(c);
                })
                .start();
    }

    @AfterEach
    void stop() {
        server.stop();
        github.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void the_setup_page_posts_the_manifest_with_urls_of_this_server_to_github() throws Exception {
        HttpResponse<String> page = get("/setup");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"https://github.com/settings/apps/new?state=state-1\"");
        Matcher m = Pattern.compile("name=\"manifest\" value=\"([^\"]*)\"").matcher(page.body());
        assertThat(m.find()).isTrue();
        JsonNode manifest = json.readTree(m.group(1)
                .replace("&quot;", "\"")
                .replace("&amp;", "&")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">"));
        assertThat(manifest.path("hook_attributes").path("url").asText())
                .isEqualTo("https://clarity.acme.test/webhooks/github");
        assertThat(manifest.path("redirect_url").asText()).isEqualTo("https://clarity.acme.test/setup/callback");
        assertThat(manifest.path("default_events")).hasSize(2);
        assertThat(manifest.path("default_permissions").path("contents").asText())
                .isEqualTo("write");
    }

    @Test
    void an_organization_gets_the_organization_form() throws Exception {
        assertThat(get("/setup?org=acme").body())
                .contains("action=\"https://github.com/organizations/acme/settings/apps/new?state=state-1\"");
    }

    @Test
    void the_callback_exchanges_the_code_and_stores_the_credentials_readable_only_by_their_owner() throws Exception {
        get("/setup");
        HttpResponse<String> done = get("/setup/callback?code=abc123&state=state-1");

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body())
                .contains("id 4242")
                .contains("/installations/new")
                .doesNotContain("secret-from-github");
        Path dir = dataDir.resolve("github-app");
        assertThat(Files.readString(dir.resolve("app-id")).strip()).isEqualTo("4242");
        assertThat(Files.readString(dir.resolve("webhook-secret"))).isEqualTo("secret-from-github-abc123");
        assertThat(Files.readString(dir.resolve("private-key.pem"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("private-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("webhook-secret"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("github.env"))).contains("GITHUB_APP_ID=4242");
        assertThat(github.writes())
                .extracting(w -> w.line())
                .containsExactly("POST /app-manifests/abc123/conversions 201");
    }

    @Test
    void a_callback_with_an_unknown_or_reused_state_is_refused() throws Exception {
        assertThat(get("/setup/callback?code=abc&state=forged").statusCode()).isEqualTo(400);
        get("/setup");
        assertThat(get("/setup/callback?code=abc&state=state-1").statusCode()).isEqualTo(200);
        assertThat(get("/setup/callback?code=abc&state=state-1").statusCode()).isEqualTo(400);
        assertThat(github.writes()).hasSize(1);
    }

    @Test
    void a_manifest_file_in_the_working_directory_is_read_as_yaml() throws Exception {
        Files.writeString(dataDir.resolve("app-manifest.yml"), MANIFEST_YAML);
        String text = AppManifest.load(dataDir).json(URI.create("https://x.test"), json);
        assertThat(text).contains("\"url\":\"https://x.test/webhooks/github\"").contains("issue_comment");
    }
}
