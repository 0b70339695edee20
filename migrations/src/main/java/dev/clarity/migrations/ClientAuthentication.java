package dev.clarity.migrations;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;

/**
 * The embedded PostgreSQL's {@code pg_hba.conf}: every connection, local or over loopback TCP, proves the
 * superuser's password with SCRAM-SHA-256; no line says {@code trust}. Clarity owns the file and writes it whole.
 */
final class ClientAuthentication {
    static final String FILE_NAME = "pg_hba.conf";

    static final String CONTENT = """
            # Written by Clarity on every start of its embedded PostgreSQL; changes here are replaced.
            # Every login needs the password kept in CLARITY_DATA_DIR/postgres.password (SCRAM-SHA-256); the server
            # listens on 127.0.0.1 only and on no unix socket.
            # TYPE  DATABASE        USER            ADDRESS                 METHOD
            local   all             all                                     scram-sha-256
            host    all             all             127.0.0.1/32            scram-sha-256
            host    all             all             ::1/128                 scram-sha-256
            local   replication     all                                     scram-sha-256
            host    replication     all             127.0.0.1/32            scram-sha-256
            host    replication     all             ::1/128                 scram-sha-256
            """;

    private ClientAuthentication() {}

    /**
     * True when a line of {@code pgDir/pg_hba.conf} lets a client in without a password ({@code trust}): a data
     * directory made before Clarity required one, whose superuser has no password yet.
     */
    static boolean trustsAnyone(Path pgDir) throws IOException {
        Path file = pgDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return false;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int comment = line.indexOf('#');
            String entry = (comment < 0 ? line : line.substring(0, comment)).strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] fields = entry.split("\\s+");
            for (String field : fields) {
                if (field.toLowerCase(Locale.ROOT).equals("trust")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Replaces {@code pgDir/pg_hba.conf} with {@link #CONTENT} (written beside it, flushed, then moved over it). */
    static void write(Path pgDir) throws IOException {
        Path file = pgDir.resolve(FILE_NAME);
        Path temporary = pgDir.resolve(FILE_NAME + ".new");
        Files.deleteIfExists(temporary);
        Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(CONTENT.getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
