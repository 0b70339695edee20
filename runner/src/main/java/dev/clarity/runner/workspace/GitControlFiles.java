package dev.clarity.runner.workspace;

import dev.clarity.runner.api.RunnerException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.stream.Stream;

/**
 * Checks a workspace's {@code .git} before Clarity's git opens it: git's control files are Clarity's, so a
 * {@code .git} that is not a plain directory of the workspace, or that holds a symbolic link where git keeps its
 * state, is refused rather than followed. A symbolic link there could lead Clarity's git (running on the host, as the
 * runner's user) to another checkout's objects, to a file it would overwrite, or to a repository a tool prepared.
 *
 * <p>Refused, with a {@link RunnerException} naming the workspace and the path: the workspace directory or
 * {@code .git} being a symbolic link, {@code .git} being a file (a {@code gitdir:} pointer), {@code .git} not being
 * where the workspace's real path says, and a symbolic link among {@code .git}'s entries, under {@code refs/} and
 * {@code logs/}, or among {@code objects/}'s directories. Removed, because Clarity never makes them and each points
 * git at other repositories or rewrites history: {@code commondir}, {@code objects/info/alternates},
 * {@code objects/info/http-alternates}, {@code shallow} and {@code info/grafts}.
 */
final class GitControlFiles {
    private static final List<String> FOREIGN =
            List.of("commondir", "objects/info/alternates", "objects/info/http-alternates", "shallow", "info/grafts");

    private GitControlFiles() {}

    /** The workspace's {@code .git}, once it passed the checks above. */
    static Path confine(Path workTree) throws IOException {
        String name = workTree.getFileName().toString();
        if (Files.isSymbolicLink(workTree)) {
            throw refused(name, "the workspace directory is a symbolic link");
        }
        Path gitDir = workTree.resolve(".git");
        if (Files.isSymbolicLink(gitDir)) {
            throw refused(name, ".git is a symbolic link");
        }
        if (!Files.isDirectory(gitDir, LinkOption.NOFOLLOW_LINKS)) {
            throw refused(name, ".git is not a directory");
        }
        if (!gitDir.toRealPath().equals(workTree.toRealPath().resolve(".git"))) {
            throw refused(name, ".git is reached through a symbolic link");
        }
        try (Stream<Path> entries = Files.list(gitDir)) {
            for (Path entry : entries.toList()) {
                if (Files.isSymbolicLink(entry)) {
                    throw refused(name, ".git/" + entry.getFileName() + " is a symbolic link");
                }
            }
        }
        for (String tree : List.of("refs", "logs")) {
            noLinksUnder(name, gitDir, gitDir.resolve(tree));
        }
        Path objects = gitDir.resolve("objects");
        if (Files.isDirectory(objects, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> entries = Files.list(objects)) {
                for (Path entry : entries.toList()) {
                    if (Files.isSymbolicLink(entry)) {
                        throw refused(name, ".git/" + gitDir.relativize(entry) + " is a symbolic link");
                    }
                }
            }
        }
        for (String foreign : FOREIGN) {
            Files.deleteIfExists(gitDir.resolve(foreign));
        }
        return gitDir;
    }

    private static void noLinksUnder(String name, Path gitDir, Path tree) throws IOException {
        if (!Files.isDirectory(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(tree, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isSymbolicLink()) {
                    throw refused(name, ".git/" + gitDir.relativize(file) + " is a symbolic link");
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static RunnerException refused(String workspace, String why) {
        return new RunnerException("workspace " + workspace + ": " + why
                + "; Clarity's git does not follow links in git's control files, so it will not work in it"
                + " (remove the workspace to have it cloned again)");
    }
}
