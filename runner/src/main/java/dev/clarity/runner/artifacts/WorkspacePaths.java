package dev.clarity.runner.artifacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Confines paths to a workspace: {@code ..} segments, absolute paths and symbolic links that lead outside are
 * refused. Used for check arguments, tool answers and artifact names.
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
            // follow every existing prefix: a symlink anywhere on the way may not lead out of the workspace
            Path probe = target;
            while (probe != null && !Files.exists(probe, LinkOption.NOFOLLOW_LINKS)) {
                probe = probe.getParent();
            }
            if (probe != null && !probe.toRealPath().startsWith(root)) {
                return Optional.empty();
            }
            return Optional.of(target);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
