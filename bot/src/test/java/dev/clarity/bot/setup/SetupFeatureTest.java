package dev.clarity.bot.setup;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clarity.bot.app.Json;
import dev.clarity.dashboard.auth.AccountOutcome;
import dev.clarity.dashboard.auth.Accounts;
import dev.clarity.dashboard.auth.PasswordHasher;
import dev.clarity.dashboard.auth.Sessions;
import dev.clarity.dashboard.auth.Tokens;
import dev.clarity.dashboard.web.Guard;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.testkit.github.FakeGitHub;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Setup against the fake GitHub, with real dashboard sessions on the embedded database: only a signed-in admin may
 * run it, the state is bound to the admin's session and works once, and a refused attempt changes no stored file.
 */
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
    static Path databaseDir;

    static Database database;
    static Sessions sessions;
    static long adminId;
    static long otherAdminId;
    static long memberId;

    @TempDir
    Path dataDir;

    FakeGitHub github;
    Javalin server;
    final HttpClient client = HttpClient.newHttpClient();
    final ObjectMapper json = Json.mapper();
    final AtomicInteger stateCounter = new AtomicInteger();
    String admin;

    @BeforeAll
    static void accounts() {
        database = Database.open(new DatabaseLocation.Embedded(databaseDir, false), 4, null);
        Tokens tokens = new Tokens(new SecureRandom());
        sessions = new Sessions(database.dsl(), tokens, InstantSource.system(), Duration.ofHours(1));
        Accounts accounts = new Accounts(database.dsl(), PasswordHasher.owaspDefault(), tokens, InstantSource.system());
        adminId = signedUp(accounts, "setup-admin", "admin");
        otherAdminId = signedUp(accounts, "other-admin", "admin");
        memberId = signedUp(accounts, "setup-member", "team_member");
    }

    /** An account whose one-time password was already replaced, as at everyone's first sign-in. */
    private static long signedUp(Accounts accounts, String login, String role) {
        AccountOutcome.Created c = (AccountOutcome.Created) accounts.add(login, role, null);
        accounts.changePassword(
                c.personId(), c.oneTimePassword(), login + "-own-password", login + "-own-password", null);
        return c.personId();
    }

    @AfterAll
    static void closeDatabase() {
        database.close();
    }

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
                () -> "state-" + stateCounter.incrementAndGet(),
                new Guard(sessions, false));
        server = Javalin.create(c -> {
                    c.jetty.host = "127.0.0.1";
                    c.jetty.port = 0;
                    c.startup.showJavalinBanner = false;
                    setup.contribute(c);
                })
                .start();
        admin = sessions.open(adminId);
    }

    @AfterEach
    void stop() {
        server.stop();
        github.close();
    }

    /** A GET as the holder of session {@code session} (null: nobody signed in). */
    HttpResponse<String> get(String path, String session) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (session != null) {
            request.header("Cookie", Guard.SESSION_COOKIE + "=" + session);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String path) throws Exception {
        return get(path, admin);
    }

    /** Every file setup writes, with its bytes, to prove a refused attempt changed nothing. */
    Map<String, String> storedApp() throws IOException {
        Path dir = dataDir.resolve("github-app");
        Map<String, String> files = new TreeMap<>();
        if (Files.isDirectory(dir)) {
            try (var list = Files.list(dir)) {
                for (Path f : list.toList()) {
                    files.put(f.getFileName().toString(), Files.readString(f));
                }
            }
        }
        return files;
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
        assertThat(Files.readString(dir.resolve("github.env")))
                .contains("GITHUB_APP_ID='4242'", "GITHUB_WEBHOOK_SECRET='secret-from-github-abc123'");
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
    void a_visitor_who_is_not_signed_in_is_sent_to_sign_in_and_cannot_finish_setup() throws Exception {
        new AppCredentialsStore(dataDir).store(7, "-----BEGIN RSA PRIVATE KEY-----\nold\n", "the-old-secret");
        Map<String, String> before = storedApp();

        HttpResponse<String> page = get("/setup?org=acme", null);
        HttpResponse<String> callback = get("/setup/callback?code=abc&state=state-1", null);

        assertThat(page.statusCode()).isEqualTo(303);
        assertThat(page.headers().firstValue("Location")).hasValue("/login?next=%2Fsetup%3Forg%3Dacme");
        assertThat(callback.statusCode()).isEqualTo(303);
        assertThat(stateCounter).hasValue(0);
        assertThat(github.writes()).isEmpty();
        assertThat(storedApp()).isEqualTo(before);
    }

    @Test
    void a_signed_in_person_who_is_not_an_admin_is_refused() throws Exception {
        new AppCredentialsStore(dataDir).store(7, "-----BEGIN RSA PRIVATE KEY-----\nold\n", "the-old-secret");
        Map<String, String> before = storedApp();
        String member = sessions.open(memberId);

        assertThat(get("/setup", member).statusCode()).isEqualTo(403);
        assertThat(get("/setup/callback?code=abc&state=state-1", member).statusCode())
                .isEqualTo(403);
        assertThat(stateCounter).hasValue(0);
        assertThat(github.writes()).isEmpty();
        assertThat(storedApp()).isEqualTo(before);
    }

    @Test
    void a_state_shown_to_one_session_is_refused_in_any_other_and_still_works_once_for_its_own() throws Exception {
        new AppCredentialsStore(dataDir).store(7, "-----BEGIN RSA PRIVATE KEY-----\nold\n", "the-old-secret");
        Map<String, String> before = storedApp();
        assertThat(get("/setup").body()).contains("state=state-1");

        String sameAdminElsewhere = sessions.open(adminId);
        String otherAdmin = sessions.open(otherAdminId);
        assertThat(get("/setup/callback?code=stolen&state=state-1", sameAdminElsewhere)
                        .statusCode())
                .isEqualTo(400);
        assertThat(get("/setup/callback?code=stolen&state=state-1", otherAdmin).statusCode())
                .isEqualTo(400);
        assertThat(github.writes()).isEmpty();
        assertThat(storedApp()).isEqualTo(before);

        assertThat(get("/setup/callback?code=mine&state=state-1").statusCode()).isEqualTo(200);
        assertThat(storedApp().get("webhook-secret")).isEqualTo("secret-from-github-mine");
        assertThat(get("/setup/callback?code=again&state=state-1").statusCode()).isEqualTo(400);
        assertThat(github.writes())
                .extracting(w -> w.line())
                .containsExactly("POST /app-manifests/mine/conversions 201");
    }

    @Test
    void an_admin_with_an_api_token_is_asked_to_use_a_browser_session() throws Exception {
        String token = sessions.issueApiToken(adminId, "setup-test");
        HttpResponse<String> page = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/setup"))
                        .header("Authorization", "Bearer " + token)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("browser session");
        assertThat(stateCounter).hasValue(0);
    }

    @Test
    void the_setup_page_lets_its_form_post_only_to_github() throws Exception {
        assertThat(get("/setup").headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(csp -> assertThat(csp)
                        .contains("form-action 'self' https://github.com;")
                        .contains("script-src 'self'"));
    }

    @Test
    void a_manifest_file_in_the_working_directory_is_read_as_yaml() throws Exception {
        Files.writeString(dataDir.resolve("app-manifest.yml"), MANIFEST_YAML);
        String text = AppManifest.load(dataDir).json(URI.create("https://x.test"), json);
        assertThat(text).contains("\"url\":\"https://x.test/webhooks/github\"").contains("issue_comment");
    }
}
