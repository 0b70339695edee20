package dev.clarity.runner.checks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads files of the workspace for checks without trusting their size: at most {@code max} bytes are ever read, so
 * a file the tool made huge (or that grows while it is read) cannot exhaust the runner's memory.
 */
final class CheckFiles {
    /** Regex criteria and doc checks read files up to this size. */
    static final long MAX_CHECKED_BYTES = 4L << 20;

    /** Test and coverage reports up to this size are read; larger ones are skipped as if absent. */
    static final long MAX_REPORT_BYTES = 32L << 20;

    private CheckFiles() {}

    /** The file's bytes, or empty when it holds more than {@code max} bytes. */
    static Optional<byte[]> read(Path file, long max) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            return bytes.length > max ? Optional.empty() : Optional.of(bytes);
        }
    }

    /** "4 MiB". */
    static String describe(long bytes) {
        return (bytes >> 20) + " MiB";
    }
}
