package dev.clarity.bot.app;

import static dev.clarity.migrations.jooq.Tables.WEBHOOK_DELIVERIES;
import static dev.clarity.migrations.jooq.Tables.WEBHOOK_PAYLOADS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.github.TestKeys;
import dev.clarity.bot.webhook.WebhookSignature;
import dev.clarity.testkit.github.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve}'s composition with complete GitHub settings: the webhook and setup routes are there (setup for the
 * admin the first start creates), and deliveries left unfinished by the previous start are handled.
 */
class ServeWiringTest {
    @TempDir
    Path home;

    @Test
    void serve_with_github_settings_answers_a_signed_ping_and_serves_the_setup_page_to_the_first_admin()
            throws Exception {
        PrintStream stderr = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        ClarityServer started;
        try {
            started = ClarityServer.start(
                    config(Map.of(
                            EnvironmentConfig.PUBLIC_URL, "http://clarity.acme.test")), // http: cookies not Secure
                    "127.0.0.1",
                    InstantSource.system());
        } finally {
            System.setErr(stderr);
        }
        try (ClarityServer server = started) {
            HttpClient client = HttpClient.newBuilder()
                    .cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            String base = "http://127.0.0.1:" + server.port();
            byte[] ping = Fixtures.webhook("ping.json");
            HttpResponse<String> pong = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/webhooks/github"))
                            .header("X-GitHub-Event", "ping")
                            .header("X-GitHub-Delivery", "0e5c4b1a-3d2f-11ef-9a6b-2f0d3c4e5a61")
                            .header("X-Hub-Signature-256", new WebhookSignature("s3cret-for-wiring").sign(ping))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(ping))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(pong.statusCode()).isEqualTo(200);
            assertThat(pong.body()).contains("pong");

            // a visitor gets neither a state nor the callback: setup is for a signed-in admin
            HttpResponse<String> anonymous = get(client, base + "/setup");
            assertThat(anonymous.statusCode()).isEqualTo(303);
            assertThat(anonymous.headers().firstValue("Location")).hasValue("/login?next=%2Fsetup");
            assertThat(anonymous.body()).doesNotContain("state=");
            assertThat(get(client, base + "/setup/callback?code=abc&state=guessed")
                            .statusCode())
                    .isEqualTo(303);

            // a fresh install: the first start printed the admin's one-time password, which opens setup
            Matcher otp = Pattern.compile("account 'admin' with the one-time password (\\S+) ")
                    .matcher(printed.toString(StandardCharsets.UTF_8));
            assertThat(otp.find())
                    .as("the first start prints the admin's one-time password")
                    .isTrue();
            Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]*)\"")
                    .matcher(get(client, base + "/login?next=%2Fsetup").body());
            assertThat(csrf.find()).isTrue();
            HttpResponse<String> signedIn = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/login"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    "_csrf=" + csrf.group(1) + "&login=admin&next=%2Fsetup&password=" + otp.group(1)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(signedIn.statusCode()).isEqualTo(303);
            // a one-time password opens only the page where the admin chooses their own
            assertThat(signedIn.headers().firstValue("Location")).hasValue("/account/password");
            HttpResponse<String> notYet = get(client, base + "/setup");
            assertThat(notYet.statusCode()).isEqualTo(303);
            assertThat(notYet.headers().firstValue("Location")).hasValue("/account/password");
            Matcher sessionCsrf = Pattern.compile("name=\"csrf-token\" content=\"([^\"]*)\"")
                    .matcher(get(client, base + "/account/password").body());
            assertThat(sessionCsrf.find()).isTrue();
            HttpResponse<String> changed = client.send(
                    HttpRequest.newBuilder(URI.create(base + "/account/password"))
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + sessionCsrf.group(1) + "&current="
                                    + otp.group(1) + "&password=wiring-admin-pw&repeat=wiring-admin-pw"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(changed.statusCode()).isEqualTo(200);
            HttpResponse<String> setup = get(client, base + "/setup");
            assertThat(setup.statusCode()).isEqualTo(200);
            assertThat(setup.body()).contains("Create the GitHub App", "state=");
        }
    }

    private static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void serve_handles_at_start_a_delivery_the_previous_serve_accepted_and_never_finished() throws Exception {
        try (ClarityServer before = ClarityServer.start(config(), "127.0.0.1", InstantSource.system())) {
            // what a serve that died right after answering leaves: accepted, its payload kept under its claim
            var dsl = before.database().dsl();
            dsl.insertInto(WEBHOOK_DELIVERIES)
                    .set(WEBHOOK_DELIVERIES.DELIVERY_ID, "left-1")
                    .set(WEBHOOK_DELIVERIES.EVENT, "push")
                    .set(WEBHOOK_DELIVERIES.OUTCOME, "accepted")
                    .execute();
            dsl.insertInto(WEBHOOK_PAYLOADS)
                    .set(WEBHOOK_PAYLOADS.DELIVERY_ID, "left-1")
                    .set(WEBHOOK_PAYLOADS.PAYLOAD, Fixtures.webhook("push.json"))
                    .set(WEBHOOK_PAYLOADS.CLAIMED_BY, "a serve that is gone")
                    .set(WEBHOOK_PAYLOADS.CLAIMED_UNTIL, OffsetDateTime.now().plusMinutes(10))
                    .execute();
        }
        try (ClarityServer after = ClarityServer.start(config(), "127.0.0.1", InstantSource.system())) {
            var dsl = after.database().dsl();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!"processed"
                    .equals(dsl.select(WEBHOOK_DELIVERIES.OUTCOME)
                            .from(WEBHOOK_DELIVERIES)
                            .where(WEBHOOK_DELIVERIES.DELIVERY_ID.eq("left-1"))
                            .fetchOne(WEBHOOK_DELIVERIES.OUTCOME))) {
                assertThat(System.nanoTime())
                        .as("handled within 30 s of the start")
                        .isLessThan(deadline);
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // the replay runs on its own thread
            }
            assertThat(dsl.fetchCount(WEBHOOK_PAYLOADS)).isZero();
        }
    }

    private ClarityConfig config() {
        return config(Map.of());
    }

    private ClarityConfig config(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of(
                EnvironmentConfig.DATA_DIR, home.resolve("data").toString(),
                EnvironmentConfig.PORT, "1",
                EnvironmentConfig.APP_ID, "4242",
                EnvironmentConfig.PRIVATE_KEY, TestKeys.pkcs8(),
                EnvironmentConfig.WEBHOOK_SECRET, "s3cret-for-wiring"));
        env.putAll(more);
        var config = EnvironmentConfig.load(env, home);
        return new ClarityConfig(
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
    }
}
