package dev.clarity.benchmarks.gateway;

import dev.clarity.runner.api.ModelUsage;
import dev.clarity.runner.gateway.EnvironmentProviderKeys;
import dev.clarity.runner.gateway.GatewayStep;
import dev.clarity.runner.gateway.ModelGateway;
import dev.clarity.runner.sandbox.ListenHelper;
import dev.clarity.testkit.providers.ReportedUsage;
import dev.clarity.testkit.providers.ScriptedModelServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Prints p50 and p99 of a whole non-streamed Messages request and of the time to the first byte of a streamed one,
 * called on these paths: directly on the scripted model server; through a gateway step's loopback port; through
 * {@code socat} listening on TCP and forwarding to the step's unix socket (a sandbox's fallback); and through a
 * listening socket that {@code clarity-listen} made and handed over, on which the gateway accepts itself (a sandbox's
 * direct path, when a C compiler built the helper). The paths are called in turn, request by request, in a rotating
 * order, so that load from other processes on the machine falls on all of them alike. Goals: p99 added at most 2 ms
 * per request, at most 1 ms to the first byte. Then checks that the usage the gateway counted equals what the server
 * reported.
 *
 * <p>Run: {@code ./mvnw -o -q -Pbenchmarks -pl benchmarks -am package -DskipTests}, then {@code java -cp
 * benchmarks/target/benchmarks.jar dev.clarity.benchmarks.gateway.GatewayLoad [requests]} (default 3000 per path,
 * after 1000 warm-up requests on each). The socat path is left out when {@code /usr/bin/socat} is missing.
 */
public final class GatewayLoad {
    private static final String BODY = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":%s,"
            + "\"tools\":[{\"name\":\"Write\"}],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    private static final Path SOCAT = Path.of("/usr/bin/socat");

    private GatewayLoad() {}

    /** One way to the model server, and the key it is called with. */
    private record Route(String name, URI messages, String key, GatewayStep step) {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        Process socat = null;
        try (ScriptedModelServer models = ScriptedModelServer.start()) {
            ModelGateway gateway = new ModelGateway(
                    new EnvironmentProviderKeys(Map.of(
                            "ANTHROPIC_API_KEY",
                            "sk-ant-bench",
                            "ANTHROPIC_BASE_URL",
                            models.baseUrl().toString())),
                    Files.createTempDirectory("clarity-gw"),
                    ModelGateway.randomTokens(),
                    true);
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            // the handed-over socket gets a step of its own: once a step takes a handoff, its unix socket (socat's way
            // in) stops, as no forwarder runs in that sandbox
            try (GatewayStep step = gateway.open("bench", 0);
                    GatewayStep handedOver = gateway.open("bench-handed-over", 0)) {
                List<Route> routes = new ArrayList<>();
                routes.add(new Route("direct", URI.create(models.baseUrl() + "/v1/messages"), "direct", null));
                routes.add(new Route(
                        "gateway port",
                        URI.create("http://127.0.0.1:" + step.hostPort() + "/anthropic/v1/messages"),
                        step.token(),
                        step));
                if (Files.isExecutable(SOCAT)) {
                    int port = freePort();
                    socat = startSocat(port, step.socket());
                    routes.add(new Route(
                            "socat + unix socket",
                            URI.create("http://127.0.0.1:" + port + "/anthropic/v1/messages"),
                            step.token(),
                            step));
                }
                Optional<Path> helper = ListenHelper.binary();
                Optional<Path> handoff = handedOver.handoff();
                if (helper.isPresent() && handoff.isPresent()) {
                    int port = freePort();
                    handOver(helper.get(), handoff.get(), port);
                    routes.add(new Route(
                            "handed-over socket",
                            URI.create("http://127.0.0.1:" + port + "/anthropic/v1/messages"),
                            handedOver.token(),
                            handedOver));
                }
                int before = models.reported().size();
                List<GatewayStep> throughGateway = new ArrayList<>();
                for (boolean stream : new boolean[] {false, true}) {
                    measure(client, routes, 1000, stream, throughGateway);
                }
                long[][] whole = measure(client, routes, requests, false, throughGateway);
                long[][] first = measure(client, routes, requests, true, throughGateway);
                print("whole request", routes, whole, 2.0);
                print("first streamed byte", routes, first, 1.0);
                checkUsage(
                        models.reported().subList(before, models.reported().size()),
                        throughGateway,
                        List.of(step, handedOver));
            }
        } finally {
            if (socat != null) {
                socat.destroy();
                socat.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Nanoseconds per request and route, sorted: to the whole answer, or to its first byte when {@code stream}. Each
     * round calls every route once, starting with a different one each round.
     */
    private static long[][] measure(HttpClient client, List<Route> routes, int n, boolean stream, List<GatewayStep> log)
            throws Exception {
        long[][] took = new long[routes.size()][n];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < routes.size(); k++) {
                int r = (i + k) % routes.size();
                took[r][i] = once(client, routes.get(r), stream);
                log.add(routes.get(r).step());
            }
        }
        for (long[] route : took) {
            Arrays.sort(route);
        }
        return took;
    }

