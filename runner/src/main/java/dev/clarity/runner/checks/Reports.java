package dev.clarity.runner.checks;

import dev.clarity.runner.api.CriterionReport;
import dev.clarity.runner.api.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads what build tools leave behind: JUnit/Surefire XML and pytest summaries (test counts), JaCoCo XML,
 * Cobertura XML and lcov (line coverage), and compiler error counts. Pure text parsing; tolerant of absence and of
 * garbage: the reports and the output are the tool's, so numbers too long to parse are ignored, a report over
 * {@link CheckFiles#MAX_REPORT_BYTES} is skipped, and every pattern is linear (a run stops at a character that ends
 * it or is possessive, so no start position rescans the text).
 */
final class Reports {
    private static final Pattern TESTSUITE = Pattern.compile("<testsuite\\b([^<>]*+)>");
    private static final Pattern PYTEST = Pattern.compile("(?<!\\d)(\\d{1,9}+) (passed|failed|error|errors|skipped)");
    private static final Pattern JACOCO_LINE =
            Pattern.compile("<counter type=\"LINE\" missed=\"(\\d{1,18})\" covered=\"(\\d{1,18})\"/>");
    private static final Pattern COBERTURA = Pattern.compile("<coverage\\b[^<>]*\\bline-rate=\"([0-9.]{1,32}+)\"");
    private static final Pattern ERRORS = Pattern.compile("(?i)(?:found\\s++)?(?<!\\d)(\\d{1,9}+)\\s++errors?\\b");
    private static final Pattern ERROR_LOCATION = Pattern.compile(
            "^(?<file>[\\w./\\\\-]+\\.\\w+)(?:\\((?<l1>\\d{1,9}),\\d+\\)|:(?<l2>\\d{1,9})(?::\\d+)?)\\s*+[:-]?+\\s*+error\\b");
    private static final int MAX_REPORTS = 1_000;
    /** A test case followed by its failure or error element: attributes of both and the element's text. */
    private static final Pattern FAILED_CASE =
            Pattern.compile("<testcase\\b([^<>]*+)>\\s*+<(?:failure|error)\\b([^<>]*+)>([^<]*+)");
    /** pytest's traceback line: {@code tests/test_a.py:12: AssertionError}. */
    private static final Pattern PYTEST_LOCATION = Pattern.compile(
            "^(?<file>[\\w./-]++\\.py):(?<line>\\d{1,9}+): (?<what>\\w{0,100}(?:Error|Exception)\\b.*+)");

    private static final int MAX_MESSAGE = 300;

    private Reports() {}

    record TestCounts(int tests, int failures, int errors, int skipped) {
        String describe() {
            return tests + " tests, " + failures + " failures, " + errors + " errors, " + skipped + " skipped";
        }
    }

    static Optional<TestCounts> junit(Path workspace) {
        return junit(
                find(workspace, name -> name.startsWith("TEST-") && name.endsWith(".xml") || name.equals("junit.xml")));
    }

    /** The counts of the JUnit reports a check wrote or changed (see {@link #junitReports}). */
    static Optional<TestCounts> junitWritten(Path workspace, Map<Path, FileTime> before) {
        Map<Path, FileTime> now = junitReports(workspace);
        return junit(now.keySet().stream()
                .filter(report -> !now.get(report).equals(before.get(report)))
                .toList());
    }

    private static Optional<TestCounts> junit(List<Path> reports) {
        if (reports.isEmpty()) {
            return Optional.empty();
        }
        long tests = 0, failures = 0, errors = 0, skipped = 0;
        for (Path report : reports) {
            Matcher m = TESTSUITE.matcher(read(report));
            while (m.find()) {
                tests += attr(m.group(1), "tests");
                failures += attr(m.group(1), "failures");
                errors += attr(m.group(1), "errors");
                skipped += attr(m.group(1), "skipped");
            }
        }
        return Optional.of(new TestCounts(clamp(tests), clamp(failures), clamp(errors), clamp(skipped)));
    }

    static Optional<TestCounts> pytest(List<String> output) {
        for (int i = output.size() - 1; i >= 0; i--) {
            String line = output.get(i);
            if (line.contains(" passed") || line.contains(" failed")) {
                int passed = 0, failed = 0, errors = 0, skipped = 0;
                Matcher m = PYTEST.matcher(line);
                boolean any = false;
                while (m.find()) {
                    any = true;
                    int n = Integer.parseInt(m.group(1));
                    switch (m.group(2)) {
                        case "passed" -> passed = n;
                        case "failed" -> failed = n;
                        case "skipped" -> skipped = n;
                        default -> errors = n;
                    }
                }
                if (any) {
                    return Optional.of(new TestCounts(passed + failed + errors + skipped, failed, errors, skipped));
                }
            }
        }
        return Optional.empty();
    }

