package dev.clarity.bot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clarity.bot.app.Json;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hard limit behind the body deadline: a request with a body whose handling never completes (here a handler that
 * hands its answer to a future nobody completes: no thread, nothing read or written) is failed and its connection
 * closed once the limit passes, where before the connection stayed open for ever.
 */
class BodyHardLimitTest {
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_request_with_a_body_that_is_never_answered_has_its_connection_closed_after_the_hard_limit()
            throws Exception {
        HttpLimits limits =
                new HttpLimits(Duration.ofSeconds(1), Duration.ofSeconds(1), 100, 100, Duration.ofSeconds(1));
        server = new HttpServer(
                        "127.0.0.1",
                        0,
                        new PrometheusMeterRegistry(PrometheusConfig.DEFAULT),
                        new HealthSource() {
                            @Override
                            public boolean databaseReachable() {
                                return true;
                            }

                            @Override
                            public String schemaVersion() {
                                return "test";
                            }
                        },
                        InstantSource.system(),
                        List.of(c -> c.routes.post("/never", ctx -> ctx.future(CompletableFuture::new))),
                        Json.mapper(),
                        limits)
                .start();
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", server.port()), 5_000);
            s.getOutputStream()
                    .write(("POST /never HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                                    + "Content-Length: 2\r\n\r\nhi")
                            .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            long started = System.nanoTime();
            s.setSoTimeout(15_000);

            String answer = readToEnd(s.getInputStream());

            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("closed by the server (answer: %s)", answer)
                    .isLessThan(Duration.ofSeconds(10))
                    .isGreaterThanOrEqualTo(limits.hardLimit().minusMillis(500));
            assertThat(answer).doesNotStartWith("HTTP/1.1 200");
        }
    }

    /** What the server sent until it closed the connection; fails the test if it is still open after 15 s. */
    private static String readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                got.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection was still open 15 s later (got: " + got + ")");
        } catch (IOException e) {
            // reset by the server: closed as well
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }
}
