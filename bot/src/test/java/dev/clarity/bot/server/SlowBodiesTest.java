package dev.clarity.bot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.bot.app.Json;
import dev.clarity.bot.webhook.DeliveryLog;
import dev.clarity.bot.webhook.EventRoutes;
import dev.clarity.bot.webhook.WebhookEndpoint;
import dev.clarity.bot.webhook.WebhookSignature;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that open connections and never finish their webhook bodies: the server keeps answering {@code /healthz},
 * cuts them off after its (here short) timeouts, and closes connections beyond the limit for one address. The
 * attackers connect from 127.0.0.1x addresses, the health probe from 127.0.0.2.
 */
class SlowBodiesTest {
    static final String PROBE_ADDRESS = "127.0.0.2";

    @TempDir
    static Path dataDir;

    static Database database;
    static DeliveryLog deliveries;
    HttpServer server;
    final List<Socket> sockets = new ArrayList<>();

    @BeforeAll
    static void database() {
        database = Database.open(new DatabaseLocation.Embedded(dataDir, false), 4, null);
        deliveries = new DeliveryLog(database.dsl(), "test", InstantSource.system());
    }

    @AfterAll
    static void closeDatabase() {
        deliveries.close();
        database.close();
    }

    @AfterEach
    void stop() {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the server may have closed it first
            }
        }
        if (server != null) {
            server.close();
        }
    }

    HttpServer start(HttpLimits limits) {
        var endpoint = new WebhookEndpoint(
                new WebhookSignature("slow-bodies-secret"),
                deliveries,
                new EventRoutes(Map.of()),
                Runnable::run,
                Json.mapper());
        HealthSource health = new HealthSource() {
            @Override
            public boolean databaseReachable() {
                return true;
            }

            @Override
            public String schemaVersion() {
                return "test";
            }
        };
        server = new HttpServer(
                        "127.0.0.1",
                        0,
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                        health,
                        InstantSource.system(),
                        List.of(c -> c.routes.post(WebhookEndpoint.PATH, endpoint)),
                        Json.mapper(),
                        limits)
                .start();
        return server;
    }

    @Test
    void healthz_answers_while_300_connections_stall_in_their_bodies_and_the_server_closes_them_after_its_timeouts()
            throws Exception {
        start(new HttpLimits(Duration.ofSeconds(5), Duration.ofSeconds(8), 100, 100, Duration.ofSeconds(5)));
        for (int i = 0; i < 300; i++) {
            sockets.add(stall("127.0.0.1" + (1 + i % 3)));
        }
        HttpClient probe = HttpClient.newBuilder()
                .localAddress(InetAddress.getByName(PROBE_ADDRESS))
                .build();
        boolean[] closed = new boolean[sockets.size()];

        assertThat(healthy(probe)).as("/healthz answers within 2 s").isTrue();
        assertThat(countOpen(closed))
                .as("stalled connections still open after that answer (more than the server has threads)")
                .isGreaterThan(250);

        // the server's timeouts are 5 and 8 s; the margin is for a loaded machine (the suite runs forks side by side),
        // and without the timeouts a stalled connection would stay open for ever
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int open;
        while ((open = countOpen(closed)) > 0) {
            assertThat(System.nanoTime())
                    .as("%d stalled connections are still open 60 s after they stalled", open)
                    .isLessThan(deadline);
            assertThat(healthy(probe)).as("/healthz answers within 2 s").isTrue();
        }
        assertThat(healthy(probe)).isTrue();
    }

    private boolean healthy(HttpClient probe) throws Exception {
        return probe.send(
                                HttpRequest.newBuilder(healthz())
                                        .timeout(Duration.ofSeconds(2))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode()
                == 200;
    }

    @Test
    void connections_beyond_the_limit_for_one_address_are_closed_as_they_open() throws Exception {
        start(new HttpLimits(Duration.ofSeconds(30), Duration.ofSeconds(60), 10, 100, Duration.ofSeconds(30)));
        for (int i = 0; i < 15; i++) {
            sockets.add(stall("127.0.0.21"));
        }

        boolean[] closed = new boolean[sockets.size()];
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (15 - countOpen(closed) < 5) {
            assertThat(System.nanoTime())
                    .as("connections over the limit of 10 are closed within 10 s")
                    .isLessThan(deadline);
        }
        assertThat(countOpen(closed)).as("the first 10 stay open").isEqualTo(10);
        HttpClient other = HttpClient.newBuilder()
                .localAddress(InetAddress.getByName(PROBE_ADDRESS))
                .build();
        assertThat(other.send(
                                HttpRequest.newBuilder(healthz())
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .as("another address is served")
                .isEqualTo(200);

        // once its connections close, the address is served again
        for (Socket s : sockets) {
            s.close();
        }
        HttpClient same = HttpClient.newBuilder()
                .localAddress(InetAddress.getByName("127.0.0.21"))
                .build();
        long again = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!answers(same)) {
            assertThat(System.nanoTime())
                    .as("127.0.0.21 is served again within 10 s of closing its connections")
                    .isLessThan(again);
        }
    }

    private boolean answers(HttpClient client) {
        try {
            return client.send(
                                    HttpRequest.newBuilder(healthz())
                                            .timeout(Duration.ofSeconds(2))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode()
                    == 200;
        } catch (IOException e) {
            return false; // closed as it opened: the server has not seen all the closes yet
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_body_trickled_byte_by_byte_is_cut_off_at_the_deadline() throws Exception {
        start(new HttpLimits(Duration.ofSeconds(1), Duration.ofSeconds(2), 100, 100, Duration.ofSeconds(1)));
        Socket socket = stall("127.0.0.31");
        sockets.add(socket);
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        try {
            // a byte every 300 ms: never idle for the 1 s idle timeout, so only the 2 s deadline stops it
            trickle.scheduleAtFixedRate(
                    () -> {
                        try {
                            socket.getOutputStream().write(' ');
                            socket.getOutputStream().flush();
                        } catch (IOException e) {
                            throw new IllegalStateException(e); // closed by the server: stop trickling
                        }
                    },
                    0,
                    300,
                    TimeUnit.MILLISECONDS);
            socket.setSoTimeout(15_000);
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);

            assertThat(answer).startsWith("HTTP/1.1 408");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        } finally {
            trickle.shutdownNow();
        }
    }

    URI healthz() {
        return URI.create("http://127.0.0.1:" + server.port() + "/healthz");
    }

    /** A connection from {@code local} that sends a webhook's headers and the first bytes of its body, then stops. */
    Socket stall(String local) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(local, 0));
        s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
        String head = "POST " + WebhookEndpoint.PATH + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\n"
                + "X-GitHub-Event: issue_comment\r\n"
                + "X-GitHub-Delivery: " + UUID.randomUUID() + "\r\n"
                + "X-Hub-Signature-256: sha256=" + "0".repeat(64) + "\r\n"
                + "Content-Length: 10000\r\n"
                + "\r\n"
                + "{\"action\": \"created\", \"comment\": {\"body\": \"";
        s.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** Looks at each connection not yet seen closed, without waiting on it more than a millisecond. */
    int countOpen(boolean[] closed) {
        int open = 0;
        for (int i = 0; i < sockets.size(); i++) {
            if (!closed[i]) {
                closed[i] = closedByServer(sockets.get(i));
                open += closed[i] ? 0 : 1;
            }
        }
        return open;
    }

    private static boolean closedByServer(Socket s) {
        try {
            s.setSoTimeout(1);
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[4096];
            while (true) {
                if (in.read(buffer) < 0) {
                    return true; // an answer (408, 503) may come first; the end of the stream is what counts
                }
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }
}
