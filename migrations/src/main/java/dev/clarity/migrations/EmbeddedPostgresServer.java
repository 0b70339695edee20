package dev.clarity.migrations;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that lives in Clarity's data directory and belongs to exactly one Clarity process.
 *
 * <p>Ownership is an exclusive lock on {@code dataDir/clarity.lock}, held for the life of the server: a second
 * process pointed at the same directory is refused before it touches any file of the database. A PostgreSQL left
 * running by an owner that was killed (the lock is free again but {@code postmaster.pid} names a live process) is
 * shut down cleanly before a new one starts, so a crash never leaves the directory unusable.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(15);

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
    }

    static EmbeddedPostgresServer start(Path dataDir, boolean durable) {
        Path pgDir = dataDir.resolve("postgres");
        FileChannel channel = null;
        FileLock lock = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(
                    dataDir.resolve("clarity.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = tryLock(channel);
            if (lock == null) {
                throw new DatabaseStartException("The data directory " + dataDir
                        + " is in use by another Clarity process; stop it first, or set CLARITY_DATA_DIR to another"
                        + " directory (for example CLARITY_DATA_DIR=/tmp/clarity-2).");
            }
            stopOrphanedServer(pgDir);
            var builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "''");
            if (durable) {
                builder.setServerConfig("fsync", "on");
            } else {
                builder.setServerConfig("synchronous_commit", "off");
            }
            EmbeddedPostgres postgres = builder.start();
            return new EmbeddedPostgresServer(channel, lock, postgres);
        } catch (IOException | RuntimeException e) {
            releaseQuietly(lock, channel);
            if (e instanceof DatabaseStartException dse) {
                throw dse;
            }
            throw new DatabaseStartException(
                    "Starting the embedded PostgreSQL in " + pgDir + " did not succeed (" + rootMessage(e)
                            + "); check that the directory is writable and not used by another server.",
                    e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    int port() {
        return postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Stopping the embedded PostgreSQL reported: {}", e.getMessage());
        } finally {
            releaseQuietly(lock, lockChannel);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very JVM: the directory is in use all the same
        }
    }

    /** We hold the directory lock, so a live postmaster here was left behind by a Clarity that died. */
    private static void stopOrphanedServer(Path pgDir) throws IOException {
        Path pidFile = pgDir.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty()) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(lines.getFirst().trim());
        } catch (NumberFormatException e) {
            return; // PostgreSQL itself rejects or replaces a malformed pid file
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (handle.isEmpty()
                || !handle.get()
                        .info()
                        .command()
                        .map(c -> c.contains("postgres"))
                        .orElse(false)) {
            return;
        }
        log.warn("A PostgreSQL (pid {}) left running by an earlier Clarity process holds {}; stopping it", pid, pgDir);
        handle.get().destroy(); // SIGTERM: a smart shutdown, its clients are gone with their process
        try {
            handle.get().onExit().get(ORPHAN_STOP_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            handle.get().destroyForcibly();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("waiting for the orphaned PostgreSQL " + pid + " to stop", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping the orphaned PostgreSQL " + pid, e);
        }
    }

    private static void releaseQuietly(FileLock lock, FileChannel channel) {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            log.debug("Releasing the data directory lock: {}", e.getMessage());
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
