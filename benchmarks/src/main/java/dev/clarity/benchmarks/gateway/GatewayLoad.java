package dev.clarity.benchmarks.gateway;

import dev.clarity.runner.api.ModelUsage;
import dev.clarity.runner.gateway.EnvironmentProviderKeys;
import dev.clarity.runner.gateway.GatewayStep;
import dev.clarity.runner.gateway.ModelGateway;
import dev.clarity.testkit.providers.ReportedUsage;
import dev.clarity.testkit.providers.ScriptedModelServer;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Prints p50 and p99 of a whole non-streamed Messages request and of the time to the first byte of a streamed one,
 * each called directly on the scripted model server and through a gateway step (its loopback port, as the forwarder
 * in a sandbox reaches it through the step's unix socket), and the difference. Goals: p99 added at most 2 ms per
 * request, at most 1 ms to the first byte. Then checks that the usage the gateway counted equals what the server
 * reported. Arguments: {@code [requests]} (default 3000, after 1000 warm-up requests on each side).
 */
public final class GatewayLoad {
    private static final String BODY = "{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":64,\"stream\":%s,"
            + "\"tools\":[{\"name\":\"Write\"}],\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    private GatewayLoad() {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        try (ScriptedModelServer models = ScriptedModelServer.start()) {
            ModelGateway gateway = new ModelGateway(
                    new EnvironmentProviderKeys(Map.of(
                            "ANTHROPIC_API_KEY",
                            "sk-ant-bench",
                            "ANTHROPIC_BASE_URL",
                            models.baseUrl().toString())),
                    ModelGateway.upstreamClient(executor),
                    executor,
                    Files.createTempDirectory("clarity-gw"),
                    ModelGateway.randomTokens());
            HttpClient client =
                    HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            try (GatewayStep step = gateway.open("bench", 0)) {
                URI direct = URI.create(models.baseUrl() + "/v1/messages");
                URI through = URI.create("http://127.0.0.1:" + step.hostPort() + "/anthropic/v1/messages");
                int before = models.reported().size();
                measure(client, direct, "", 1000, false);
                measure(client, through, step.token(), 1000, false);
                measure(client, direct, "", 1000, true);
                measure(client, through, step.token(), 1000, true);

                long[] wholeDirect = measure(client, direct, "", requests, false);
                long[] wholeGateway = measure(client, through, step.token(), requests, false);
                long[] firstDirect = measure(client, direct, "", requests, true);
                long[] firstGateway = measure(client, through, step.token(), requests, true);
                print("whole request", wholeDirect, wholeGateway, 2.0);
                print("first streamed byte", firstDirect, firstGateway, 1.0);

                var reported = models.reported();
                var throughGateway = new java.util.ArrayList<ReportedUsage>();
                // direct and gateway rounds alternate in blocks; the gateway's are the 2nd, 4th, 6th and 8th blocks
                int[] sizes = {1000, 1000, 1000, 1000, requests, requests, requests, requests};
                int at = before;
                for (int i = 0; i < sizes.length; i++) {
                    if (i % 2 == 1) {
                        throughGateway.addAll(reported.subList(at, at + sizes[i]));
                    }
                    at += sizes[i];
                }
                var expected = throughGateway.stream()
                        .map(r -> new ModelUsage("anthropic", r.model(), r.inputTokens(), r.outputTokens()))
                        .toList();
                boolean exact = expected.equals(step.usage());
                long input =
                        step.usage().stream().mapToLong(ModelUsage::inputTokens).sum();
                long output = step.usage().stream()
                        .mapToLong(ModelUsage::outputTokens)
                        .sum();
                System.out.printf(
                        "usage accounting: %d requests counted, %d input and %d output tokens, exact against the"
                                + " server's reported usage: %s%n",
                        step.usage().size(), input, output, exact);
            }
        } finally {
            executor.shutdownNow();
        }
    }

    /** Nanoseconds per request: to the whole answer, or to its first byte when {@code stream}. */
    private static long[] measure(HttpClient client, URI uri, String key, int n, boolean stream) throws Exception {
        long[] took = new long[n];
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("x-api-key", key.isEmpty() ? "direct" : key)
                .header("anthropic-version", "2023-06-01")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(BODY.formatted(stream)))
                .build();
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            HttpResponse<InputStream> answer = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = answer.body()) {
                if (stream) {
                    if (in.read() < 0) {
                        throw new IllegalStateException("an empty answer from " + uri);
                    }
                    took[i] = System.nanoTime() - start;
                    in.readAllBytes();
                } else {
                    in.readAllBytes();
                    took[i] = System.nanoTime() - start;
                }
            }
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + answer.statusCode());
            }
        }
        Arrays.sort(took);
        return took;
    }

    private static void print(String what, long[] direct, long[] gateway, double goalMs) {
        double p50d = ms(direct, 0.50);
        double p99d = ms(direct, 0.99);
        double p50g = ms(gateway, 0.50);
        double p99g = ms(gateway, 0.99);
        System.out.printf(
                "%s: direct p50 %.3f ms p99 %.3f ms | gateway p50 %.3f ms p99 %.3f ms | added p50 %.3f ms p99 %.3f"
                        + " ms (goal <= %.1f ms): %s%n",
                what,
                p50d,
                p99d,
                p50g,
                p99g,
                p50g - p50d,
                p99g - p99d,
                goalMs,
                p99g - p99d <= goalMs ? "met" : "MISSED");
    }

    private static double ms(long[] sorted, double quantile) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1_000_000.0;
    }
}
