package dev.clarity.runner.checks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The arguments of an {@code http} criterion, checked before any request is sent: args {@code [METHOD] URL [n=N]}
 * and an optional target {@code pP<Tms}. {@link #parse} names the first bad argument and its allowed range in a
 * sentence; it never throws.
 *
 * @param method GET (the default), HEAD, POST, PUT, PATCH, DELETE or OPTIONS; sent without a body
 * @param uri an http or https URL on {@code localhost} or a loopback IP literal; a path like {@code /api} is resolved against
 *     {@code CLARITY_APP_URL} of the check's environment (default {@value #DEFAULT_APP_URL})
 * @param n how many requests are sent one after another, 1 to {@value #MAX_REQUESTS} (default {@value #DEFAULT_N})
 * @param target the latency the percentile must stay below, if any
 */
record HttpArguments(String method, URI uri, int n, Optional<LatencyTarget> target) {
    static final int DEFAULT_N = 20;
    static final int MAX_REQUESTS = 10_000;
    static final long MAX_TARGET_MILLIS = 600_000;
    static final String DEFAULT_APP_URL = "http://127.0.0.1:8080";
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");

    private static final String SHAPE = "the http check takes [METHOD] URL [n=N]";
    private static final Pattern COUNT = Pattern.compile("\\d{1,9}");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}+(?:\\.\\d{1,3}+){3}");
    private static final Pattern LATENCY = Pattern.compile("\\s*+p(50|95|99)\\s*+<\\s*+(\\d{1,9})\\s*+ms\\s*+");

    /** The {@code percentile} (50, 95 or 99) of the latencies must be below {@code millis}. */
    record LatencyTarget(int percentile, long millis) {}

    /** The arguments, or why they are refused. */
    sealed interface Parsed {
        record Valid(HttpArguments arguments) implements Parsed {}

        record Invalid(String reason) implements Parsed {}
    }

    static Parsed parse(List<String> args, String target, String appUrl) {
        Integer n = null;
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("n=")) {
                if (n != null) {
                    return invalid("n is given twice; " + SHAPE);
                }
                String value = arg.substring(2);
                n = COUNT.matcher(value).matches() ? Integer.parseInt(value) : -1;
                if (n < 1 || n > MAX_REQUESTS) {
                    return invalid("n must be a whole number from 1 to " + MAX_REQUESTS + ", got " + quote(value));
                }
            } else {
                words.add(arg);
            }
        }
        if (words.isEmpty() || words.size() > 2) {
            return invalid(SHAPE + ", got " + words.size() + " words besides n=");
        }
        String method = words.size() == 2 ? words.get(0).toUpperCase(Locale.ROOT) : "GET";
        if (!METHODS.contains(method)) {
            return invalid("the method must be one of " + String.join(", ", METHODS) + ", got " + quote(words.get(0)));
        }
        String url = words.get(words.size() - 1);
        if (url.startsWith("/")) {
            url = (appUrl == null || appUrl.isBlank() ? DEFAULT_APP_URL : appUrl.strip()) + url;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return invalid("not a URL: " + quote(url));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return invalid("the URL must start with http:// or https://, got " + quote(url));
        }
        if (!loopback(uri.getHost())) {
            return invalid("http checks may only call loopback addresses, not " + url);
        }
        Optional<LatencyTarget> latency = Optional.empty();
        if (target != null && !target.isBlank()) {
            Matcher m = LATENCY.matcher(target);
            long millis = m.matches() ? Long.parseLong(m.group(2)) : -1;
            if (millis < 1 || millis > MAX_TARGET_MILLIS) {
                return invalid("target " + quote(target) + " is not like p95<200ms (p50, p95 or p99 below 1 to "
                        + MAX_TARGET_MILLIS + " ms)");
            }
            latency = Optional.of(new LatencyTarget(Integer.parseInt(m.group(1)), millis));
        }
        return new Parsed.Valid(new HttpArguments(method, uri, n == null ? DEFAULT_N : n, latency));
    }

    private static Parsed invalid(String reason) {
        return new Parsed.Invalid(reason);
    }

    /** Quoted and cut short: the value comes from a task list and ends up in a check run. */
    private static String quote(String value) {
        return "\"" + (value.length() > 80 ? value.substring(0, 80) + "…" : value) + "\"";
    }

    /**
     * {@code localhost} or a loopback IP literal ({@code 127.0.0.1}, {@code [::1]}). Other names are refused rather
     * than resolved: a name that resolves to loopback now could resolve elsewhere when the request is sent.
     */
    private static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!IPV4.matcher(host).matches() && !(host.startsWith("[") && host.endsWith("]"))) {
            return false;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress(); // a literal: no name lookup
        } catch (IOException e) {
            return false;
        }
    }
}
