package dev.clarity.runner.artifacts;

import dev.clarity.runner.api.RunnerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads and writes single files of a workspace by a path relative to its root, under the rules of
 * {@link WorkspacePaths} ({@code ..} segments, absolute paths, and symbolic links leading out of the workspace or
 * into {@code .git} are refused) and one more, checked on the path as written: nothing inside {@code .git}, which is
 * git's own state, not a file of the repository. The in-process
 * orchestrator and the runner's file calls both go through here, so both confine paths the same way.
 */
public final class ConfinedFiles {
    private ConfinedFiles() {}

    /**
     * The file's bytes; empty when the file (or the workspace) does not exist.
     *
     * @throws IllegalArgumentException naming the path when it would leave the workspace
     */
    public static Optional<byte[]> read(Path workspace, String path) {
        checkShape(path);
        if (!Files.isDirectory(workspace)) {
            return Optional.empty();
        }
        Path file = inside(workspace, path);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new RunnerException("reading " + path + " in " + workspace.getFileName(), e);
        }
    }

    /**
     * Replaces the file with {@code content} through a temporary file beside it and an atomic rename, so a crash
     * leaves the old file or the new one, never half of one. Missing parent directories are created.
     *
     * @throws IllegalArgumentException naming the path when it would leave the workspace
     * @throws RunnerException when the workspace does not exist or the disk refuses
     */
    public static void write(Path workspace, String path, byte[] content) {
        checkShape(path);
        if (!Files.isDirectory(workspace)) {
            throw new RunnerException("writing " + path + ": workspace " + workspace.getFileName()
                    + " was not prepared (call prep first)");
        }
        Path file = inside(workspace, path);
        try {
            Files.createDirectories(file.getParent());
            inside(workspace, path); // the directories just made may not have changed where the path leads
            Path tmp = Files.createTempFile(file.getParent(), ".clarity-", ".tmp");
            try {
                Files.write(tmp, content);
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new RunnerException("writing " + path + " in " + workspace.getFileName(), e);
        }
    }

    /**
     * The refusals that do not depend on the disk: blank, absolute, {@code ..} anywhere, or into {@code .git}.
     *
     * @throws IllegalArgumentException naming the path
     */
    public static void checkShape(String path) {
        if (path == null || path.isBlank() || path.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("path must name a file in the workspace: \"" + path + "\"");
        }
        Path rel = Path.of(path).normalize();
        if (rel.toString().isEmpty()) {
            throw new IllegalArgumentException("path must name a file in the workspace: \"" + path + "\"");
        }
        if (Path.of(path).isAbsolute() || path.startsWith("/") || path.startsWith("\\")) {
            throw new IllegalArgumentException("path leaves the workspace (absolute): " + path);
        }
        for (Path part : Path.of(path)) {
            if (part.toString().equals("..")) {
                throw new IllegalArgumentException("path leaves the workspace (..): " + path);
            }
        }
        if (rel.getNameCount() > 0
                && rel.getName(0).toString().toLowerCase(Locale.ROOT).equals(".git")) {
            throw new IllegalArgumentException("path is inside .git, which is not a workspace file: " + path);
        }
    }

    /**
     * {@code path} as git names it in a tree ({@code /}-separated, {@code .} segments gone), under the same shape
     * rules as {@link #checkShape}; for reads at a commit, where no link on the disk is followed.
     *
     * @throws IllegalArgumentException naming the path
     */
    public static String treePath(String path) {
        checkShape(path);
        java.util.List<String> names = new java.util.ArrayList<>();
        for (Path part : Path.of(path).normalize()) {
            names.add(part.toString());
        }
        return String.join("/", names);
    }

    private static Path inside(Path workspace, String path) {
        return WorkspacePaths.resolve(workspace, path)
                .orElseThrow(() -> new IllegalArgumentException(
                        "path leaves the workspace or leads into .git (through a symbolic link): " + path));
    }
}
