package dev.clarity.runner.config;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.regex.PatternSyntaxException;

/**
 * The globs of {@code protect:}, matched against paths relative to the repository root with {@code /} between
 * segments: {@code *} stays within a segment, {@code **} crosses them, {@code {a,b}} and {@code [ab]} as usual
 * ({@link java.nio.file.FileSystem#getPathMatcher}'s glob syntax). A directory glob ending in {@code /} covers what is
 * under it. Immutable and thread-safe.
 */
public final class ProtectedGlobs {
    private final List<PathMatcher> matchers;
    private final List<String> directories;

    public ProtectedGlobs(List<String> globs) {
        globs.forEach(ProtectedGlobs::check);
        this.directories = globs.stream()
                .filter(g -> g.endsWith("/"))
                .map(g -> g.substring(0, g.length() - 1))
                .toList();
        this.matchers = globs.stream()
                .map(g -> g.endsWith("/") ? g + "**" : g)
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g))
                .toList();
    }

    /** True when there is no glob. */
    public boolean isEmpty() {
        return matchers.isEmpty();
    }

    /** True when {@code path} (relative, {@code /}-separated) matches a glob. */
    public boolean matches(String path) {
        Path p = Path.of(path);
        for (PathMatcher m : matchers) {
            if (m.matches(p)) {
                return true;
            }
        }
        return directories.stream().anyMatch(d -> path.equals(d) || path.startsWith(d + "/"));
    }

    /**
     * Refuses a glob that cannot name a file of the repository: blank, absolute, with {@code ..} or a backslash, or
     * not a valid glob. The message names the glob and why.
     */
    public static void check(String glob) {
        if (glob == null || glob.isBlank()) {
            throw new IllegalArgumentException("protect holds an empty glob");
        }
        if (glob.startsWith("/") || glob.contains("\\")) {
            throw new IllegalArgumentException(
                    "protect glob " + glob + " must be relative to the repository root, with / between folders");
        }
        if (List.of(glob.split("/")).contains("..")) {
            throw new IllegalArgumentException("protect glob " + glob + " leaves the repository (..)");
        }
        try {
            FileSystems.getDefault().getPathMatcher("glob:" + glob);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("protect glob " + glob + " is not a valid glob: " + e.getDescription());
        }
    }
}
