package dev.clarity.runner.checks;

import dev.clarity.runner.api.CriterionSpec;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code http} check: sends {@code n} requests one after another (arguments in {@link HttpArguments}) and
 * passes when none failed (no answer, or a status of 400 or more) and the target percentile is below its bound.
 * Each request may take {@link #REQUEST_TIMEOUT}; the whole check stops at the step timeout of its context and fails
 * with what it measured so far. Thread-safe.
 */
final class HttpCheck {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;

    HttpCheck(HttpClient http) {
        this.http = http;
    }

    CheckResult run(CriterionSpec criterion, CheckContext context) {
        String key = criterion.key();
        HttpArguments args;
        switch (HttpArguments.parse(
                criterion.args(), criterion.target(), context.environment().get("CLARITY_APP_URL"))) {
            case HttpArguments.Parsed.Invalid invalid -> {
                return CheckResult.fail(key, invalid.reason(), null, null);
            }
            case HttpArguments.Parsed.Valid valid -> args = valid.arguments();
        }
        String url = args.uri().toString();
        long deadline = System.nanoTime() + context.timeout().toNanos();
        long[] millis = new long[args.n()];
        int sent = 0;
        int failures = 0;
        List<String> log = new ArrayList<>();
        for (; sent < args.n(); sent++) {
            long start = System.nanoTime();
            long left = deadline - start;
            if (left <= 0) {
                break;
            }
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(args.uri())
                                .method(args.method(), HttpRequest.BodyPublishers.noBody())
                                .timeout(Duration.ofNanos(Math.min(left, REQUEST_TIMEOUT.toNanos())))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() >= 400) {
                    failures++;
                }
                log.add(args.method() + " " + url + " -> " + response.statusCode());
            } catch (IOException e) {
                failures++;
                log.add(args.method() + " " + url + " -> " + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CheckResult.fail(key, "interrupted", null, null);
            }
            millis[sent] = (System.nanoTime() - start) / 1_000_000;
        }
        long[] measured = Arrays.copyOf(millis, sent);
        Arrays.sort(measured);
        long p50 = percentile(measured, 50), p95 = percentile(measured, 95), p99 = percentile(measured, 99);
        String figures = String.format(
                Locale.ROOT,
                "%d × %s %s: p50=%dms p95=%dms p99=%dms, %d failed",
                sent,
                args.method(),
                url,
                p50,
                p95,
                p99,
                failures);
        log.add(figures);
        String evidence = context.artifacts()
                .write(
                        "checks/" + CriterionChecks.fileName(key) + ".log",
                        context.redactor().redact(String.join("\n", log)) + "\n");
        if (sent < args.n()) {
            return CheckResult.fail(
                    key,
                    figures + "; stopped at the step timeout of "
                            + context.timeout().toSeconds() + " s after " + sent + " of " + args.n() + " requests",
                    null,
                    evidence);
        }
        if (failures > 0) {
            return CheckResult.fail(key, figures, null, evidence);
        }
        if (args.target().isPresent()) {
            HttpArguments.LatencyTarget target = args.target().get();
            long value = switch (target.percentile()) {
                case 50 -> p50;
                case 95 -> p95;
                default -> p99;
            };
            if (value >= target.millis()) {
                return CheckResult.fail(key, figures + " (target " + criterion.target() + ")", null, evidence);
            }
        }
        return CheckResult.pass(key, figures, evidence);
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
