package dev.clarity.runner.guard;

import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.artifacts.ConfinedFiles;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.eclipse.jgit.util.FileUtils;

/**
 * The protected files of a workspace as they were at one moment (before a tool run, before a check), to find what
 * changed since and to put it back. A symbolic link or a directory where a file was counts as a change; a link is
 * never followed. Held in memory: protected files are the task list, scripts and configs; more than
 * {@value #MAX_BYTES} bytes of them is refused with a sentence rather than read.
 */
public final class ProtectedSnapshot {
    static final long MAX_BYTES = 64L << 20;
    /** What a path held that was not a regular file (a link, a special file). */
    private static final byte[] NOT_A_FILE = new byte[0];

    private final Path workspace;
    private final ProtectedSet set;
    private final Map<String, byte[]> files;

    private ProtectedSnapshot(Path workspace, ProtectedSet set, Map<String, byte[]> files) {
        this.workspace = workspace;
        this.set = set;
        this.files = files;
    }

    /** The protected files of {@code workspace} now. */
    public static ProtectedSnapshot take(Path workspace, ProtectedSet set) {
        return new ProtectedSnapshot(workspace, set, read(workspace, set));
    }

    /** The protected paths whose content differs now from the snapshot (changed, added, deleted), sorted. */
    public List<String> changed(Collection<String> ignored) {
        Map<String, byte[]> now = read(workspace, set);
        TreeSet<String> paths = new TreeSet<>(files.keySet());
        paths.addAll(now.keySet());
        paths.removeAll(ignored);
        return paths.stream().filter(p -> !same(files.get(p), now.get(p))).toList();
    }

    /** The content a path had in the snapshot; empty when it did not exist (or was not a regular file). */
    public Optional<byte[]> before(String path) {
        byte[] b = files.get(path);
        return b == null || b == NOT_A_FILE ? Optional.empty() : Optional.of(b);
    }

    /** Puts {@code paths} back as the snapshot has them: a file added since is removed, a link is removed unfollowed. */
    public void restore(Collection<String> paths) {
        for (String path : paths) {
            Path file = workspace.resolve(path);
            try {
                unlinkEscapes(workspace, path);
                if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    FileUtils.delete(file.toFile(), FileUtils.RECURSIVE);
                } else {
                    Files.deleteIfExists(file);
                }
                Optional<byte[]> before = before(path);
                if (before.isPresent()) {
                    ConfinedFiles.write(workspace, path, before.get());
                }
            } catch (IOException e) {
                throw new RunnerException("putting back the protected file " + path, e);
            }
        }
    }

    /**
     * Removes a symbolic link on the way to {@code path} (a tool may turn {@code .github} into a link to anywhere), so
     * that nothing is deleted or written outside the workspace: the link itself goes, what it points at stays.
     */
    static void unlinkEscapes(Path workspace, String path) throws IOException {
        Path at = workspace;
        String[] segments = path.split("/");
        for (int i = 0; i < segments.length - 1; i++) {
            at = at.resolve(segments[i]);
            if (Files.isSymbolicLink(at)) {
                Files.delete(at);
                return;
            }
            if (!Files.isDirectory(at, LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
        }
    }

    private static boolean same(byte[] a, byte[] b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a == NOT_A_FILE || b == NOT_A_FILE) {
            return false; // a link or special file is never taken as unchanged
        }
        return Arrays.equals(a, b);
    }

    private static Map<String, byte[]> read(Path workspace, ProtectedSet set) {
        Map<String, byte[]> out = new HashMap<>();
        long[] total = {0};
        List<Path> roots = set.withoutGlobs()
                ? ProtectedSet.DIRECTORIES.stream().map(workspace::resolve).toList()
                : List.of(workspace);
        for (String exact : set.exact()) {
            add(workspace, workspace.resolve(exact), set, out, total);
        }
        for (Path root : roots) {
            if (!root.equals(workspace)
                    && dev.clarity.runner.artifacts.WorkspacePaths.resolve(workspace, relative(workspace, root))
                            .isEmpty()) {
                // a link on the way (artifacts -> /usr) leads out: recorded as a change, never walked
                out.put(relative(workspace, root), NOT_A_FILE);
                continue;
            }
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                add(workspace, root, set, out, total);
                continue;
            }
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        return dir.equals(workspace.resolve(".git"))
                                ? FileVisitResult.SKIP_SUBTREE
                                : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        add(workspace, file, set, out, total);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new RunnerException("reading the protected files of " + workspace.getFileName(), e);
            }
        }
        return out;
    }

    private static void add(Path workspace, Path file, ProtectedSet set, Map<String, byte[]> out, long[] total) {
        String path = relative(workspace, file);
        if (path.isEmpty() || out.containsKey(path) || !set.covers(path)) {
            return;
        }
        if (dev.clarity.runner.artifacts.WorkspacePaths.resolve(workspace, path).isEmpty()) {
            // a link on the way leads out of the workspace: nothing behind it is read
            out.put(path, NOT_A_FILE);
            return;
        }
        try {
            if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                total[0] += Files.size(file);
                if (total[0] > MAX_BYTES) {
                    throw new RunnerException("the protected files of " + workspace.getFileName() + " exceed "
                            + (MAX_BYTES >> 20) + " MiB; narrow the protect: globs in .clarity.yml");
                }
                out.put(path, Files.readAllBytes(file));
            } else if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                out.put(path, NOT_A_FILE);
            }
        } catch (IOException e) {
            throw new RunnerException("reading the protected file " + path, e);
        }
    }

    private static String relative(Path workspace, Path file) {
        return workspace.relativize(file).toString().replace('\\', '/');
    }
}
