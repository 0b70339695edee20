package dev.clarity.tasks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Reads a task list from disk with one clear sentence for every way that can go wrong, and replaces it
 * atomically: the new bytes go to a temporary file beside it, are forced to disk, then renamed over the original,
 * so a reader sees the old file or the new one, never half of one.
 */
public final class TaskFile {
    private TaskFile() {}

    /** What reading a file gave. */
    public sealed interface Read {
        /** The file's bytes. */
        record Loaded(byte[] bytes) implements Read {}

        /** The file cannot be read; {@code message} names the file and says why. */
        record Unreadable(String message) implements Read {}
    }

    public static Read read(Path file) {
        if (Files.isDirectory(file)) {
            return new Read.Unreadable(file + ": is a directory, not a task list");
        }
        if (!Files.exists(file)) {
            return new Read.Unreadable(file + ": no such file");
        }
        if (!Files.isRegularFile(file)) {
            return new Read.Unreadable(file + ": is not a regular file");
        }
        try {
            long size = Files.size(file);
            if (size > TaskListReader.MAX_BYTES) {
                return new Read.Unreadable("%s: the file is %.1f MB; a task list may be at most %d MB"
                        .formatted(file, size / 1_000_000.0, TaskListReader.MAX_BYTES / (1024 * 1024)));
            }
            return new Read.Loaded(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return new Read.Unreadable(file + ": no such file");
        } catch (AccessDeniedException e) {
            return new Read.Unreadable(file + ": permission denied");
        } catch (IOException e) {
            return new Read.Unreadable(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Replaces {@code file} with {@code bytes} atomically, keeping its permissions; follows a symbolic link. */
    public static void replace(Path file, byte[] bytes) {
        Path target;
        try {
            target = file.toRealPath();
        } catch (IOException e) {
            target = file.toAbsolutePath();
        }
        Path dir = target.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
            try (FileChannel ch =
                    FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            copyPermissions(target, tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + target + " through a temporary file", e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the temporary file is hidden and harmless; the original is untouched
                }
            }
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        if (view != null && Files.exists(from)) {
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            Files.setPosixFilePermissions(to, perms);
        }
    }
}
