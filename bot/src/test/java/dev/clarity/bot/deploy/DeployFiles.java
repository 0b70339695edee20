package dev.clarity.bot.deploy;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The repository's deployment files, and the external tools that read them (found on PATH, or skipped). */
final class DeployFiles {
    private DeployFiles() {}

    /** The repository root: the nearest directory above the working directory holding {@code compose.yaml}. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("compose.yaml")) && Files.isDirectory(p.resolve("deploy"))) {
                return p;
            }
        }
        throw new IllegalStateException("no compose.yaml with deploy/ above " + here);
    }

    /**
     * {@code program} on PATH, or the test is skipped with a message saying how to install it; in CI
     * ({@code CLARITY_REQUIRE_ENGINE=1}, where {@code .ci/run} installs it) a missing program fails the test.
     */
    static Path tool(String program, String debianPackage) {
        Optional<Path> found = Optional.empty();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isExecutable(candidate)) {
                found = Optional.of(candidate);
                break;
            }
        }
        String message =
                program + " is not installed, so the file is not checked with it: apt-get install -y " + debianPackage;
        if (found.isEmpty() && "1".equals(System.getenv("CLARITY_REQUIRE_ENGINE"))) {
            throw new IllegalStateException("CI requires this check, but " + message);
        }
        assumeTrue(found.isPresent(), message);
        return found.get();
    }

    record Result(int exit, String output) {}

    /** Runs {@code command} in {@code dir} with {@code env} added, output and errors together, within two minutes. */
    static Result run(Path dir, Map<String, String> env, List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                    .directory(dir.toFile())
                    .redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within two minutes; it printed:\n" + output);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("running " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
    }
}
