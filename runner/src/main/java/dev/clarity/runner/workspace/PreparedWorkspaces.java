package dev.clarity.runner.workspace;

import dev.clarity.runner.api.RunnerException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Which workspaces hold a finished preparation (clone or fetch, then checkout): a mark per workspace in
 * {@code <root>/.prepared/<workspaceId>}, removed when a preparation starts and written once it has ended. A runner
 * killed mid-clone or mid-checkout (SIGKILL, power loss) leaves a directory without its mark; such a copy counts as
 * absent ({@link #ready} is false), so the orchestrator prepares it again instead of reading a task list that is not
 * there yet, and {@link GitWorkspaces} discards it and clones afresh. The marks live outside the workspaces, where no
 * tool writes. Calls for one workspace do not run concurrently (one step at a time); different ones are independent.
 */
public final class PreparedWorkspaces {
    private final Path root;
    private final Path marks;

    public PreparedWorkspaces(Path root) {
        this.root = root;
        this.marks = root.resolve(".prepared");
    }

    /** Whether the workspace holds a repository whose last preparation ended (a {@code .git} link counts). */
    public boolean ready(String workspaceId) {
        Path dir = GitWorkspaces.workspaceDirectory(root, workspaceId);
        return Files.exists(dir.resolve(".git"), LinkOption.NOFOLLOW_LINKS)
                && Files.exists(mark(workspaceId), LinkOption.NOFOLLOW_LINKS);
    }

    /** A preparation starts: until {@link #finished}, the workspace counts as absent. */
    void started(String workspaceId) throws IOException {
        Files.deleteIfExists(mark(workspaceId));
    }

    /** The preparation ended with the repository and its work tree on disk. */
    void finished(String workspaceId) throws IOException {
        Files.createDirectories(marks);
        try (FileChannel mark =
                FileChannel.open(mark(workspaceId), StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            mark.force(true);
        }
    }

    /**
     * Deletes what an interrupted preparation left in {@code directory}, links themselves and never what they lead
     * to; read-only directories (a dependency cache a tool made) are made writable first.
     */
    static void discard(Path directory) {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    dir.toFile().setWritable(true, true);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException failed) throws IOException {
                    if (failed != null) {
                        throw failed;
                    }
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new RunnerException("removing the incomplete workspace " + directory.getFileName(), e);
        }
    }

    private Path mark(String workspaceId) {
        return marks.resolve(GitWorkspaces.workspaceDirectory(root, workspaceId).getFileName());
    }
}