    /** Line coverage in percent from the first report found (JaCoCo, Cobertura, lcov), and which file it was. */
    static Optional<Coverage> coverage(Path workspace) {
        for (Path report : find(workspace, name -> name.equals("jacoco.xml"))) {
            Matcher m = JACOCO_LINE.matcher(read(report));
            long missed = -1, covered = -1;
            while (m.find()) { // the report-level counter comes last
                missed = Long.parseLong(m.group(1));
                covered = Long.parseLong(m.group(2));
            }
            if (missed >= 0 && missed + covered > 0) {
                return Optional.of(new Coverage(100.0 * covered / (missed + covered), workspace.relativize(report)));
            }
        }
        for (Path report : find(
                workspace,
                name -> name.equals("coverage.xml")
                        || name.equals("cobertura.xml")
                        || name.equals("cobertura-coverage.xml"))) {
            Matcher m = COBERTURA.matcher(read(report));
            if (m.find()) {
                try {
                    double rate = Double.parseDouble(m.group(1));
                    return Optional.of(new Coverage(100.0 * rate, workspace.relativize(report)));
                } catch (NumberFormatException e) {
                    continue; // "1.2.3": not a rate
                }
            }
        }
        for (Path report : find(workspace, name -> name.equals("lcov.info") || name.endsWith(".lcov"))) {
            long found = 0, hit = 0;
            for (String line : read(report).split("\n")) {
                if (line.startsWith("LF:")) {
                    found += count(line.substring(3));
                } else if (line.startsWith("LH:")) {
                    hit += count(line.substring(3));
                }
            }
            if (found > 0) {
                return Optional.of(new Coverage(100.0 * hit / found, workspace.relativize(report)));
            }
        }
        return Optional.empty();
    }

    record Coverage(double percent, Path report) {}

    /** The compiler's reported error count (tsc, mypy, pyright, javac), if it printed one. */
    static OptionalDouble errorCount(List<String> output) {
        for (int i = output.size() - 1; i >= 0; i--) {
            Matcher m = ERRORS.matcher(output.get(i));
            if (m.find()) {
                return OptionalDouble.of(Integer.parseInt(m.group(1)));
            }
        }
        return OptionalDouble.empty();
    }

    /** {@code file:line} of the first error line in the output. */
    static Optional<String> errorLocation(List<String> output) {
        for (String line : output) {
            Matcher m = ERROR_LOCATION.matcher(line.strip());
            if (m.find()) {
                return Optional.of(m.group("file") + ":" + (m.group("l1") != null ? m.group("l1") : m.group("l2")));
            }
        }
        return Optional.empty();
    }

    /**
     * Each failed or erroneous test case of the JUnit/Surefire XML reports with its file and line: the report's
     * {@code file}/{@code line} attributes when it has them (pytest), else the test class's source found in the
     * workspace and the line of its frame in the stack trace (Surefire). Cases without both are left out.
     */
    static List<SourceLocation> junitFailures(Path workspace, Map<Path, FileTime> before) {
        List<SourceLocation> found = new ArrayList<>();
        Map<Path, FileTime> now = junitReports(workspace);
        for (Path report : now.keySet()) {
            if (now.get(report).equals(before.get(report))) {
                continue; // left by an earlier check or committed: not this check's
            }
            Matcher m = FAILED_CASE.matcher(read(report));
            while (m.find() && found.size() < CriterionReport.MAX_LOCATIONS) {
                String testcase = m.group(1);
                String message = unescape(text(m.group(2), "message").orElse(""));
                String name = text(testcase, "classname").orElse("") + "."
                        + text(testcase, "name").orElse("");
                String summary = clip(name + (message.isEmpty() ? "" : ": " + message));
                Optional<String> file = text(testcase, "file");
                int line = attr(testcase, "line");
                if (file.isPresent() && line > 0) {
                    found.add(new SourceLocation(file.get(), line, summary));
                    continue;
                }
                String className = text(testcase, "classname").orElse("");
                String simple = className.substring(className.lastIndexOf('.') + 1);
                if (simple.isEmpty() || simple.indexOf('$') >= 0) {
                    simple = simple.isEmpty() ? simple : simple.substring(0, simple.indexOf('$'));
                }
                if (simple.isEmpty()) {
                    continue;
                }
                Matcher frame = Pattern.compile("\\(" + Pattern.quote(simple) + "\\.(?:java|kt):(\\d{1,9})\\)")
                        .matcher(m.group(3));
                Optional<String> source = source(workspace, className, simple);
                if (frame.find() && source.isPresent()) {
                    found.add(new SourceLocation(source.get(), Integer.parseInt(frame.group(1)), summary));
                }
            }
        }
        return found;
    }

