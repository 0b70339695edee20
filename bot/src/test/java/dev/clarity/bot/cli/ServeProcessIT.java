package dev.clarity.bot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a user runs it: {@code serve} becomes ready, a second process on the same data directory is
 * refused with one line, and SIGTERM stops it within 10 s with no PostgreSQL left behind.
 */
class ServeProcessIT {
    private static final Path JAR = Path.of("target", "clarity.jar").toAbsolutePath();

    @Test
    void serve_starts_refuses_a_second_owner_and_stops_cleanly_on_sigterm(@TempDir Path dataDir) throws Exception {
        int port = freePort();
        Process serve = start(dataDir, port, "serve");
        try {
            awaitHealthy(port, serve);
            long postmaster = postmasterPid(dataDir);
            assertThat(ProcessHandle.of(postmaster))
                    .hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());

            Process second = start(dataDir, freePort(), "serve");
            assertThat(second.waitFor(60, TimeUnit.SECONDS)).isTrue();
            String err = new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(second.exitValue()).isEqualTo(ExitCodes.BAD_INPUT);
            assertThat(err).contains("is in use by another Clarity process").doesNotContain("Exception");

            serve.destroy(); // SIGTERM
            assertThat(serve.waitFor(10, TimeUnit.SECONDS))
                    .as("stopped within 10 s")
                    .isTrue();
            assertThat(running(postmaster)).as("PostgreSQL left running").isFalse();
        } finally {
            serve.destroyForcibly();
        }
    }

    @Test
    void migrate_prints_the_schema_version(@TempDir Path dataDir) throws Exception {
        Process migrate = start(dataDir, freePort(), "migrate");
        assertThat(migrate.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(migrate.exitValue()).isZero();
        assertThat(new String(migrate.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .matches("schema version \\d+\\s*");
    }

    private static Process start(Path dataDir, int port, String command) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-jar", JAR.toString(), command));
        pb.environment().keySet().removeIf(k -> k.startsWith("CLARITY_") || k.startsWith("GITHUB_"));
        pb.environment().put("CLARITY_DATA_DIR", dataDir.toString());
        pb.environment().put("CLARITY_PORT", Integer.toString(port));
        pb.redirectOutput(ProcessBuilder.Redirect.PIPE);
        return pb.start();
    }

    private static void awaitHealthy(int port, Process serve) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(serve.isAlive()).as("serve exited early").isTrue();
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the server is still starting: poll again (each try waits up to the connect timeout)
            }
            // waits on the process itself: returns at once if serve dies, else retries the health check
            serve.waitFor(200, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("serve did not become healthy within 90 s");
    }

    /** Alive and not a zombie (an exited child that a minimal container's PID 1 has not reaped yet). */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (!Files.exists(stat)) {
            return false;
        }
        String s = Files.readString(stat);
        return !s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
    }

    private static long postmasterPid(Path dataDir) throws IOException {
        return Long.parseLong(Files.readAllLines(dataDir.resolve("postgres/postmaster.pid"))
                .getFirst()
                .trim());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
