package dev.clarity.migrations;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The password of the embedded PostgreSQL's superuser, kept in {@code CLARITY_DATA_DIR/postgres.password} (mode
 * 0600, owner only): 32 random bytes, base64url, on one line. Created once, before {@code initdb} reads it
 * ({@code --pwfile}); read on every later start. A file that others can read is narrowed to 0600 again.
 */
final class PostgresPassword {
    static final String FILE_NAME = "postgres.password";
    private static final Logger log = LoggerFactory.getLogger(PostgresPassword.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private PostgresPassword() {}

    /** The password stored in {@code file}, if there is one. */
    static Optional<String> read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        narrow(file);
        String password = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (password.isEmpty()) {
            throw new DatabaseStartException("The database password file " + file + " is empty; restore it from a"
                    + " backup of the data directory (it holds the password of the embedded PostgreSQL).");
        }
        return Optional.of(password);
    }

    /**
     * Writes a new random password to {@code file}, created with mode 0600 and flushed to disk before this returns
     * (a password set in the database but lost from the file would lock Clarity out of its own data).
     */
    static String create(Path file) throws IOException {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap((password + "\n").getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    private static void narrow(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        if (!OWNER_ONLY.containsAll(permissions)) {
            log.warn(
                    "The database password file {} was readable by others ({}); narrowing it to rw-------",
                    file,
                    PosixFilePermissions.toString(permissions));
            Files.setPosixFilePermissions(file, EnumSet.copyOf(OWNER_ONLY));
        }
    }
}
