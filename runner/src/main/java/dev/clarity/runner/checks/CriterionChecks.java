package dev.clarity.runner.checks;

import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.artifacts.WorkspacePaths;
import dev.clarity.runner.policy.CommandDecision;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.OutputLine;
import dev.clarity.runner.sandbox.Sandbox;
import dev.clarity.runner.sandbox.SandboxResult;
import dev.clarity.runner.sandbox.SandboxStep;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Runs one programmable criterion in a workspace. {@code check} picks the mechanism: {@code cmd} (exit code, plus
 * test counts, coverage against a {@code >=N%} target for kind {@code test}, and 0 errors for kind {@code type}),
 * {@code regex} (args {@code FILE PATTERN}; target {@code absent} means must not match), {@code file} (each arg
 * exists and is not empty; kind {@code doc} also needs its relative links to resolve and the file to be updated by
 * the work of the item's task, see {@link TaskUpdates}) and {@code http}
 * ({@code [METHOD] URL [n=N]} on loopback only, target like {@code p95<200ms}). Paths are confined to the
 * workspace. Thread-safe.
 */
public final class CriterionChecks {
    private static final Pattern COVERAGE_TARGET = Pattern.compile("\\s*>=?\\s*(\\d+(?:\\.\\d+)?)\\s*%\\s*");
    private static final Pattern LATENCY_TARGET = Pattern.compile("\\s*p(50|95|99)\\s*<\\s*(\\d+)\\s*ms\\s*");
    private static final Pattern MD_LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");

    private final Sandbox sandbox;
    private final HttpClient http;

    public CriterionChecks(Sandbox sandbox, HttpClient http) {
        this.sandbox = sandbox;
        this.http = http;
    }

    public CheckResult run(CriterionSpec criterion, CheckContext context) {
        String check = criterion.check() == null ? "" : criterion.check().toLowerCase(Locale.ROOT);
        return switch (check) {
            case "cmd" -> command(criterion, context);
            case "regex" -> regex(criterion, context);
            case "file" -> file(criterion, context);
            case "http" -> http(criterion, context);
            default ->
                CheckResult.fail(criterion.key(), "unknown check " + check + " (cmd, regex, file or http)", null, null);
        };
    }

    /** Runs {@code argv} as a check step (used for the standard build and test commands too). */
    public CheckResult command(CriterionSpec criterion, CheckContext context) {
        String key = criterion.key();
        if (context.policy().check(criterion.args()) instanceof CommandDecision.Refused refused) {
            return CheckResult.fail(key, refused.reason(), null, null);
        }
        Redactor.LineFilter filter = context.redactor().lines();
        List<String> lines = new CopyOnWriteArrayList<>();
        SandboxResult result = sandbox.run(
                new SandboxStep(
                        criterion.args(),
                        context.workspace(),
                        context.environment(),
                        context.timeout(),
                        context.network(),
                        context.workspaceId()),
                line -> {
                    synchronized (filter) {
                        lines.add((line.stream() == OutputLine.Stream.STDERR ? "! " : "") + filter.apply(line.text()));
                    }
                });
        String evidence =
                context.artifacts().write("checks/" + fileName(key) + ".log", String.join("\n", lines) + "\n");
        String command = String.join(" ", criterion.args());
        if (result.ending() != SandboxResult.Ending.EXITED) {
            return CheckResult.fail(
                    key,
                    command + " was "
                            + (result.ending() == SandboxResult.Ending.TIMED_OUT
                                    ? "killed after the step timeout"
                                    : "cancelled"),
                    null,
                    evidence);
        }
        List<String> plain =
                lines.stream().map(l -> l.startsWith("! ") ? l.substring(2) : l).toList();
        String counts = Reports.junit(context.workspace())
                .or(() -> Reports.pytest(plain))
                .map(c -> " (" + c.describe() + ")")
                .orElse("");
        if ("type".equalsIgnoreCase(criterion.kind())) {
            var errors = Reports.errorCount(plain);
            int count = errors.isPresent() ? (int) errors.getAsDouble() : (result.exitCode() == 0 ? 0 : -1);
            if (result.exitCode() != 0 || count != 0) {
                return CheckResult.fail(
                        key,
                        command + " reported " + (count < 0 ? "errors" : count + " errors") + " (exit code "
                                + result.exitCode() + ")",
                        Reports.errorLocation(plain).orElse(null),
                        evidence);
            }
            return CheckResult.pass(key, command + ": 0 errors", evidence);
        }
        if (result.exitCode() != 0) {
            return CheckResult.fail(
                    key,
                    command + " exited with code " + result.exitCode() + counts,
                    Reports.errorLocation(plain).orElse(null),
                    evidence);
        }
        Matcher coverageTarget = criterion.target() == null ? null : COVERAGE_TARGET.matcher(criterion.target());
        if (coverageTarget != null && coverageTarget.matches()) {
            double target = Double.parseDouble(coverageTarget.group(1));
            var coverage = Reports.coverage(context.workspace());
            if (coverage.isEmpty()) {
                return CheckResult.fail(
                        key, command + " left no coverage report (JaCoCo XML, Cobertura XML or lcov)", null, evidence);
            }
            String measured = String.format(
                    Locale.ROOT,
                    "line coverage %.1f%% (target %s%%) from %s",
                    coverage.get().percent(),
                    coverageTarget.group(1),
                    coverage.get().report());
            return coverage.get().percent() + 1e-9 >= target
                    ? CheckResult.pass(key, measured, evidence)
                    : CheckResult.fail(key, measured, coverage.get().report().toString(), evidence);
        }
        return CheckResult.pass(key, command + " passed" + counts, evidence);
    }

    private CheckResult regex(CriterionSpec criterion, CheckContext context) {
        String key = criterion.key();
        if (criterion.args().size() < 2) {
            return CheckResult.fail(key, "regex needs args FILE PATTERN", null, null);
        }
        String relative = criterion.args().get(0);
        Optional<Path> file = WorkspacePaths.resolve(context.workspace(), relative);
        if (file.isEmpty()) {
            return CheckResult.fail(key, "path " + relative + " leaves the workspace or leads into .git", null, null);
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(String.join(
                    " ", criterion.args().subList(1, criterion.args().size())));
        } catch (PatternSyntaxException e) {
            return CheckResult.fail(
                    key, "the pattern is not a valid regular expression: " + e.getDescription(), null, null);
        }
        boolean mustNot = criterion.target() != null
                && List.of("absent", "!match", "none", "0")
                        .contains(criterion.target().trim().toLowerCase(Locale.ROOT));
        List<String> lines;
        try {
            lines = Files.isRegularFile(file.get()) ? Files.readAllLines(file.get()) : null;
        } catch (IOException e) {
            lines = null;
        }
        if (lines == null) {
            return CheckResult.fail(key, relative + " does not exist", relative, null);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (pattern.matcher(lines.get(i)).find()) {
                String at = relative + ":" + (i + 1);
                return mustNot
                        ? CheckResult.fail(key, relative + " matches " + pattern + " but must not", at, null)
                        : new CheckResult(key, true, relative + " matches " + pattern, at, null);
            }
        }
        return mustNot
                ? CheckResult.pass(key, relative + " does not match " + pattern, null)
                : CheckResult.fail(key, relative + " does not match " + pattern, relative, null);
    }

    private CheckResult file(CriterionSpec criterion, CheckContext context) {
        String key = criterion.key();
        if (criterion.args().isEmpty()) {
            return CheckResult.fail(key, "file needs at least one path", null, null);
        }
        boolean doc = "doc".equalsIgnoreCase(criterion.kind());
        for (String relative : criterion.args()) {
            Optional<Path> file = WorkspacePaths.resolve(context.workspace(), relative);
            if (file.isEmpty()) {
                return CheckResult.fail(
                        key, "path " + relative + " leaves the workspace or leads into .git", null, null);
            }
            try {
                if (!Files.isRegularFile(file.get()) || Files.size(file.get()) == 0) {
                    return CheckResult.fail(
                            key,
                            relative + (Files.exists(file.get()) ? " is empty" : " does not exist"),
                            relative,
                            null);
                }
                if (doc) {
                    List<String> lines = Files.readAllLines(file.get());
                    for (int i = 0; i < lines.size(); i++) {
                        Matcher link = MD_LINK.matcher(lines.get(i));
                        while (link.find()) {
                            String target = link.group(1).replaceFirst("#.*$", "");
                            if (target.isEmpty() || target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                                continue;
                            }
                            Path base = file.get().getParent();
                            String resolved = context.workspace()
                                    .toRealPath()
                                    .relativize(base.resolve(target).normalize())
                                    .toString();
                            Optional<Path> linked = WorkspacePaths.resolve(context.workspace(), resolved);
                            if (linked.isEmpty() || !Files.exists(linked.get())) {
                                return CheckResult.fail(
                                        key,
                                        relative + " links to " + target + ", which does not exist",
                                        relative + ":" + (i + 1),
                                        null);
                            }
                        }
                    }
                    String taskId = context.artifacts().taskId();
                    String inRepository = context.workspace()
                            .toRealPath()
                            .relativize(file.get())
                            .toString()
                            .replace(java.io.File.separatorChar, '/');
                    Optional<Boolean> updated = TaskUpdates.updated(
                            context.workspace(), taskId, inRepository, Files.readAllBytes(file.get()));
                    if (updated.isPresent() && !updated.get()) {
                        return CheckResult.fail(
                                key,
                                relative + " was not updated by the work of " + taskId
                                        + " (unchanged in the working tree and in every commit of the task)",
                                relative,
                                null);
                    }
                }
            } catch (IOException | IllegalArgumentException e) {
                return CheckResult.fail(key, relative + " could not be read", relative, null);
            }
        }
        return CheckResult.pass(
                key,
                String.join(", ", criterion.args()) + (doc ? " present, updated, links resolve" : " present"),
                null);
    }

    private CheckResult http(CriterionSpec criterion, CheckContext context) {
        String key = criterion.key();
        List<String> args = new ArrayList<>(criterion.args());
        int n = 20;
        for (var it = args.iterator(); it.hasNext(); ) {
            String arg = it.next();
            if (arg.startsWith("n=")) {
                n = Integer.parseInt(arg.substring(2));
                it.remove();
            }
        }
        String method = args.size() > 1 ? args.get(0).toUpperCase(Locale.ROOT) : "GET";
        String url = args.isEmpty() ? "" : args.get(args.size() - 1);
        if (url.startsWith("/")) {
            url = context.environment().getOrDefault("CLARITY_APP_URL", "http://127.0.0.1:8080") + url;
        }
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return CheckResult.fail(key, "not a URL: " + url, null, null);
        }
        if (!loopback(uri.getHost())) {
            return CheckResult.fail(key, "http checks may only call loopback addresses, not " + url, null, null);
        }
        long[] millis = new long[n];
        int failures = 0;
        List<String> log = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            try {
                HttpResponse<Void> response = http.send(
                        HttpRequest.newBuilder(uri)
                                .method(method, HttpRequest.BodyPublishers.noBody())
                                .timeout(Duration.ofSeconds(30))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() >= 400) {
                    failures++;
                }
                log.add(method + " " + url + " -> " + response.statusCode());
            } catch (IOException e) {
                failures++;
                log.add(method + " " + url + " -> " + e.getClass().getSimpleName());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CheckResult.fail(key, "interrupted", null, null);
            }
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        long p50 = percentile(millis, 50), p95 = percentile(millis, 95), p99 = percentile(millis, 99);
        String figures = String.format(
                Locale.ROOT,
                "%d × %s %s: p50=%dms p95=%dms p99=%dms, %d failed",
                n,
                method,
                url,
                p50,
                p95,
                p99,
                failures);
        log.add(figures);
        String evidence = context.artifacts()
                .write("checks/" + fileName(key) + ".log", context.redactor().redact(String.join("\n", log)) + "\n");
        if (failures > 0) {
            return CheckResult.fail(key, figures, null, evidence);
        }
        if (criterion.target() != null) {
            Matcher m = LATENCY_TARGET.matcher(criterion.target());
            if (!m.matches()) {
                return CheckResult.fail(key, "target " + criterion.target() + " is not like p95<200ms", null, evidence);
            }
            long measured = switch (m.group(1)) {
                case "50" -> p50;
                case "95" -> p95;
                default -> p99;
            };
            if (measured >= Long.parseLong(m.group(2))) {
                return CheckResult.fail(key, figures + " (target " + criterion.target() + ")", null, evidence);
            }
        }
        return CheckResult.pass(key, figures, evidence);
    }

    private static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        if (host.equals("localhost")) {
            return true;
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException e) {
            return false;
        }
    }

    private static long percentile(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String fileName(String key) {
        return key.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
