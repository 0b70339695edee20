package dev.clarity.runner.gateway;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Installs a real AI CLI from npm into a cache directory once ({@code target/cli-cache}, outside every directory the
 * sandbox hides) and gives the directory to put on the sandbox PATH. Where npm cannot install it the test is
 * skipped with a message; in CI, where {@code CLARITY_REQUIRE_CLI=1}, it fails instead.
 */
public final class RealCli {
    public static final String CLAUDE_PACKAGE = "@anthropic-ai/claude-code@2.1.328";

    private RealCli() {}

    /** A directory holding {@code claude} (the CLI's native binary, hard-linked under its command name). */
    public static synchronized Path claude() throws IOException, InterruptedException {
        Path cache = Path.of("target", "cli-cache", "claude-code-2.1.328").toAbsolutePath();
        Path bin = cache.resolve("bin");
        Path claude = bin.resolve("claude");
        if (Files.isExecutable(claude)) {
            return bin;
        }
        Files.createDirectories(cache);
        Process npm;
        try {
            npm = new ProcessBuilder(
                            "npm", "install", "--no-audit", "--no-fund", "--prefix", cache.toString(), CLAUDE_PACKAGE)
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return unavailable("npm cannot be started (" + e.getMessage() + "); install nodejs and npm");
        }
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            return unavailable("npm install " + CLAUDE_PACKAGE + " failed: " + output.strip());
        }
        Path binary = cache.resolve("node_modules/@anthropic-ai/claude-code/bin/claude.exe");
        if (!Files.isExecutable(binary)) {
            return unavailable("npm installed " + CLAUDE_PACKAGE + " but " + binary + " is not there");
        }
        Files.createDirectories(bin);
        Files.deleteIfExists(claude);
        Files.createLink(claude, binary);
        return bin;
    }

    private static Path unavailable(String why) {
        if ("1".equals(System.getenv("CLARITY_REQUIRE_CLI"))) {
            throw new IllegalStateException("CI requires the real CLI tests, but " + why);
        }
        assumeTrue(false, "Skipping the real CLI test: " + why);
        return null;
    }
}