    /**
     * The error lines of a compiler or test runner's output that name a file and line: tsc ({@code a.ts(3,5): error}),
     * mypy and javac ({@code a.py:3: error}) and pytest tracebacks ({@code tests/test_a.py:12: AssertionError}).
     */
    static List<SourceLocation> outputLocations(List<String> output) {
        List<SourceLocation> found = new ArrayList<>();
        for (String raw : output) {
            if (found.size() >= CriterionReport.MAX_LOCATIONS) {
                break;
            }
            String line = raw.strip();
            if (line.length() > 2_000) {
                continue; // no compiler writes a location line this long
            }
            Matcher e = ERROR_LOCATION.matcher(line);
            if (e.find()) {
                String number = e.group("l1") != null ? e.group("l1") : e.group("l2");
                found.add(new SourceLocation(e.group("file"), Integer.parseInt(number), clip(line)));
                continue;
            }
            Matcher p = PYTEST_LOCATION.matcher(line);
            if (p.find()) {
                found.add(new SourceLocation(p.group("file"), Integer.parseInt(p.group("line")), clip(line)));
            }
        }
        return found;
    }

    /**
     * The JUnit XML reports in the workspace with their modification times, taken before a check runs so that only
     * the reports it wrote are read for its failures.
     */
    static Map<Path, FileTime> junitReports(Path workspace) {
        Map<Path, FileTime> reports = new TreeMap<>();
        for (Path report : find(
                workspace, name -> name.startsWith("TEST-") && name.endsWith(".xml") || name.equals("junit.xml"))) {
            try {
                reports.put(report, Files.getLastModifiedTime(report));
            } catch (IOException e) {
                continue; // gone meanwhile
            }
        }
        return reports;
    }

    /** The test class's source file, relative to the workspace: its package path under any directory. */
    private static Optional<String> source(Path workspace, String className, String simple) {
        String suffix = className.contains(".")
                ? className.substring(0, className.lastIndexOf('.')).replace('.', '/') + "/" + simple
                : simple;
        for (String ext : List.of(".java", ".kt")) {
            String name = simple + ext;
            for (Path file : find(workspace, n -> n.equals(name))) {
                String relative = workspace.relativize(file).toString().replace(java.io.File.separatorChar, '/');
                if (relative.endsWith(suffix + ext)) {
                    return Optional.of(relative);
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<String> text(String attributes, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"([^\"]{0,2000}+)\"").matcher(attributes);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static String unescape(String xml) {
        return xml.replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&#10;", " ")
                .replace("&#xA;", " ")
                .replace("&amp;", "&");
    }

    private static String clip(String text) {
        return text.length() <= MAX_MESSAGE ? text : text.substring(0, MAX_MESSAGE - 1) + "…";
    }

    private static int attr(String attributes, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"(\\d{1,9})\"").matcher(attributes);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /** An lcov count: a whole number of up to 12 digits, else 0. */
    private static long count(String text) {
        String digits = text.strip();
        if (digits.isEmpty() || digits.length() > 12) {
            return 0;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
                return 0;
            }
        }
        return Long.parseLong(digits);
    }

    private static int clamp(long n) {
        return (int) Math.min(Integer.MAX_VALUE, n);
    }

    private static List<Path> find(Path workspace, java.util.function.Predicate<String> name) {
        try (Stream<Path> files = Files.find(
                workspace,
                12,
                (p, attrs) -> attrs.isRegularFile()
                        && !p.startsWith(workspace.resolve(".git"))
                        && !p.startsWith(workspace.resolve("node_modules"))
                        && name.test(p.getFileName().toString()))) {
            return files.sorted().limit(MAX_REPORTS).toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The report's text, or "" when it cannot be read or is larger than {@link CheckFiles#MAX_REPORT_BYTES}. */
    private static String read(Path file) {
        try {
            return CheckFiles.read(file, CheckFiles.MAX_REPORT_BYTES)
                    .map(bytes -> new String(bytes, StandardCharsets.UTF_8))
                    .orElse("");
        } catch (IOException e) {
            return "";
        }
    }
}
