package dev.clarity.runner.local;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.clarity.runner.api.RunnerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last completed result per (workspace, operation, idempotency key): in a Caffeine cache and as a JSON file under
 * a directory of the workspace's own, so a restarted runner still answers a repeat with the stored result. A call with
 * a key runs at most once at a time; a failure (exception) stores nothing, so the call may be retried. The results of
 * a workspace that is made again from scratch describe work that is gone: {@link #forget} drops them. Thread-safe.
 */
final class IdempotencyStore {
    private static final Logger log = LoggerFactory.getLogger(IdempotencyStore.class);

    private final Path directory;
    private final ObjectMapper json;
    private final Cache<String, Object> cache;
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    IdempotencyStore(Path directory, ObjectMapper json, Executor executor, Ticker ticker) {
        this.directory = directory;
        this.json = json;
        this.cache = Caffeine.newBuilder()
                .maximumSize(10_000)
                .executor(executor)
                .ticker(ticker)
                .build();
    }

    <T> T once(String workspaceId, String operation, String key, Class<T> type, Supplier<T> action) {
        return once(workspaceId, operation, key, type, action, result -> true);
    }

    /** As above; a result {@code kept} says no to is answered but not stored, so the same key runs again. */
    <T> T once(
            String workspaceId,
            String operation,
            String key,
            Class<T> type,
            Supplier<T> action,
            java.util.function.Predicate<? super T> kept) {
        if (key == null || key.isBlank()) {
            return action.get();
        }
        String id = workspaceId + "/" + digest(workspaceId + "\n" + operation + "\n" + key);
        Object lock = locks.computeIfAbsent(id, k -> new Object());
        synchronized (lock) {
            Object cached = cache.getIfPresent(id);
            if (type.isInstance(cached)) {
                return type.cast(cached);
            }
            Path file = directory.resolve(id + ".json");
            Path folder = file.getParent();
            try {
                Optional<T> stored = stored(file, type, operation);
                if (stored.isPresent()) {
                    cache.put(id, stored.get());
                    return stored.get();
                }
                T result = action.get();
                if (!kept.test(result)) {
                    return result;
                }
                Files.createDirectories(folder);
                Path temp = directory.resolve(id + ".tmp");
                Files.writeString(temp, json.writeValueAsString(result), StandardCharsets.UTF_8);
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                cache.put(id, result);
                return result;
            } catch (IOException e) {
                throw new RunnerException("storing the result of " + operation + " for workspace " + workspaceId, e);
            } finally {
                locks.remove(id, lock);
            }
        }
    }

    /**
     * The result stored in {@code file}. One this version cannot read (stored before results carried their case as
     * {@code outcome}) counts as none: the call runs again, which every step survives (they are idempotent on the
     * workspace too), rather than fail on every resume.
     */
    private <T> Optional<T> stored(Path file, Class<T> type, String operation) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), type));
        } catch (JsonMappingException e) {
            log.warn(
                    "A stored result of {} is of an older shape and is not used; the call runs again: {}",
                    operation,
                    e.getOriginalMessage());
            return Optional.empty();
        }
    }

    /** Drops every stored result of {@code workspaceId} (its workspace is about to be made again from scratch). */
    void forget(String workspaceId) {
        String prefix = workspaceId + "/";
        cache.asMap().keySet().removeIf(k -> k.startsWith(prefix));
        Path folder = directory.resolve(workspaceId);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(folder);
        } catch (IOException e) {
            throw new RunnerException("dropping the stored results of workspace " + workspaceId, e);
        }
    }

    private static String digest(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
