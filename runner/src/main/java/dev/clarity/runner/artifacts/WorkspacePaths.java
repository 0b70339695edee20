package dev.clarity.runner.artifacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Confines paths to a workspace: {@code ..} segments, absolute paths, and any path whose real location (every
 * symbolic link on the way followed) is outside the workspace or inside its {@code .git} are refused — a link
 * {@code g -> .git} in the repository reaches git's control files as surely as {@code .git} itself. Used for file
 * calls, check arguments, tool answers and artifact names.
 */
public final class WorkspacePaths {
    private WorkspacePaths() {}

    /** The path inside {@code workspace}, or empty when {@code relative} would leave it. */
    public static Optional<Path> resolve(Path workspace, String relative) {
        if (relative == null || relative.isBlank() || relative.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        Path rel = Path.of(relative);
        if (rel.isAbsolute()) {
            return Optional.empty();
        }
        for (Path part : rel) {
            if (part.toString().equals("..")) {
                return Optional.empty();
            }
        }
        try {
            Path root = workspace.toRealPath();
            Path target = root.resolve(rel).normalize();
            if (!target.startsWith(root)) {
                return Optional.empty();
            }
            // follow the longest existing prefix: a symlink anywhere on the way may lead neither out of the
            // workspace nor into .git; the part that does not exist yet is taken as it is written
            Path probe = target;
            while (probe != null && !Files.exists(probe, LinkOption.NOFOLLOW_LINKS)) {
                probe = probe.getParent();
            }
            Path real = probe == null ? target : probe.toRealPath().resolve(probe.relativize(target));
            if (!real.startsWith(root) || insideGit(root.relativize(real))) {
                return Optional.empty();
            }
            return Optional.of(target);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether a workspace-relative path is {@code .git} or inside it (any case: some file systems ignore it). */
    static boolean insideGit(Path relative) {
        return relative.getNameCount() > 0
                && relative.getName(0).toString().toLowerCase(Locale.ROOT).equals(".git");
    }
}
