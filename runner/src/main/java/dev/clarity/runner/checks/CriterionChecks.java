package dev.clarity.runner.checks;

import dev.clarity.runner.api.CriterionReport;
import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.api.SourceLocation;
import dev.clarity.runner.artifacts.WorkspacePaths;
import dev.clarity.runner.policy.CommandDecision;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.OutputLine;
import dev.clarity.runner.sandbox.Sandbox;
import dev.clarity.runner.sandbox.SandboxResult;
import dev.clarity.runner.sandbox.SandboxStep;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs one programmable criterion in a workspace. {@code check} picks the mechanism: {@code cmd} (exit code, plus
 * test counts, coverage against a {@code >=N%} target for kind {@code test}, and 0 errors for kind {@code type}),
 * {@code regex} ({@link RegexCheck}), {@code file} (each arg
 * exists and is not empty; kind {@code doc} also needs its relative links to resolve and the file to be updated by
 * the work of the item's task, see {@link TaskUpdates}) and {@code http} ({@link HttpArguments}). Paths are confined
 * to the workspace; files are read only up to a bound ({@link CheckFiles}); a bad argument fails the criterion with
 * a sentence naming it, never with an exception. Thread-safe.
 */
public final class CriterionChecks {
    private static final Pattern COVERAGE_TARGET = Pattern.compile("\\s*+>=?+\\s*+(\\d++(?:\\.\\d++)?+)\\s*+%\\s*+");
    /**
     * {@code [text](target "title")}. The link text stops at any bracket, so a line of many {@code [} is scanned once
     * (text that ran to the next {@code ]} made every {@code [} rescan the line).
     */
    private static final Pattern MD_LINK = Pattern.compile("\\[[^\\[\\]]*+\\]\\(([^)\\s]++)(?:\\s++\"[^\"]*+\")?\\)");

    private static final int EXCERPT_LINES = 60;

    private static final Pattern URL_SCHEME = Pattern.compile("[a-zA-Z][a-zA-Z0-9+.-]*+:.*");

    private final Sandbox sandbox;
    private final HttpCheck http;

    public CriterionChecks(Sandbox sandbox, HttpClient http) {
        this.sandbox = sandbox;
        this.http = new HttpCheck(http);
    }

    public CheckResult run(CriterionSpec criterion, CheckContext context) {
        String check = criterion.check() == null ? "" : criterion.check().toLowerCase(Locale.ROOT);
        return switch (check) {
            case "cmd" -> command(criterion, context);
            case "regex" -> RegexCheck.run(criterion, context);
            case "file" -> file(criterion, context);
            case "http" -> http.run(criterion, context);
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
        Matcher coverageTarget = criterion.target() == null ? null : COVERAGE_TARGET.matcher(criterion.target());
        boolean wantsCoverage = coverageTarget != null && coverageTarget.matches();
        if (wantsCoverage && Double.parseDouble(coverageTarget.group(1)) > 100) {
            return CheckResult.fail(
                    key,
                    "the coverage target must be from 0 to 100%, got "
                            + criterion.target().strip(),
                    null,
                    null);
        }
        Redactor.LineFilter filter = context.redactor().lines();
        var reportsBefore = Reports.junitReports(context.workspace());
        List<String> lines = new CopyOnWriteArrayList<>();
        SandboxResult result = sandbox.run(
                new SandboxStep(
                        criterion.args(),
                        context.workspace(),
                        context.environment(),
                        context.timeout(),
                        context.network(),
                        context.workspaceId(),
                        context.resources(),
                        context.caches()),
                line -> {
                    synchronized (filter) {
                        lines.add((line.stream() == OutputLine.Stream.STDERR ? "! " : "") + filter.apply(line.text()));
                    }
                });
        String evidence =
                context.artifacts().write("checks/" + fileName(key) + ".log", String.join("\n", lines) + "\n");
        CheckResult judged = judge(criterion, context, result, lines, evidence, wantsCoverage ? coverageTarget : null);
        List<String> plain =
                lines.stream().map(l -> l.startsWith("! ") ? l.substring(2) : l).toList();
        judged = judged.withCounts(Reports.junitWritten(context.workspace(), reportsBefore)
                .or(() -> Reports.pytest(plain))
                .map(c -> new CheckResult.TestCount(c.tests(), c.skipped()))
                .orElse(null));
        if (judged.passed()) {
            return judged.withOutput(excerpt(lines), List.of());
        }
        List<SourceLocation> locations = new ArrayList<>(Reports.junitFailures(context.workspace(), reportsBefore));
        locations.addAll(Reports.outputLocations(plain));
        return judged.withOutput(
                excerpt(lines), locations.subList(0, Math.min(locations.size(), CriterionReport.MAX_LOCATIONS)));
    }

    /** The tail of a check's output: its last lines, at most {@link CriterionReport#MAX_EXCERPT_CHARS}. */
    static String excerpt(List<String> lines) {
        StringBuilder tail = new StringBuilder();
        for (int i = lines.size() - 1; i >= 0 && i >= lines.size() - EXCERPT_LINES; i--) {
            String line = lines.get(i);
            if (tail.length() + line.length() + 1 > CriterionReport.MAX_EXCERPT_CHARS) {
                if (tail.isEmpty()) {
                    tail.append(line, Math.max(0, line.length() - CriterionReport.MAX_EXCERPT_CHARS), line.length());
                }
                break;
            }
            tail.insert(0, line + (tail.isEmpty() ? "" : "\n"));
        }
        return tail.toString();
    }

    /** The verdict on a command that ran: its ending, exit code, counts, errors and coverage. */
    private CheckResult judge(
            CriterionSpec criterion,
            CheckContext context,
            SandboxResult result,
            List<String> lines,
            String evidence,
            Matcher coverageTarget) {
        String key = criterion.key();
        boolean wantsCoverage = coverageTarget != null;
        String command = String.join(" ", criterion.args());
        if (result.ending() != SandboxResult.Ending.EXITED) {
            return CheckResult.fail(
                    key,
                    command
                            + switch (result.ending()) {
                                case TIMED_OUT -> " was killed after the step timeout";
                                case NOT_STARTED -> " could not be started: " + String.join("; ", lines);
                                default -> " was cancelled";
                            },
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
        if (wantsCoverage) {
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
                    Optional<byte[]> content = CheckFiles.read(file.get(), CheckFiles.MAX_CHECKED_BYTES);
                    if (content.isEmpty()) {
                        return CheckResult.fail(
                                key,
                                relative + " is larger than " + CheckFiles.describe(CheckFiles.MAX_CHECKED_BYTES)
                                        + ", the most a doc check reads",
                                relative,
                                null);
                    }
                    List<String> lines = StandardCharsets.UTF_8
                            .newDecoder()
                            .decode(ByteBuffer.wrap(content.get()))
                            .toString()
                            .lines()
                            .toList();
                    Path realWorkspace = context.workspace().toRealPath();
                    for (int i = 0; i < lines.size(); i++) {
                        Matcher link = MD_LINK.matcher(lines.get(i));
                        while (link.find()) {
                            String target = link.group(1);
                            if (target.indexOf('#') >= 0) {
                                target = target.substring(0, target.indexOf('#'));
                            }
                            if (target.isEmpty() || URL_SCHEME.matcher(target).matches()) {
                                continue;
                            }
                            Path base = file.get().getParent();
                            String resolved = realWorkspace
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
                    String inRepository =
                            realWorkspace.relativize(file.get()).toString().replace(java.io.File.separatorChar, '/');
                    Optional<Boolean> updated =
                            TaskUpdates.updated(context.workspace(), taskId, inRepository, content.get());
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

    static String fileName(String key) {
        return key.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
