package dev.clarity.benchmarks.kit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * Times GET requests one at a time (one client, after {@code warmup} untimed requests) and prints a table row per
 * endpoint with p50/p95/p99, flagging a p95 at or over the target. Any answer but 200 stops the run: a benchmark of
 * error pages measures nothing.
 */
public final class LatencySampler {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final int warmup;
    private final int samples;
    private final double targetMs;

    public LatencySampler(String base, int warmup, int samples, double targetMs) {
        this.base = base;
        this.warmup = warmup;
        this.samples = samples;
        this.targetMs = targetMs;
    }

    /** Prints the header of a table of endpoints. */
    public void header(String title) {
        System.out.printf("%-52s %8s %8s %8s%n", title, "p50 ms", "p95 ms", "p99 ms");
    }

    /** Times {@code path} with a bearer token and prints its row. */
    public Latency measure(String name, String path, String token) throws IOException, InterruptedException {
        Latency l = sample(path, token);
        print(name, l);
        return l;
    }

    /** Requests {@code path} as {@link #measure} does, printing nothing: a warm-up pass. */
    public void warm(String path, String token) throws IOException, InterruptedException {
        sample(path, token);
    }

    private Latency sample(String path, String token) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        double[] ms = new double[samples];
        for (int i = 0; i < warmup + samples; i++) {
            long t = System.nanoTime();
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            double elapsed = (System.nanoTime() - t) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode() + ": " + new String(r.body()));
            }
            if (i >= warmup) {
                ms[i - warmup] = elapsed;
            }
        }
        Arrays.sort(ms);
        return Latency.of(ms);
    }

    /** Prints a row for figures measured elsewhere (e.g. a call timed in-process). */
    public void print(String name, Latency l) {
        System.out.printf(
                "%-52s %8.2f %8.2f %8.2f%s%n",
                name, l.p50(), l.p95(), l.p99(), l.p95() < targetMs ? "" : "   <-- over " + (int) targetMs + " ms");
    }

    /** Percentiles of samples taken elsewhere (unsorted is fine). */
    public static Latency of(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return Latency.of(sorted);
    }
}
