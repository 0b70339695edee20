package dev.clarity.benchmarks.webhook;

import static dev.clarity.migrations.jooq.Tables.WEBHOOK_DELIVERIES;

import dev.clarity.bot.app.ClarityServer;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.webhook.WebhookSignature;
import dev.clarity.testkit.github.Fixtures;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts Clarity's server as {@code serve} does (embedded PostgreSQL, GitHub App settings complete), then runs
 * {@code wrk} with {@code load/webhook.lua}: signed {@code issue_comment.created} deliveries, each with a unique
 * delivery id, at 16 and 64 connections. Prints requests/s, p50, p99, errors and the server's resident memory, and
 * checks afterwards that every delivery answered 2xx was stored. Usage (from the repository root):
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.clarity.benchmarks.webhook.WebhookLoad [seconds]</pre>
 */
public final class WebhookLoad {
    private static final Pattern RESULT = Pattern.compile("WRK_RESULT (.*)");
    private static final String SECRET = "benchmark-secret";

    private WebhookLoad() {}

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        Path script = Path.of("benchmarks/load/webhook.lua").toAbsolutePath();
        Path dir = Files.createTempDirectory("clarity-webhook-load");
        Path payload = dir.resolve("issue_comment.created.json");
        byte[] body = Fixtures.webhook("issue_comment.created.json");
        Files.write(payload, body);
        String signature = new WebhookSignature(SECRET).sign(body);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put(EnvironmentConfig.DATA_DIR, dir.resolve("data").toString());
        env.put(EnvironmentConfig.PORT, Integer.toString(port));
        env.put(EnvironmentConfig.APP_ID, "1");
        env.put(EnvironmentConfig.PRIVATE_KEY, pem());
        env.put(EnvironmentConfig.WEBHOOK_SECRET, SECRET);
        env.put(EnvironmentConfig.API_URL, "http://127.0.0.1:9");
        try (ClarityServer server =
                ClarityServer.start(EnvironmentConfig.load(env, dir), "127.0.0.1", InstantSource.system())) {
            String url = "http://127.0.0.1:" + server.port() + "/webhooks/github";
            probe(server, url, body, signature);
            long ok = 0;
            ok += wrk(script, url, payload, signature, 16, 5, "warm-up");
            ok += wrk(script, url, payload, signature, 16, seconds, "16 connections");
            ok += wrk(script, url, payload, signature, 64, seconds, "64 connections");
            var db = server.database().dsl();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (db.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.OUTCOME.eq("accepted")) > 0
                    && Instant.now().isBefore(deadline)) {
                Thread.onSpinWait();
            }
            int stored = db.fetchCount(WEBHOOK_DELIVERIES);
            int processed = db.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.OUTCOME.eq("processed"));
            int ignored = db.fetchCount(WEBHOOK_DELIVERIES, WEBHOOK_DELIVERIES.OUTCOME.eq("ignored"));
            // stored may exceed the 2xx count: wrk gives up on slow answers (timeout_err) whose deliveries were stored
            System.out.printf(
                    "deliveries answered 2xx=%d stored=%d processed=%d ignored=%d lost=%d load=%s%n",
                    ok,
                    stored,
                    processed,
                    ignored,
                    Math.max(0, ok - stored),
                    Files.readString(Path.of("/proc/loadavg")).strip());
        }
    }

    /**
     * One request at a time, to tell the cost of a delivery from the cost of contention: mean time of 100
     * sequential deliveries, and of 100 bare durable inserts into the same table.
     */
    private static void probe(ClarityServer server, String url, byte[] body, String signature) throws Exception {
        // one write per request on a kept-alive socket, as wrk sends it (a client that writes headers and body
        // separately measures TCP delayed acknowledgement instead of the server)
        var uri = java.net.URI.create(url);
        long start;
        try (var socket = new java.net.Socket(uri.getHost(), uri.getPort())) {
            socket.setTcpNoDelay(true);
            var in = new java.io.BufferedInputStream(socket.getInputStream());
            var out = socket.getOutputStream();
            start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                String head = "POST " + uri.getPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                        + "Content-Type: application/json\r\nX-GitHub-Event: issue_comment\r\n"
                        + "X-GitHub-Delivery: " + java.util.UUID.randomUUID() + "\r\nX-Hub-Signature-256: " + signature
                        + "\r\n"
                        + "Content-Length: " + body.length + "\r\n\r\n";
                byte[] h = head.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
                byte[] request = java.util.Arrays.copyOf(h, h.length + body.length);
                System.arraycopy(body, 0, request, h.length, body.length);
                out.write(request);
                out.flush();
                readResponse(in);
            }
        }
        double perRequest = (System.nanoTime() - start) / 100 / 1e6;
        var db = server.database().dsl();
        start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            db.insertInto(WEBHOOK_DELIVERIES)
                    .set(WEBHOOK_DELIVERIES.DELIVERY_ID, "probe-insert-" + i)
                    .set(WEBHOOK_DELIVERIES.EVENT, "probe")
                    .execute();
        }
        double perInsert = (System.nanoTime() - start) / 100 / 1e6;
        db.deleteFrom(WEBHOOK_DELIVERIES)
                .where(WEBHOOK_DELIVERIES.EVENT.eq("probe"))
                .execute();
        System.out.printf("sequential: %.2f ms per delivery, %.2f ms per durable insert%n", perRequest, perInsert);
    }

    /** Reads one HTTP/1.1 response with a Content-Length (what the endpoint sends). */
    private static void readResponse(java.io.InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        int length = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new IOException("connection closed");
            }
            if (c == '\n') {
                String l = line.toString().strip();
                if (l.isEmpty()) {
                    break;
                }
                if (l.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                    length = Integer.parseInt(l.substring(15).strip());
                }
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        in.readNBytes(length);
    }

    /** Runs wrk once, prints its figures and the server's RSS, returns the number of 2xx answers. */
    private static long wrk(
            Path script, String url, Path payload, String signature, int connections, int seconds, String label)
            throws IOException, InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        Process p = new ProcessBuilder(
                        "wrk",
                        "-t2",
                        "-c" + connections,
                        "-d" + seconds + "s",
                        "--latency",
                        "-s",
                        script.toString(),
                        url,
                        "--",
                        payload.toString(),
                        signature,
                        "issue_comment")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        long cpuNanos = os.getProcessCpuTime() - cpuBefore;
        Matcher m = RESULT.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk printed no WRK_RESULT line:\n" + out);
        }
        Map<String, String> r = new LinkedHashMap<>();
        for (String kv : m.group(1).trim().split("\\s+")) {
            String[] parts = kv.split("=", 2);
            r.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        long requests = Long.parseLong(r.get("requests"));
        long non2xx = Long.parseLong(r.get("non2xx"));
        long errors = non2xx
                + Long.parseLong(r.getOrDefault("connect_err", "0"))
                + Long.parseLong(r.getOrDefault("read_err", "0"))
                + Long.parseLong(r.getOrDefault("write_err", "0"))
                + Long.parseLong(r.getOrDefault("timeout_err", "0"));
        System.out.printf(
                "%-15s req/s=%s p50=%.1f ms p99=%.1f ms requests=%d errors=%d rss=%d MB server-cpu=%.2f ms/request%n",
                label,
                r.get("rps"),
                Long.parseLong(r.get("p50_us")) / 1000.0,
                Long.parseLong(r.get("p99_us")) / 1000.0,
                requests,
                errors,
                rssMb(),
                requests == 0 ? 0.0 : cpuNanos / 1e6 / requests);
        System.out.println("  " + m.group(0));
        return requests - non2xx;
    }

    private static long rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private static String pem() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes())
                        .encodeToString(g.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }
}
