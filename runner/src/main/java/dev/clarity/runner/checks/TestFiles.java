package dev.clarity.runner.checks;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which paths of a repository are tests, for the rule that tests only grow: the common layouts (a {@code test/},
 * {@code tests/}, {@code __tests__/} or {@code src/test/} directory anywhere; file names {@code *_test.*},
 * {@code test_*.*}, {@code *Test.java}, {@code *Tests.java}, {@code *.test.*}, {@code *.spec.*}) plus the globs of
 * {@code .clarity.yml}'s {@code tests} key (read from the base commit by the caller). Immutable.
 */
public final class TestFiles {
    private static final Pattern NAME = Pattern.compile(
            "[^/]*_test\\.[^/.]++|test_[^/]*\\.[^/.]++|[^/]*Tests?\\.java|[^/]*\\.(?:test|spec)\\.[^/.]++");

    private final List<PathMatcher> globs;

    /** @param globs {@code .clarity.yml}'s {@code tests}; a glob that does not parse is refused with its text */
    public TestFiles(List<String> globs) {
        this.globs = globs.stream().map(TestFiles::glob).toList();
    }

    private static PathMatcher glob(String glob) {
        try {
            return FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("tests: " + glob + " is not a valid glob (" + e.getMessage() + ")");
        }
    }

    /** True when {@code path} ({@code /}-separated, relative to the repository root) is a test file. */
    public boolean isTest(String path) {
        String[] parts = path.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            String dir = parts[i].toLowerCase(Locale.ROOT);
            if (dir.equals("test") || dir.equals("tests") || dir.equals("__tests__")) {
                return true;
            }
        }
        if (NAME.matcher(parts[parts.length - 1]).matches()) {
            return true;
        }
        Path p = Path.of(path);
        return globs.stream().anyMatch(g -> g.matches(p));
    }
}
