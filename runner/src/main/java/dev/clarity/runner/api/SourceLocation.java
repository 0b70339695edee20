package dev.clarity.runner.api;

/**
 * Where a check found a problem: {@code path} relative to the repository root ({@code /}-separated), {@code line}
 * from 1, and {@code message} what the check's output said there (redacted, at most a few hundred characters).
 * Read from a report or an output line the tool may have written, so a consumer treats every field as untrusted text.
 */
public record SourceLocation(String path, int line, String message) {
    public SourceLocation {
        if (path == null || path.isBlank()) {
            throw new IllegalArgumentException("a location names a file");
        }
        if (line < 1) {
            throw new IllegalArgumentException("a location's line counts from 1, got " + line);
        }
        message = message == null ? "" : message;
    }
}
