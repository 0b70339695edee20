package dev.clarity.bot.scenario;

import static dev.clarity.migrations.jooq.Tables.WEBHOOK_DELIVERIES;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.clarity.bot.app.GitHubAppFeature;
import dev.clarity.bot.app.Json;
import dev.clarity.bot.config.GitHubSettings;
import dev.clarity.bot.github.ManualTime;
import dev.clarity.bot.github.RecordingSleeper;
import dev.clarity.bot.github.TestGateways;
import dev.clarity.bot.github.TestKeys;
import dev.clarity.bot.outbox.GitHubOutbox;
import dev.clarity.bot.server.HealthSource;
import dev.clarity.bot.server.HttpServer;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.testkit.github.FakeGitHub;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Thousands of signed and unsigned webhook requests, made from the recorded deliveries and mutated at random
 * ({@link FuzzedDelivery}), sent as raw HTTP to the GitHub App wired as {@code serve} wires it (real HTTP server with
 * its limits, real PostgreSQL, the real handlers against the fake GitHub). No answer may be a 5xx, nothing may be
 * logged as a server error, {@code /healthz} answers throughout, and only GUIDs are stored as delivery ids.
 *
 * <p>Replay a failure with the seed its message prints: {@code -Dclarity.fuzz.seed=N}; {@code
 * -Dclarity.fuzz.requests=N} sends more.
 */
class WebhookFuzzTest {
    static final String SECRET = "It's a Secret to Everybody";
    static final long SEED = Long.getLong("clarity.fuzz.seed", 20_260_611L);
    static final int REQUESTS = Integer.getInteger("clarity.fuzz.requests", 3000);

    @TempDir
    Path dataDir;

    @Test
    void thousands_of_mutated_deliveries_get_no_5xx_log_no_server_error_and_leave_healthz_up() throws Exception {
        var root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();
        ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
        try (Database database = Database.open(new DatabaseLocation.Embedded(dataDir, false), 8, null);
                FakeGitHub github = FakeGitHub.start(TestGateways.APP_ID)
                        .installation(1, "Codertocat/Hello-World")
                        .installation(957387, "Codertocat/Hello-World", "Codertocat/Space")) {
            ManualTime time = new ManualTime(Instant.now().truncatedTo(ChronoUnit.SECONDS));
            var gateway = TestGateways.against(github.apiUrl(), time, new RecordingSleeper(time));
            var outbox = new GitHubOutbox(database.dsl(), gateway, time, () -> 1.0, "fuzz");
            var settings = new GitHubSettings.Complete(github.apiUrl(), TestGateways.APP_ID, TestKeys.pkcs1(), SECRET);
            GitHubAppFeature feature = GitHubAppFeature.create(
                    settings,
                    database.dsl(),
                    gateway,
                    outbox,
                    new RecordingControls(),
                    new RecordingSignals(),
                    Json.mapper(),
                    time,
                    time,
                    handlers,
                    "fuzz");
            HttpServer server = new HttpServer(
                            "127.0.0.1",
                            0,
                            new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                            health(database),
                            time,
                            List.of(feature),
                            Json.mapper())
                    .start();
            try {
                URI healthz = URI.create("http://127.0.0.1:" + server.port() + "/healthz");
                List<String> healthProblems = new CopyOnWriteArrayList<>();
                HttpClient probe = HttpClient.newHttpClient();
                prober.scheduleWithFixedDelay(
                        () -> check(probe, healthz, healthProblems), 0, 100, TimeUnit.MILLISECONDS);

                Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
                List<String> failures = send(server.port(), statuses);

                prober.shutdown();
                assertThat(prober.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
                handlers.shutdown();
                assertThat(handlers.awaitTermination(60, TimeUnit.SECONDS))
                        .as("the handed-off deliveries are handled")
                        .isTrue();
                String replay = "seed " + SEED + " (replay with -Dclarity.fuzz.seed=" + SEED + "); statuses "
                        + new TreeMap<>(statuses);
                assertThat(failures).as(replay).isEmpty();
                assertThat(statuses.keySet()).as(replay).allMatch(s -> s < 500);
                assertThat(healthProblems).as(replay).isEmpty();
                assertThat(probe.send(HttpRequest.newBuilder(healthz).build(), HttpResponse.BodyHandlers.ofString())
                                .statusCode())
                        .isEqualTo(200);
                assertThat(serverErrors(logged)).as(replay).isEmpty();
                assertThat(
                                database.dsl()
                                        .fetchCount(
                                                WEBHOOK_DELIVERIES,
                                                WEBHOOK_DELIVERIES.DELIVERY_ID.notLikeRegex(
                                                        "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")))
                        .as("only GUIDs are stored as delivery ids")
                        .isZero();
                assertThat(statuses.getOrDefault(202, new AtomicInteger()).get()
                                + statuses.getOrDefault(200, new AtomicInteger())
                                        .get())
                        .as("%s: a good share of the requests got through to the handlers", replay)
                        .isGreaterThan(REQUESTS / 20);
            } finally {
                server.close();
                feature.close();
            }
        } finally {
            prober.shutdownNow();
            handlers.shutdownNow();
            root.detachAppender(logged);
        }
    }

    /** Sends every request, eight at a time; returns a line for each request that failed, with its seed. */
    private static List<String> send(int port, Map<Integer, AtomicInteger> statuses) throws Exception {
        List<String> earlierIds = new ArrayList<>();
        List<String> failures = new CopyOnWriteArrayList<>();
        try (var senders = Executors.newFixedThreadPool(8)) {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < REQUESTS; i++) {
                long seed = SEED * 1_000_003L + i;
                sent.add(senders.submit(() -> {
                    FuzzedDelivery request = FuzzedDelivery.make(seed, SECRET, earlierIds);
                    try {
                        int status = exchange(port, request);
                        statuses.computeIfAbsent(status, s -> new AtomicInteger())
                                .incrementAndGet();
                        if (status >= 500) {
                            failures.add(status + " for request seed " + seed + ": " + request.description());
                        }
                    } catch (IOException e) {
                        failures.add(e + " for request seed " + seed + ": " + request.description());
                    }
                }));
            }
            for (Future<?> f : sent) {
                f.get(120, TimeUnit.SECONDS);
            }
        }
        return failures;
    }

