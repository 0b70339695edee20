package dev.clarity.runner.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.runner.local.LocalRunner;
import dev.clarity.runner.policy.CommandPolicy;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.BubblewrapProbe;
import dev.clarity.runner.sandbox.OutputLimits;
import dev.clarity.runner.sandbox.ProcessSandbox;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Slow and oversized clients of the runner's HTTP API are cut off, and the server keeps answering the others. */
class ServerLimitsTest {
    private static final String TOKEN = "runner-token-limits-0123456789";

    @TempDir
    Path root;

    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    private RunnerHttpServer server;

    @AfterEach
    void stop() {
        trickle.shutdownNow();
        if (server != null) {
            server.close();
        }
        executor.shutdownNow();
    }

    private void start(ServerLimits limits) {
        var sandbox = new ProcessSandbox(
                BubblewrapProbe.find(System.getenv("PATH")), executor, InstantSource.system(), OutputLimits.DEFAULT);
        var runner = new LocalRunner(
                root,
                sandbox,
                CommandPolicy.defaults(),
                Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp"),
                Redactor.builtIn(),
                InstantSource.system(),
                executor,
                1);
        server = RunnerHttpServer.start(
                runner, TOKEN, "127.0.0.1", 0, new ObjectMapper().findAndRegisterModules(), limits);
    }

    @Test
    void headers_sent_byte_by_byte_are_cut_off_at_the_header_deadline_though_the_connection_is_never_idle()
            throws Exception {
        // idle after 5 s, but a byte comes every 200 ms: only the 1 s header deadline can stop this client
        start(new ServerLimits(Duration.ofSeconds(5), Duration.ofSeconds(1), 1 << 20));
        Socket socket = new Socket("127.0.0.1", server.port());
        byte[] request = ("POST /verify HTTP/1.1\r\nHost: runner\r\nAuthorization: Bearer " + TOKEN + "\r\nX-Padding: "
                        + "a".repeat(400) + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        AtomicInteger sent = new AtomicInteger();
        long started = System.nanoTime();
        trickle.scheduleAtFixedRate(
                () -> {
                    int i = sent.get();
                    if (i >= request.length) {
                        return;
                    }
                    try {
                        OutputStream out = socket.getOutputStream();
                        out.write(request[i]);
                        out.flush();
                        sent.incrementAndGet();
                    } catch (IOException e) {
                        throw new IllegalStateException(e); // closed by the server: stop trickling
                    }
                },
                0,
                200,
                TimeUnit.MILLISECONDS);

        socket.setSoTimeout(20_000);
        boolean closed = closedByServer(socket.getInputStream());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(closed)
                .as("the server closed the connection (read timed out after 20 s)")
                .isTrue();
        assertThat(sent.get())
                .as("the headers were cut off before they were all sent (%s after they began)", took)
                .isLessThan(request.length);
        assertThat(took).as("within two header deadlines plus a margin").isLessThan(Duration.ofSeconds(10));
        assertThat(healthz()).isEqualTo(200);
    }

    @Test
    void a_body_over_the_limit_is_refused_with_413_and_a_sentence_naming_both_sizes() throws Exception {
        start(new ServerLimits(Duration.ofSeconds(30), Duration.ofSeconds(10), 64 * 1024));
        HttpClient http = HttpClient.newHttpClient();
        String huge = "{\"workspaceId\":\"" + "w".repeat(200_000) + "\"}";
        HttpResponse<String> refused = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/workspace"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(huge))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.body())
                .contains("\"error\"", "the request body is " + huge.length() + " bytes", "at most 65536");

        HttpResponse<String> small = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/workspace"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString("{\"workspaceId\":\"ws-small\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(small.statusCode()).as(small.body()).isEqualTo(200);
    }

    @Test
    void a_chunked_body_that_passes_the_limit_is_refused_without_being_kept() throws Exception {
        start(new ServerLimits(Duration.ofSeconds(30), Duration.ofSeconds(10), 64 * 1024));
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /workspace HTTP/1.1\r\nHost: runner\r\nAuthorization: Bearer " + TOKEN
                            + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = ("8000\r\n" + "w".repeat(0x8000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                for (int i = 0; i < 8; i++) { // 256 KiB, four times the limit
                    out.write(chunk);
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                // the server may close the connection before the whole body is written
            }
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 413");
        } catch (IOException e) {
            assertThat(e).as("only a reset by the server may end this request").hasMessageContaining("reset");
        }
        assertThat(healthz()).isEqualTo(200);
    }

    /** True when the server closed the stream (end of stream or reset), false on the read timeout. */
    private static boolean closedByServer(InputStream in) throws IOException {
        try {
            while (in.read() != -1) {
                // whatever the server answers before closing (a 408 or 400) is read and dropped
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private int healthz() throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/healthz"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }
}
