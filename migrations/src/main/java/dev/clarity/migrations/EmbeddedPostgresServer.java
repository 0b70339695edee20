package dev.clarity.migrations;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server that lives in Clarity's data directory and belongs to exactly one Clarity process.
 *
 * <p>Ownership is an exclusive lock on {@code dataDir/clarity.lock}, held for the life of the server: a second
 * process pointed at the same directory is refused before it touches any file of the database. A PostgreSQL left
 * running by an owner that was killed (the lock is free again but {@code postmaster.pid} names a live process) is
 * shut down cleanly before a new one starts, so a crash never leaves the directory unusable.
 *
 * <p>Access: the server listens on 127.0.0.1 and on no unix socket, and every login proves the superuser's random
 * password ({@link PostgresPassword}, mode 0600 in the data directory) with SCRAM-SHA-256 ({@link
 * ClientAuthentication}); no login is trusted. A data directory made before that (its {@code pg_hba.conf} says
 * {@code trust}) is upgraded in place on its first start, keeping its data.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(15);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");

    private final FileChannel lockChannel;
    private final FileLock lock;
    private final EmbeddedPostgres postgres;
    private final String password;

    private EmbeddedPostgresServer(FileChannel lockChannel, FileLock lock, EmbeddedPostgres postgres, String password) {
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.postgres = postgres;
        this.password = password;
    }

    static EmbeddedPostgresServer start(Path dataDir, boolean durable) {
        Path pgDir = dataDir.resolve("postgres");
        FileChannel channel = null;
        FileLock lock = null;
        EmbeddedPostgres postgres = null;
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
            boolean initialized = Files.exists(pgDir.resolve("postgresql.conf"));
            boolean trusting = initialized && ClientAuthentication.trustsAnyone(pgDir);
            Path passwordFile = dataDir.resolve(PostgresPassword.FILE_NAME);
            String password = password(passwordFile, !initialized || trusting, pgDir);
            var builder = EmbeddedPostgres.builder()
                    .setDataDirectory(pgDir)
                    .setOverrideWorkingDirectory(binariesDirectory().toFile())
                    .setCleanDataDirectory(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    // initdb runs with "-A trust" first; these later options replace it for both kinds of login
                    .setLocaleConfig("auth-host", "scram-sha-256")
                    .setLocaleConfig("auth-local", "scram-sha-256")
                    .setLocaleConfig("pwfile", passwordFile.toString())
                    .setConnectConfig("password", password)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("unix_socket_directories", "''")
                    .setServerConfig("password_encryption", "scram-sha-256");
            if (!trusting) {
                // every start, so that a hand-edited file cannot open the database again
                builder.setDataDirectoryCustomizer(dir -> writeClientAuthentication(dir.toPath()));
            }
            if (durable) {
                // zonky's builder turns synchronous_commit off by default: a commit must reach the disk before it is
                // acknowledged (ADR 0002)
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            } else {
                builder.setServerConfig("synchronous_commit", "off");
            }
            postgres = builder.start();
            if (trusting) {
                requirePassword(postgres, pgDir, password);
            }
            return new EmbeddedPostgresServer(channel, lock, postgres, password);
        } catch (IOException | RuntimeException e) {
            closeQuietly(postgres);
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

    /**
     * The superuser's password: read from its file, or made now for a new data directory (initdb sets it) or for one
     * that still trusts every login (set after the start, {@link #requirePassword}).
     */
    /**
     * Where zonky unpacks the PostgreSQL binaries: by default a shared {@code /tmp/embedded-pg} that any local user
     * could prepare with binaries of their own, which Clarity would then run. Instead a directory only this user may
     * write ({@code ~/.cache/clarity/postgres}, 0700), shared by every data directory of the user so the binaries are
     * unpacked once. A directory there that others may write is narrowed back to 0700.
     */
    static Path binariesDirectory() throws IOException {
        Path dir = Path.of(System.getProperty("user.home"), ".cache", "clarity", "postgres");
        Files.createDirectories(dir.getParent());
        for (Path owned : List.of(dir.getParent(), dir)) {
            if (!Files.exists(owned, LinkOption.NOFOLLOW_LINKS)) {
                try {
                    Files.createDirectory(owned, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                } catch (FileAlreadyExistsException raced) {
                    // another Clarity process of this user made it first
                }
            }
            if (Files.isSymbolicLink(owned) || !Files.isDirectory(owned)) {
                throw new DatabaseStartException("The PostgreSQL binaries directory " + owned
                        + " is not a plain directory; remove it so Clarity can make it again.");
            }
            if (!Files.getPosixFilePermissions(owned).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(owned, OWNER_ONLY);
            }
        }
        return dir;
    }

    private static String password(Path file, boolean mayCreate, Path pgDir) throws IOException {
        var stored = PostgresPassword.read(file);
        if (stored.isPresent()) {
            return stored.get();
        }
        if (!mayCreate) {
            throw new DatabaseStartException(
                    "The database password file " + file + " is missing, and the embedded" + " PostgreSQL in " + pgDir
                            + " requires it; restore the file from a backup of the data directory.");
        }
        return PostgresPassword.create(file);
    }

    /**
     * Upgrades a data directory made when the embedded server trusted every login on 127.0.0.1: sets the superuser's
     * password (sent as a SCRAM verifier, never as text), then replaces {@code pg_hba.conf} and reloads it. Nothing
     * else changes; a crash in between repeats the upgrade on the next start with the same password.
     */
    private static void requirePassword(EmbeddedPostgres postgres, Path pgDir, String password) throws IOException {
        try (Connection c = postgres.getPostgresDatabase().getConnection()) {
            c.unwrap(PGConnection.class).alterUserPassword("postgres", password.toCharArray(), "scram-sha-256");
            ClientAuthentication.write(pgDir);
            try (Statement s = c.createStatement();
                    ResultSet reloaded = s.executeQuery("select pg_reload_conf()")) {
                if (!reloaded.next() || !reloaded.getBoolean(1)) {
                    throw new IOException("PostgreSQL did not reload " + ClientAuthentication.FILE_NAME);
                }
            }
        } catch (SQLException e) {
            throw new IOException("setting the password of the embedded PostgreSQL's superuser", e);
        }
        log.info(
                "The embedded PostgreSQL in {} trusted every local login; it now requires the password kept in {}",
                pgDir,
                PostgresPassword.FILE_NAME);
    }

    private static void writeClientAuthentication(Path pgDir) {
        try {
            ClientAuthentication.write(pgDir);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + pgDir.resolve(ClientAuthentication.FILE_NAME), e);
        }
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    int port() {
        return postgres.getPort();
    }

    /** The superuser's password, for Clarity's own connections. */
    String password() {
        return password;
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

    private static void closeQuietly(EmbeddedPostgres postgres) {
        if (postgres == null) {
            return;
        }
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("Stopping the embedded PostgreSQL after a failed start reported: {}", e.getMessage());
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very JVM: the directory is in use all the same
        }
    }

    /**
     * The JDBC URL of the PostgreSQL another Clarity process runs in {@code dataDir}: present when that process holds
     * the directory's lock (so the server is its own, not an orphan) and PostgreSQL's {@code postmaster.pid} says the
     * server is ready on a loopback port. The pid file is in the server's directory, which only its owner can read,
     * like the password file; nothing is started and the lock is not taken.
     */
    static Optional<String> runningElsewhere(Path dataDir) {
        Path lockFile = dataDir.resolve("clarity.lock");
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.isRegularFile(lockFile) || !Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock != null) {
                lock.release(); // nobody owns the directory: there is no server to join
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            // postmaster.pid: pid, data directory, start time, port, socket directory, listen address, key, status
            if (lines.size() < 8 || !lines.get(7).strip().equals("ready")) {
                return Optional.empty();
            }
            int port = Integer.parseInt(lines.get(3).strip());
            return Optional.of("jdbc:postgresql://localhost:" + port + "/postgres?user=postgres");
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
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