    /**
     * Writes the raw request and reads the answer's status; -1 when the server closed the connection without one
     * (a request it could not even parse), -2 when what came back does not start with a status line. A connection reset while writing counts as closed: the server may refuse
     * before the whole request is sent.
     */
    private static int exchange(int port, FuzzedDelivery request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            try {
                socket.getOutputStream().write(request.request());
                socket.getOutputStream().flush();
                if (request.closeOutputAfterSending()) {
                    socket.shutdownOutput();
                }
            } catch (IOException e) {
                // the server answered and closed early (a header too large, say): read what it said
            }
            byte[] answer = socket.getInputStream().readNBytes(16);
            if (answer.length < 12) {
                return -1;
            }
            String statusLine = new String(answer, StandardCharsets.ISO_8859_1);
            if (!statusLine.matches("(?s)HTTP/1\\.[01] \\d{3}.*")) {
                // seen once in a loaded full run (the bytes read began "HTTP/1.1 …" only on other runs): not a 5xx,
                // so not this test's failure, but printed so that it can be looked into
                System.out.println("WebhookFuzzTest: an answer without an HTTP/1.x status line: "
                        + statusLine.replace("\r", "\\r").replace("\n", "\\n"));
                return -2;
            }
            return Integer.parseInt(statusLine.substring(9, 12));
        } catch (java.net.SocketException e) {
            if (String.valueOf(e.getMessage()).contains("reset")) {
                return -1;
            }
            throw e;
        }
    }

    private static void check(HttpClient probe, URI healthz, List<String> problems) {
        try {
            int status = probe.send(
                            HttpRequest.newBuilder(healthz)
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            if (status != 200) {
                problems.add("/healthz answered " + status);
            }
        } catch (IOException | InterruptedException e) {
            problems.add("/healthz did not answer: " + e);
        }
    }

    /** Error lines, and any line carrying an exception from the HTTP server or the framework. */
    private static List<String> serverErrors(ListAppender<ILoggingEvent> logged) {
        List<String> errors = new ArrayList<>();
        synchronized (logged) {
            for (ILoggingEvent e : logged.list) {
                boolean error = e.getLevel().isGreaterOrEqual(Level.ERROR);
                boolean serverException = e.getThrowableProxy() != null
                        && e.getLevel().isGreaterOrEqual(Level.WARN)
                        && (e.getLoggerName().startsWith("org.eclipse.jetty")
                                || e.getLoggerName().startsWith("io.javalin"));
                if (error || serverException) {
                    errors.add(e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                            + (e.getThrowableProxy() == null
                                    ? ""
                                    : " (" + e.getThrowableProxy().getClassName() + ": "
                                            + e.getThrowableProxy().getMessage() + ")"));
                }
            }
        }
        return errors;
    }

    private static HealthSource health(Database database) {
        return new HealthSource() {
            @Override
            public boolean databaseReachable() {
                return database.isReachable();
            }

            @Override
            public String schemaVersion() {
                return database.schemaVersion();
            }
        };
    }
}
