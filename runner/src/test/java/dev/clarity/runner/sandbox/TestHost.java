package dev.clarity.runner.sandbox;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The host for the confinement tests: bubblewrap, files planted where a step must not read, whether we are root.
 * Missing bubblewrap, or a machine where the test cannot plant a file (not root), skips the test with a message
 * outside CI and fails it in CI ({@code CLARITY_REQUIRE_ENGINE=1}, set by {@code .ci/run}), so the proof never
 * silently goes missing there.
 */
final class TestHost {
    private TestHost() {}

    static Path bwrap() {
        Optional<Path> bwrap = BubblewrapProbe.find(System.getenv("PATH"));
        require(bwrap.isPresent(), "bubblewrap is not installed: apt-get install -y bubblewrap");
        return bwrap.get();
    }

    /** Writes a uniquely named file holding {@code content} into {@code dir}; the caller deletes it. */
    static Path plant(Path dir, String content) {
        require(
                Files.isDirectory(dir) && Files.isWritable(dir),
                "cannot plant a file in " + dir + " (the test needs to run as root)");
        Path file = dir.resolve("clarity-sandbox-test-" + UUID.randomUUID());
        try {
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("planting " + file, e);
        }
    }

    static boolean root() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException e) {
            throw new UncheckedIOException("reading this process's uid", e);
        }
    }

    static void require(boolean condition, String message) {
        if (!condition && "1".equals(System.getenv("CLARITY_REQUIRE_ENGINE"))) {
            throw new IllegalStateException("CI requires this sandbox test, but " + message);
        }
        assumeTrue(condition, message);
    }
}
