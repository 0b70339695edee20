package dev.clarity.bot.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * {@code CLARITY_DATA_DIR/serve.pid}: the process id of the {@code serve} that owns the data directory, written
 * (owner-only) once it is ready and removed when it stops. {@code clarity run} hands its execution over only to a
 * live server; a process that owns the directory without a marker (another {@code clarity run}) does not take it.
 * A marker left by a killed server names a dead process and is ignored.
 */
final class ServeMarker {
    static final String FILE_NAME = "serve.pid";

    private ServeMarker() {}

    /** Records this process as the directory's server. */
    static void write(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        Path temp = dataDir.resolve(FILE_NAME + ".tmp");
        try {
            Files.deleteIfExists(temp);
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temp, Long.toString(ProcessHandle.current().pid()) + "\n");
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    /** Removes the marker if it is this process's (a newer server's is left alone). */
    static void remove(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (pid(file) == ProcessHandle.current().pid()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // the server stops anyway; a marker naming a dead process is ignored
        }
    }

    /** Whether the marker names a live process. */
    static boolean alive(Path dataDir) {
        try {
            long pid = pid(dataDir.resolve(FILE_NAME));
            return pid > 0 && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    private static long pid(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return -1;
        }
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
