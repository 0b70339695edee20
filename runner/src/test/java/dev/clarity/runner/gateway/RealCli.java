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
    public static final String CODEX_PACKAGE = "@openai/codex@0.171.0";

    private RealCli() {}

    /** A directory holding {@code claude} (the CLI's native binary, hard-linked under its command name). */
    public static synchronized Path claude() throws IOException, InterruptedException {
        return install(
                CLAUDE_PACKAGE,
                "claude-code-2.1.328",
                "node_modules/@anthropic-ai/claude-code/bin/claude.exe",
                "claude");
    }

    /**
     * A directory holding {@code codex}: the native binary of the platform package npm installs next to the
     * JavaScript launcher (which only finds and starts it), hard-linked under its command name, with the code-mode
     * host it starts for models that only call tools through code mode.
     */
    public static synchronized Path codex() throws IOException, InterruptedException {
        Path bin = install(
                CODEX_PACKAGE,
                "codex-0.171.0",
                "node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex",
                "codex");
        // codex looks for its code-mode host next to itself, as npm installs them
        Path host = bin.resolve("codex-code-mode-host");
        Path shipped = bin.resolveSibling(
                "node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex-code-mode-host");
        if (!Files.exists(host) && Files.isExecutable(shipped)) {
            Files.createLink(host, shipped);
        }
        return bin;
    }

    private static Path install(String pkg, String directory, String nativeBinary, String command)
            throws IOException, InterruptedException {
        Path cache = Path.of("target", "cli-cache", directory).toAbsolutePath();
        Path bin = cache.resolve("bin");
        Path linked = bin.resolve(command);
        if (Files.isExecutable(linked)) {
            return bin;
        }
        Files.createDirectories(cache);
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", cache.toString(), pkg)
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return unavailable("npm cannot be started (" + e.getMessage() + "); install nodejs and npm");
        }
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(10, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            return unavailable("npm install " + pkg + " failed: " + output.strip());
        }
        Path binary = cache.resolve(nativeBinary);
        if (!Files.isExecutable(binary)) {
            return unavailable("npm installed " + pkg + " but " + binary + " is not there");
        }
        Files.createDirectories(bin);
        Files.deleteIfExists(linked);
        Files.createLink(linked, binary);
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
