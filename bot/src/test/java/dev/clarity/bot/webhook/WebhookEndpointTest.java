package dev.clarity.bot.webhook;

import static dev.clarity.migrations.jooq.Tables.WEBHOOK_DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.bot.app.Json;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.testkit.github.Fixtures;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.MDC;

class WebhookEndpointTest {
    static final String SECRET = "It's a Secret to Everybody";

    @TempDir
    static Path dataDir;

    static Database database;
    static Javalin server;
    static DeliveryLog deliveryLog;
    static final HttpClient client = HttpClient.newHttpClient();
    static final ConcurrentLinkedQueue<Runnable> queued = new ConcurrentLinkedQueue<>();
    static final List<String> handled = new CopyOnWriteArrayList<>();
    static final List<String> mdcSeen = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        database = Database.open(new DatabaseLocation.Embedded(dataDir, false), 4, null);
        EventHandler recording = d -> {
            handled.add(d.key() + " " + d.id());
            mdcSeen.add(MDC.get("delivery"));
        };
        EventRoutes routes = new EventRoutes(Map.of(
                "issue_comment.created", recording,
                "push", recording,
                "installation", recording,
                "installation_repositories", recording,
                "check_run.rerequested", recording,
                "pull_request.closed", recording,
                "issues.opened",
                        new EventHandler() {
                            @Override
                            public void handle(Delivery delivery) {
                                handled.add("issues.opened " + delivery.id());
                            }

                            @Override
                            public boolean wants(Delivery delivery) {
                                return false;
                            }
                        }));
        deliveryLog = new DeliveryLog(database.dsl(), "test", java.time.InstantSource.system());
        WebhookEndpoint endpoint =
                new WebhookEndpoint(new WebhookSignature(SECRET), deliveryLog, routes, queued::add, Json.mapper());
        server = Javalin.create(c -> {
                    c.jetty.host = "127.0.0.1";
                    c.jetty.port = 0;
                    c.startup.showJavalinBanner = false;
                    c.routes.post(WebhookEndpoint.PATH, endpoint);
                })
                .start();
    }

    @AfterAll
    static void stop() {
        server.stop();
        deliveryLog.close();
        database.close();
    }

    @BeforeEach
    void reset() {
        queued.clear();
        handled.clear();
        mdcSeen.clear();
    }

    static HttpResponse<String> post(String event, String delivery, byte[] body, String signature) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + WebhookEndpoint.PATH))
                .header("Content-Type", "application/json")
                .header("User-Agent", "GitHub-Hookshot/044aadd")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (event != null) {
            b.header("X-GitHub-Event", event);
        }
        if (delivery != null) {
            b.header("X-GitHub-Delivery", delivery);
        }
        if (signature != null) {
            b.header("X-Hub-Signature-256", signature);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String sign(byte[] body) {
        return new WebhookSignature(SECRET).sign(body);
    }

    static int stored(String delivery) {
        return database.dsl().fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.DELIVERY_ID.eq(delivery));
    }

    static String outcome(String delivery) {
        return database.dsl()
                .select(WEBHOOK_DELIVERIES.OUTCOME)
                .from(WEBHOOK_DELIVERIES)
                .where(WEBHOOK_DELIVERIES.DELIVERY_ID.eq(delivery))
                .fetchOne(WEBHOOK_DELIVERIES.OUTCOME);
    }

    static void drain() {
        Runnable r;
        while ((r = queued.poll()) != null) {
            r.run();
        }
    }

    @Test
    void the_documented_test_vector_gives_the_documented_signature() {
        assertThat(new WebhookSignature(SECRET).sign("Hello, World!".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "issue_comment.created.json, issue_comment, 202, sha256=a026d32e08da28140eb5dc5242db65d0330ccd09816ada4d8b504f5410a58a0e",
        "issue_comment.created.with-installation.json, issue_comment, 202, sha256=49a4d3bbc65a15879bc30b08705cc7b13b8e22ffd2096e6a7b8c41e9402f4773",
        "issue_comment.edited.json, issue_comment, 202, sha256=d31fa861dd923127c4c1caf92b4e5eebeb21f90c2e1d9b4f86f0056f65de1be8",
        "installation.created.json, installation, 202, sha256=c6a72c221581535a1d22e6c4fcabfa62f3b8897e7b4ddbd60524b11648564255",
        "installation_repositories.added.json, installation_repositories, 202, sha256=014ea77622b611a9b2cf48ae5ef9350f13c4500bc69306da03d98e31225255e8",
        "check_run.rerequested.json, check_run, 202, sha256=f4c1223c95712b8a1d11b8a4a504b9b0066c604d56519f0fb9940f0a2a9988f6",
        "pull_request.closed.json, pull_request, 202, sha256=7dc9fe0429e0eaf5e53d778fa4379fe930b19ec232e8f17f5cc469add871486e",
        "push.json, push, 202, sha256=27ff3b2dbb02e7c8d6ab08b0d8d6faa2b2be5dba436346ac7616884f476acdc8",
        "push.with-installation.json, push, 202, sha256=86040d6281b823a373655a24f584d8f324d697a85c9bbe85de266cccf23563a8",
        "push.with-new-branch.json, push, 202, sha256=8932d8769b1f990ebb7d03235a66217b1de8e48d0c626166d4e8fcac027a123d",
        "ping.json, ping, 200, sha256=0781a4c342e19ba538f4541868124c3fc6deb4b56ae69a04a38e6cd5c188806a",
        "ping.with-app_id.json, ping, 200, sha256=1164c298af8dd23383e8b64457292606ca70b51e9273776762d1385e443dc148"
    })
    void real_payloads_signed_as_github_signs_them_are_accepted_and_recorded(
            String fixture, String event, int status, String signature) throws Exception {
        byte[] body = Fixtures.webhook(fixture);
        assertThat(sign(body)).isEqualTo(signature);
        String delivery = UUID.randomUUID().toString();

        HttpResponse<String> response = post(event, delivery, body, signature);

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(stored(delivery)).isEqualTo(1);
    }

    @Test
    void a_missing_signature_is_refused_and_nothing_is_stored() throws Exception {
        String delivery = UUID.randomUUID().toString();
        HttpResponse<String> response =
                post("issue_comment", delivery, Fixtures.webhook("issue_comment.created.json"), null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(stored(delivery)).isZero();
        assertThat(queued).isEmpty();
    }

    @Test
    void a_wrong_signature_is_refused_and_nothing_is_stored() throws Exception {
        byte[] body = Fixtures.webhook("issue_comment.created.json");
        String wrong = new WebhookSignature("another secret").sign(body);
        String delivery = UUID.randomUUID().toString();
        assertThat(post("issue_comment", delivery, body, wrong).statusCode()).isEqualTo(401);
        assertThat(post("issue_comment", delivery, body, "sha256=").statusCode())
                .isEqualTo(401);
        assertThat(post("issue_comment", delivery, body, sign(body).replace("sha256=", "sha1="))
                        .statusCode())
                .isEqualTo(401);
        assertThat(stored(delivery)).isZero();
    }

    @Test
    void a_body_changed_after_signing_is_refused() throws Exception {
        byte[] body = Fixtures.webhook("issue_comment.created.json");
        String signature = sign(body);
        byte[] changed = new String(body, StandardCharsets.UTF_8)
                .replace("totally", "utterly")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(post("issue_comment", UUID.randomUUID().toString(), changed, signature)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void the_answer_comes_before_the_work_and_the_work_carries_the_delivery_id() throws Exception {
        byte[] body = Fixtures.webhook("issue_comment.created.json");
        String delivery = UUID.randomUUID().toString();

        HttpResponse<String> response = post("issue_comment", delivery, body, sign(body));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(handled).isEmpty();
        assertThat(outcome(delivery)).isEqualTo("accepted");
        drain();
        assertThat(handled).containsExactly("issue_comment.created " + delivery);
        assertThat(mdcSeen).containsExactly(delivery);
        assertThat(outcome(delivery)).isEqualTo("processed");
    }

    @Test
    void a_redelivery_is_answered_200_without_a_second_effect() throws Exception {
        byte[] body = Fixtures.webhook("issue_comment.created.with-installation.json");
        String delivery = UUID.randomUUID().toString();

        assertThat(post("issue_comment", delivery, body, sign(body)).statusCode())
                .isEqualTo(202);
        HttpResponse<String> again = post("issue_comment", delivery, body, sign(body));
        drain();

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("duplicate");
        assertThat(handled).hasSize(1);
        assertThat(stored(delivery)).isEqualTo(1);
    }

    @Test
    void malformed_json_is_refused_with_400() throws Exception {
        byte[] body = "{\"action\": \"created\", ".getBytes(StandardCharsets.UTF_8);
        String delivery = UUID.randomUUID().toString();
        assertThat(post("issue_comment", delivery, body, sign(body)).statusCode())
                .isEqualTo(400);
        assertThat(stored(delivery)).isZero();
    }

    @Test
    void a_delivery_without_event_or_id_is_refused_with_400() throws Exception {
        byte[] body = Fixtures.webhook("push.json");
        assertThat(post(null, UUID.randomUUID().toString(), body, sign(body)).statusCode())
                .isEqualTo(400);
        assertThat(post("push", null, body, sign(body)).statusCode()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a delivery id of 3000 characters | issue_comment | LONG | X-GitHub-Delivery must be a GUID",
                "a delivery id that is not a GUID | issue_comment | delivery-1 | X-GitHub-Delivery must be a GUID",
                "a GUID with more after it | issue_comment | 72d3162e-cc78-11e3-81ab-4c9367dc0958x | must be a GUID",
                "an event GitHub does not send | nonsense | GUID | X-GitHub-Event must name a GitHub webhook event",
                "an event of 3000 characters | LONG | GUID | X-GitHub-Event must name a GitHub webhook event",
            })
    void headers_clarity_stores_are_checked_before_anything_is_stored(
            String why, String event, String delivery, String message) throws Exception {
        byte[] body = Fixtures.webhook("issue_comment.created.json");
        String id = switch (delivery) {
            case "LONG" -> "a".repeat(3000);
            case "GUID" -> UUID.randomUUID().toString();
            default -> delivery;
        };
        HttpResponse<String> response = post(event.equals("LONG") ? "e".repeat(3000) : event, id, body, sign(body));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(message);
        assertThat(stored(id)).isZero();
        assertThat(queued).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "a NUL in a string | {\"action\":\"created\",\"comment\":{\"body\":\"a\\u0000b\"}} | NUL",
                "a NUL in the action | {\"action\":\"creat\\u0000ed\"} | NUL",
                "a NUL in a field name | {\"action\":\"created\",\"x\\u0000\":1} | NUL",
                "a lone high surrogate | {\"action\":\"created\",\"t\":\"\\ud800\"} | unpaired surrogate",
                "a lone low surrogate | {\"action\":\"created\",\"t\":\"\\udc00x\"} | unpaired surrogate",
                "a high surrogate before a letter | {\"t\":\"\\uD800\\u0041\"} | unpaired surrogate",
            })
    void text_postgresql_refuses_is_a_400_naming_the_problem_and_nothing_is_stored(
            String why, String json, String named) throws Exception {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        String delivery = UUID.randomUUID().toString();

        HttpResponse<String> response = post("issue_comment", delivery, body, sign(body));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(named);
        assertThat(stored(delivery)).isZero();
    }

    @Test
    void a_surrogate_pair_written_as_escapes_is_a_character_and_is_accepted() throws Exception {
        byte[] body = "{\"action\":\"created\",\"comment\":{\"body\":\"\\ud83d\\ude00 \\\\u0000\"}}"
                .getBytes(StandardCharsets.UTF_8);
        String delivery = UUID.randomUUID().toString();

        assertThat(post("issue_comment", delivery, body, sign(body)).statusCode())
                .isEqualTo(202);
        assertThat(stored(delivery)).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a byte that cannot start a character, 22 80 22",
        "a lead byte without its continuation, 22 c3 28 22",
        "an overlong slash, 22 c0 af 22",
        "a surrogate encoded as bytes, 22 ed a0 80 22",
        "a code point past U+10FFFF, 22 f4 90 80 80 22",
    })
    void bytes_that_are_not_utf8_are_a_400_and_nothing_is_stored(String why, String hex) throws Exception {
        byte[] value = java.util.HexFormat.ofDelimiter(" ").parseHex(hex);
        byte[] start = "{\"action\":\"created\",\"t\":".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[start.length + value.length + 1];
        System.arraycopy(start, 0, body, 0, start.length);
        System.arraycopy(value, 0, body, start.length, value.length);
        body[body.length - 1] = '}';
        String delivery = UUID.randomUUID().toString();

        HttpResponse<String> response = post("issue_comment", delivery, body, sign(body));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).containsAnyOf("UTF-8", "not JSON");
        assertThat(stored(delivery)).isZero();
    }

    @Test
    void in_a_burst_every_normal_delivery_is_stored_and_each_bad_one_alone_is_refused_with_400() throws Exception {
        byte[] normal = Fixtures.webhook("issue_comment.created.json");
        byte[] nul = "{\"action\":\"created\",\"repository\":{\"full_name\":\"acme/s\\u0000hop\"}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] surrogate =
                "{\"action\":\"created\",\"comment\":{\"body\":\"\\ud800\"}}".getBytes(StandardCharsets.UTF_8);
        List<String> good = new ArrayList<>();
        Map<String, java.util.concurrent.CompletableFuture<HttpResponse<String>>> sent =
                new java.util.LinkedHashMap<>();
        for (int i = 0; i < 400; i++) {
            // one in four is bad: a 3,000-character id, a NUL in a stored field, a lone surrogate
            int kind = i % 4 == 3 ? 1 + (i / 4) % 3 : 0;
            String delivery =
                    kind == 1 ? "x".repeat(3000) + i : UUID.randomUUID().toString();
            byte[] body = switch (kind) {
                case 2 -> nul;
                case 3 -> surrogate;
                default -> normal;
            };
            if (kind == 0) {
                good.add(delivery);
            }
            sent.put(
                    delivery,
                    client.sendAsync(request("issue_comment", delivery, body), HttpResponse.BodyHandlers.ofString()));
        }

        List<String> refused = new ArrayList<>();
        for (var e : sent.entrySet()) {
            HttpResponse<String> response = e.getValue().get(60, java.util.concurrent.TimeUnit.SECONDS);
            if (good.contains(e.getKey())) {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
                assertThat(stored(e.getKey())).isEqualTo(1);
            } else {
                assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
                assertThat(json(response.body()).path("detail").asText()).isNotBlank();
                refused.add(e.getKey());
            }
        }
        assertThat(good).hasSize(300);
        assertThat(refused).hasSize(100);
    }

    static HttpRequest request(String event, String delivery, byte[] body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + WebhookEndpoint.PATH))
                .header("Content-Type", "application/json")
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", delivery)
                .header("X-Hub-Signature-256", sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    static com.fasterxml.jackson.databind.JsonNode json(String body) throws Exception {
        return Json.mapper().readTree(body);
    }

    @Test
    void a_body_over_25_megabytes_is_refused_with_413() throws Exception {
        byte[] body = new byte[(int) WebhookEndpoint.MAX_BODY_BYTES + 1];
        java.util.Arrays.fill(body, (byte) ' ');
        String delivery = UUID.randomUUID().toString();
        assertThat(post("push", delivery, body, sign(body)).statusCode()).isEqualTo(413);
        assertThat(stored(delivery)).isZero();
    }

    @Test
    void events_and_actions_clarity_does_not_handle_are_answered_202_and_not_handed_off() throws Exception {
        byte[] edited = Fixtures.webhook("issue_comment.edited.json");
        String d1 = UUID.randomUUID().toString();
        byte[] star = "{\"action\":\"created\",\"starred_at\":null}".getBytes(StandardCharsets.UTF_8);
        String d2 = UUID.randomUUID().toString();

        HttpResponse<String> r1 = post("issue_comment", d1, edited, sign(edited));
        HttpResponse<String> r2 = post("star", d2, star, sign(star));

        assertThat(List.of(r1.statusCode(), r2.statusCode())).containsExactly(202, 202);
        assertThat(r1.body()).contains("ignored");
        assertThat(queued).isEmpty();
        assertThat(new ArrayList<>(List.of(outcome(d1), outcome(d2)))).containsExactly("ignored", "ignored");
    }

    @Test
    void a_delivery_its_handler_has_no_work_for_is_recorded_ignored_and_not_handed_off() throws Exception {
        byte[] body = "{\"action\":\"opened\",\"issue\":{\"number\":1}}".getBytes(StandardCharsets.UTF_8);
        String d = UUID.randomUUID().toString();
        HttpResponse<String> r = post("issues", d, body, sign(body));
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(r.body()).contains("issues.opened has nothing for Clarity to do");
        assertThat(queued).isEmpty();
        assertThat(outcome(d)).isEqualTo("ignored");
    }

    @Test
    void a_handler_that_throws_marks_the_delivery_failed() throws Exception {
        EventRoutes routes = new EventRoutes(Map.of("push", d -> {
            throw new IllegalStateException("reading the task list of acme/shop at 3f2a1c");
        }));
        List<Runnable> work = new ArrayList<>();
        DeliveryLog otherLog = new DeliveryLog(database.dsl(), "test", java.time.InstantSource.system());
        WebhookEndpoint endpoint =
                new WebhookEndpoint(new WebhookSignature(SECRET), otherLog, routes, work::add, Json.mapper());
        Javalin other = Javalin.create(c -> {
                    c.jetty.host = "127.0.0.1";
                    c.jetty.port = 0;
                    c.startup.showJavalinBanner = false;
                    c.routes.post(WebhookEndpoint.PATH, endpoint);
                })
                .start();
        try {
            byte[] body = Fixtures.webhook("push.with-new-branch.json");
            String delivery = UUID.randomUUID().toString();
            HttpResponse<String> response = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + other.port() + WebhookEndpoint.PATH))
                            .header("X-GitHub-Event", "push")
                            .header("X-GitHub-Delivery", delivery)
                            .header("X-Hub-Signature-256", sign(body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(202);
            work.forEach(Runnable::run);
            assertThat(outcome(delivery)).isEqualTo("failed");
        } finally {
            other.stop();
            otherLog.close();
        }
    }

    @Test
    void at_most_sixteen_deliveries_are_handled_at_once_and_the_rest_wait_their_turn() throws Exception {
        var release = new java.util.concurrent.CountDownLatch(1);
        var atWork = new java.util.concurrent.atomic.AtomicInteger();
        var most = new java.util.concurrent.atomic.AtomicInteger();
        var entered = new java.util.concurrent.Semaphore(0);
        EventRoutes routes = new EventRoutes(Map.of("push", d -> {
            most.accumulateAndGet(atWork.incrementAndGet(), Math::max);
            entered.release();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            atWork.decrementAndGet();
        }));
        var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();
        DeliveryLog otherLog = new DeliveryLog(database.dsl(), "test", java.time.InstantSource.system());
        WebhookEndpoint endpoint =
                new WebhookEndpoint(new WebhookSignature(SECRET), otherLog, routes, threads, Json.mapper());
        Javalin other = Javalin.create(c -> {
                    c.jetty.host = "127.0.0.1";
                    c.jetty.port = 0;
                    c.startup.showJavalinBanner = false;
                    c.routes.post(WebhookEndpoint.PATH, endpoint);
                })
                .start();
        try {
            byte[] body = Fixtures.webhook("push.with-new-branch.json");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < WebhookEndpoint.MAX_HANDLERS + 4; i++) {
                String delivery = UUID.randomUUID().toString();
                ids.add(delivery);
                HttpResponse<String> response = client.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + other.port() + WebhookEndpoint.PATH))
                                .header("X-GitHub-Event", "push")
                                .header("X-GitHub-Delivery", delivery)
                                .header("X-Hub-Signature-256", sign(body))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(response.statusCode()).isEqualTo(202);
            }
            // every answer went out while the handlers were held
            entered.acquire(WebhookEndpoint.MAX_HANDLERS);
            assertThat(endpoint.handling()).isEqualTo(WebhookEndpoint.MAX_HANDLERS);
            assertThat(ids.stream().filter(id -> outcome(id).equals("accepted")))
                    .hasSize(ids.size());

            release.countDown();
            entered.acquire(4);
            threads.shutdown();
            assertThat(threads.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS))
                    .isTrue();
            assertThat(most.get()).isEqualTo(WebhookEndpoint.MAX_HANDLERS);
            assertThat(ids).allSatisfy(id -> assertThat(outcome(id)).isEqualTo("processed"));
        } finally {
            other.stop();
            otherLog.close();
        }
    }
}