    private static long once(HttpClient client, Route route, boolean stream) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(route.messages())
                .header("x-api-key", route.key())
                .header("anthropic-version", "2023-06-01")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY.formatted(stream)))
                .build();
        long start = System.nanoTime();
        long took;
        HttpResponse<InputStream> answer = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = answer.body()) {
            if (stream) {
                if (in.read() < 0) {
                    throw new IllegalStateException("an empty answer from " + route.name());
                }
                took = System.nanoTime() - start;
                in.readAllBytes();
            } else {
                in.readAllBytes();
                took = System.nanoTime() - start;
            }
        }
        if (answer.statusCode() != 200) {
            throw new IllegalStateException(route.name() + " answered " + answer.statusCode());
        }
        return took;
    }

    /** Each step's counted usage against what the server reported for the requests sent through it, in order. */
    private static void checkUsage(List<ReportedUsage> reported, List<GatewayStep> through, List<GatewayStep> steps) {
        if (reported.size() != through.size()) {
            throw new IllegalStateException(
                    "the server reported " + reported.size() + " answers for " + through.size() + " requests");
        }
        boolean exact = true;
        long requests = 0;
        long input = 0;
        long output = 0;
        for (GatewayStep step : steps) {
            List<ModelUsage> expected = new ArrayList<>();
            for (int i = 0; i < reported.size(); i++) {
                if (through.get(i) == step) {
                    ReportedUsage r = reported.get(i);
                    expected.add(new ModelUsage("anthropic", r.model(), r.inputTokens(), r.outputTokens()));
                }
            }
            List<ModelUsage> counted = step.usage();
            exact &= expected.equals(counted);
            requests += counted.size();
            input += counted.stream().mapToLong(ModelUsage::inputTokens).sum();
            output += counted.stream().mapToLong(ModelUsage::outputTokens).sum();
        }
        System.out.printf(
                "usage accounting: %d requests counted, %d input and %d output tokens, exact against the"
                        + " server's reported usage: %s%n",
                requests, input, output, exact);
    }

    private static void print(String what, List<Route> routes, long[][] took, double goalMs) {
        double p50d = ms(took[0], 0.50);
        double p90d = ms(took[0], 0.90);
        double p99d = ms(took[0], 0.99);
        System.out.printf("%s: direct p50 %.3f ms p90 %.3f ms p99 %.3f ms%n", what, p50d, p90d, p99d);
        for (int r = 1; r < routes.size(); r++) {
            double p50 = ms(took[r], 0.50);
            double p90 = ms(took[r], 0.90);
            double p99 = ms(took[r], 0.99);
            System.out.printf(
                    "  %s: p50 %.3f ms p90 %.3f ms p99 %.3f ms | added p50 %.3f ms p90 %.3f ms p99 %.3f ms"
                            + " (goal <= %.1f ms): %s%n",
                    routes.get(r).name(),
                    p50,
                    p90,
                    p99,
                    p50 - p50d,
                    p90 - p90d,
                    p99 - p99d,
                    goalMs,
                    p99 - p99d <= goalMs ? "met" : "MISSED");
        }
    }

    private static double ms(long[] sorted, double quantile) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    /**
     * The direct path as a sandbox opens it: clarity-listen listens on {@code port} and hands the socket to the
     * gateway, then ends; the gateway accepts on it itself (here on the host's loopback, in a sandbox on its own).
     */
    private static void handOver(Path helper, Path handoff, int port) throws Exception {
        Process listen = new ProcessBuilder(helper.toString(), handoff.toString(), Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        String output = new String(listen.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!listen.waitFor(20, TimeUnit.SECONDS) || listen.exitValue() != 0) {
            throw new IllegalStateException("clarity-listen failed: " + output);
        }
    }

    /** socat as the sandbox starts it (GatewayForwarder), waiting until its port accepts connections. */
    private static Process startSocat(int port, Path socket) throws Exception {
        Process socat = new ProcessBuilder(
                        SOCAT.toString(),
                        "-t",
                        "3600",
                        "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork,nodelay",
                        "UNIX-CONNECT:" + socket)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket probe = new Socket("127.0.0.1", port)) {
                return socat;
            } catch (IOException notYet) {
                if (!socat.isAlive()) {
                    throw new IllegalStateException("socat ended with " + socat.exitValue());
                }
                Thread.onSpinWait();
            }
        }
        socat.destroy();
        throw new IllegalStateException("socat did not listen on " + port + " within 10 s");
    }
}
