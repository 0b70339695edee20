package dev.clarity.runner.toolchain;

import dev.clarity.runner.api.RunnerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The dependency caches of each repository, under {@code <data>/caches/<key>} where the key is a hash of the
 * repository's URL (credentials and a trailing {@code .git} left out): Maven's local repository, Gradle's user home,
 * npm's cache, pip's cache, Go's module cache and Cargo's home. Setup fills them (with the network
 * {@code sandbox.network} allows); setup and check steps of the same repository get them back; two repositories —
 * and so two customers — never share one. PREP records which repository a workspace holds ({@code
 * <data>/caches/.workspaces/<id>}), so later steps, which know only the workspace, find the same cache. Calls for
 * one workspace do not run concurrently (one step at a time).
 */
public final class DependencyCaches {
    private static final Pattern CREDENTIALS = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@]*@");

    private final Path root;

    /** {@code root} is {@code <data>/caches}. */
    public DependencyCaches(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** One repository's cache directory and the environment that points each build tool at it. */
    public record Cache(Path directory) {
        /**
         * The variables a setup or check step gets: every tool's cache inside {@link #directory()}; Maven also gets
         * a {@code user.home} there, so it reads no host {@code ~/.m2/settings.xml} either.
         */
        public Map<String, String> environment() {
            Map<String, String> env = new LinkedHashMap<>();
            env.put(
                    "MAVEN_OPTS",
                    "-Dmaven.repo.local=" + directory.resolve("maven") + " -Duser.home=" + directory.resolve("home"));
            env.put("MAVEN_USER_HOME", directory.resolve("maven-user").toString());
            env.put("GRADLE_USER_HOME", directory.resolve("gradle").toString());
            env.put("npm_config_cache", directory.resolve("npm").toString());
            env.put("PIP_CACHE_DIR", directory.resolve("pip").toString());
            env.put("GOPATH", directory.resolve("go").toString());
            env.put("GOMODCACHE", directory.resolve("go/pkg/mod").toString());
            env.put("GOCACHE", directory.resolve("go/build").toString());
            env.put("CARGO_HOME", directory.resolve("cargo").toString());
            return env;
        }

        /** Maven's local repository in this cache. */
        public Path maven() {
            return directory.resolve("maven");
        }
    }

    /** Records that {@code workspaceId} holds {@code repoUrl} and makes its cache; returns it. */
    public Cache assign(String workspaceId, String repoUrl) {
        String key = key(repoUrl);
        Path records = root.resolve(".workspaces");
        try {
            Files.createDirectories(records);
            Path tmp = Files.createTempFile(records, ".tmp-", "");
            try {
                Files.writeString(tmp, key + "\n", StandardCharsets.US_ASCII);
                Files.move(
                        tmp, record(workspaceId), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return make(key);
        } catch (IOException e) {
            throw new RunnerException("making the dependency cache of workspace " + workspaceId, e);
        }
    }

    /** The cache of the repository PREP recorded for {@code workspaceId}; empty before any PREP recorded one. */
    public Optional<Cache> of(String workspaceId) {
        Path record = record(workspaceId);
        try {
            if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            String key = Files.readString(record, StandardCharsets.US_ASCII).strip();
            if (!key.matches("[0-9a-f]{32}")) {
                throw new RunnerException("the cache record of workspace " + workspaceId + " is damaged: " + record);
            }
            return Optional.of(make(key));
        } catch (IOException e) {
            throw new RunnerException("reading the dependency cache of workspace " + workspaceId, e);
        }
    }

    /** The key of a repository: 32 hex digits of the SHA-256 of its URL without credentials or {@code .git}. */
    static String key(String repoUrl) {
        String url = CREDENTIALS.matcher(repoUrl.strip()).replaceFirst("$1");
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        url = url.endsWith(".git") ? url.substring(0, url.length() - 4) : url;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private Cache make(String key) throws IOException {
        Path dir = root.resolve(key);
        Files.createDirectories(dir.resolve("maven"));
        Files.createDirectories(dir.resolve("home"));
        return new Cache(dir);
    }

    private Path record(String workspaceId) {
        if (!workspaceId.matches("[A-Za-z0-9._-]{1,200}") || workspaceId.startsWith(".")) {
            throw new IllegalArgumentException(
                    "a workspace id is letters, digits, '.', '_' and '-', got " + workspaceId);
        }
        return root.resolve(".workspaces").resolve(workspaceId);
    }
}
