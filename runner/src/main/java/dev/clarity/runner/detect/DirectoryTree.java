package dev.clarity.runner.detect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** A {@link RepositoryTree} over a directory on disk; symbolic links are neither files nor directories here. */
public final class DirectoryTree implements RepositoryTree {
    private static final LinkOption[] NO_FOLLOW = {LinkOption.NOFOLLOW_LINKS};

    private final Path root;

    public DirectoryTree(Path root) {
        this.root = root;
    }

    @Override
    public boolean isFile(String path) {
        return Files.isRegularFile(resolve(path), NO_FOLLOW);
    }

    @Override
    public boolean isExecutable(String path) {
        Path file = resolve(path);
        if (!Files.isRegularFile(file, NO_FOLLOW)) {
            return false;
        }
        try {
            return Files.readAttributes(file, PosixFileAttributes.class, NO_FOLLOW)
                    .permissions()
                    .contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (UnsupportedOperationException e) {
            return Files.isExecutable(file);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the permissions of " + file, e);
        }
    }

    @Override
    public boolean isDirectory(String path) {
        return Files.isDirectory(resolve(path), NO_FOLLOW);
    }

    @Override
    public Optional<String> read(String path) {
        Path file = resolve(path);
        try {
            if (!Files.isRegularFile(file, NO_FOLLOW) || Files.size(file) > MAX_READ_BYTES) {
                return Optional.empty();
            }
            return Optional.of(Files.readString(file, StandardCharsets.UTF_8));
        } catch (java.nio.charset.MalformedInputException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    @Override
    public List<String> list(String directory) {
        Path dir = resolve(directory);
        if (!Files.isDirectory(dir, NO_FOLLOW)) {
            return List.of();
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + dir, e);
        }
    }

    private Path resolve(String path) {
        return path.isEmpty() ? root : root.resolve(path);
    }
}
