package dev.clarity.runner.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.checks.CheckResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The test counts of a base commit, measured once and kept: {@code <workspaces>/.bases/<commit>.counts/<key>.json},
 * {@code {"tests": 15, "skipped": 1}}, or {@code {"none": true}} when the check reported no counts on the base.
 * Keyed by commit, so every item that starts from the same commit (any workspace) reads the same numbers, and a
 * restart does not measure again. Measurements of one commit run one at a time; different commits in parallel.
 */
final class BaseTestCounts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Map<String, Object> measuring = new ConcurrentHashMap<>();
    private final AtomicInteger measured = new AtomicInteger();

    /** @param directory {@code <workspaces>/.bases} */
    BaseTestCounts(Path directory) {
        this.directory = directory;
    }

    /**
     * The counts of check {@code key} on {@code commit}: read when kept, else {@code measure}d now and kept (empty
     * when the check reported none there).
     */
    Optional<CheckResult.TestCount> counts(
            String commit, String key, Supplier<Optional<CheckResult.TestCount>> measure) {
        Path file = directory.resolve(commit + ".counts").resolve(key.replaceAll("[^A-Za-z0-9._-]", "_") + ".json");
        synchronized (measuring.computeIfAbsent(commit, c -> new Object())) {
            try {
                if (Files.isRegularFile(file)) {
                    var node = JSON.readTree(file.toFile());
                    return node.path("none").asBoolean(false)
                            ? Optional.empty()
                            : Optional.of(new CheckResult.TestCount(
                                    node.path("tests").asInt(),
                                    node.path("skipped").asInt()));
                }
                measured.incrementAndGet();
                Optional<CheckResult.TestCount> counts = measure.get();
                Files.createDirectories(file.getParent());
                Path tmp = Files.createTempFile(file.getParent(), "counts-", ".tmp");
                Files.writeString(
                        tmp,
                        counts.map(c -> "{\"tests\":" + c.tests() + ",\"skipped\":" + c.skipped() + "}")
                                .orElse("{\"none\":true}"));
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return counts;
            } catch (IOException e) {
                throw new RunnerException("keeping the test counts of base commit " + commit, e);
            }
        }
    }

    /** How many measurements this process made (each ran the check on a base commit). */
    int measurements() {
        return measured.get();
    }
}
