package dev.clarity.runner.detect;

import java.util.List;
import java.util.Optional;

/**
 * The files of a repository as the detector sees them: paths are relative to the root and {@code /}-separated.
 * Nothing behind it runs code or follows a symbolic link out of the tree. An implementation over the work tree
 * ({@link DirectoryTree}) serves {@code clarity init}; a step must read the item's base commit instead, since the
 * detection decides what is checked.
 */
public interface RepositoryTree {
    /** Files larger than this are not read (no build file is this large). */
    int MAX_READ_BYTES = 1 << 20;

    /** True when {@code path} is a regular file (not a link, not a directory). */
    boolean isFile(String path);

    /** True when {@code path} is a regular file its owner may execute. */
    boolean isExecutable(String path);

    boolean isDirectory(String path);

    /** The file's text (UTF-8); empty when it is missing, not a regular file or larger than {@link #MAX_READ_BYTES}. */
    Optional<String> read(String path);

    /** The names of the entries directly in {@code directory}, sorted; empty when it is not a directory. */
    List<String> list(String directory);
}
