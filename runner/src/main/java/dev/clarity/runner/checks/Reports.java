package dev.clarity.runner.checks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads what build tools leave behind: JUnit/Surefire XML and pytest summaries (test counts), JaCoCo XML,
 * Cobertura XML and lcov (line coverage), and compiler error counts. Pure text parsing; tolerant of absence.
 */
final class Reports {
    private static final Pattern TESTSUITE = Pattern.compile("<testsuite\\b([^>]*)>");
    private static final Pattern PYTEST = Pattern.compile("(\\d+) (passed|failed|error|errors|skipped)");
    private static final Pattern JACOCO_LINE =
            Pattern.compile("<counter type=\"LINE\" missed=\"(\\d+)\" covered=\"(\\d+)\"/>");
    private static final Pattern COBERTURA = Pattern.compile("<coverage\\b[^>]*\\bline-rate=\"([0-9.]+)\"");
    private static final Pattern ERRORS = Pattern.compile("(?i)(?:found\\s+)?(\\d+)\\s+errors?\\b");
    private static final Pattern ERROR_LOCATION = Pattern.compile(
            "^(?<file>[\\w./\\\\-]+\\.\\w+)(?:\\((?<l1>\\d+),\\d+\\)|:(?<l2>\\d+)(?::\\d+)?)\\s*[:-]?\\s*error\\b");

    private Reports() {}

    record TestCounts(int tests, int failures, int errors, int skipped) {
        String describe() {
            return tests + " tests, " + failures + " failures, " + errors + " errors, " + skipped + " skipped";
        }
    }

    static Optional<TestCounts> junit(Path workspace) {
        List<Path> reports =
                find(workspace, name -> name.startsWith("TEST-") && name.endsWith(".xml") || name.equals("junit.xml"));
        if (reports.isEmpty()) {
            return Optional.empty();
        }
        int tests = 0, failures = 0, errors = 0, skipped = 0;
        for (Path report : reports) {
            Matcher m = TESTSUITE.matcher(read(report));
            while (m.find()) {
                tests += attr(m.group(1), "tests");
                failures += attr(m.group(1), "failures");
                errors += attr(m.group(1), "errors");
                skipped += attr(m.group(1), "skipped");
            }
        }
        return Optional.of(new TestCounts(tests, failures, errors, skipped));
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
                return Optional.of(new Coverage(100.0 * Double.parseDouble(m.group(1)), workspace.relativize(report)));
            }
        }
        for (Path report : find(workspace, name -> name.equals("lcov.info") || name.endsWith(".lcov"))) {
            long found = 0, hit = 0;
            for (String line : read(report).split("\n")) {
                if (line.startsWith("LF:")) {
                    found += Long.parseLong(line.substring(3).trim());
                } else if (line.startsWith("LH:")) {
                    hit += Long.parseLong(line.substring(3).trim());
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

    private static int attr(String attributes, String name) {
        Matcher m = Pattern.compile("\\b" + name + "=\"(\\d+)\"").matcher(attributes);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static List<Path> find(Path workspace, java.util.function.Predicate<String> name) {
        try (Stream<Path> files = Files.find(
                workspace,
                8,
                (p, attrs) -> attrs.isRegularFile()
                        && !p.startsWith(workspace.resolve(".git"))
                        && !p.startsWith(workspace.resolve("node_modules"))
                        && name.test(p.getFileName().toString()))) {
            return files.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
