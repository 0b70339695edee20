package dev.clarity.runner.workspace;

import dev.clarity.runner.api.RunnerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The regular files of a workspace's HEAD commit and a bounded {@code git grep} over them, read from git's objects
 * through {@link WorkspaceGit} (no hook, filter or config of the repository is involved, and nothing is run). Used
 * to pick the files that matter for an item. Bounded: files over {@link #MAX_FILE_BYTES} or holding a NUL byte are
 * not searched, and at most {@link #MAX_TOTAL_BYTES} are read per search.
 */
public final class TrackedFiles {
    static final int MAX_FILE_BYTES = 256 * 1024;
    static final long MAX_TOTAL_BYTES = 32L << 20;

    private final List<Entry> entries;
    private final Path workTree;

    private record Entry(String path, ObjectId blob) {}

    private TrackedFiles(Path workTree, List<Entry> entries) {
        this.workTree = workTree;
        this.entries = List.copyOf(entries);
    }

    /** The regular files (not links, not submodules) of {@code workTree}'s HEAD; none when it has no commit. */
    public static TrackedFiles at(Path workTree) {
        List<Entry> entries = new ArrayList<>();
        try (Git git = WorkspaceGit.open(workTree);
                RevWalk walk = new RevWalk(git.getRepository());
                TreeWalk tree = new TreeWalk(git.getRepository())) {
            ObjectId head = git.getRepository().resolve(Constants.HEAD);
            if (head != null) {
                tree.addTree(walk.parseCommit(head).getTree());
                tree.setRecursive(true);
                while (tree.next()) {
                    FileMode mode = tree.getFileMode(0);
                    if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                        entries.add(new Entry(tree.getPathString(), tree.getObjectId(0)));
                    }
                }
            }
        } catch (IOException e) {
            throw new RunnerException("listing the files of workspace " + workTree.getFileName(), e);
        }
        return new TrackedFiles(workTree, entries);
    }

    public boolean contains(String path) {
        return entries.stream().anyMatch(e -> e.path().equals(path));
    }

    public List<String> paths() {
        return entries.stream().map(Entry::path).toList();
    }

    /**
     * The paths, in tree order, of files with a line {@code matches} accepts, at most {@code limit}. {@code matches}
     * sees one line at a time and must be linear (bounded patterns only).
     */
    public List<String> grep(Predicate<String> matches, int limit) {
        List<String> found = new ArrayList<>();
        long read = 0;
        try (Git git = WorkspaceGit.open(workTree);
                ObjectReader reader = git.getRepository().newObjectReader()) {
            for (Entry entry : entries) {
                if (found.size() >= limit || read >= MAX_TOTAL_BYTES) {
                    break;
                }
                Optional<String> text = text(reader, entry.blob());
                if (text.isEmpty()) {
                    continue;
                }
                read += text.get().length();
                if (text.get().lines().anyMatch(matches)) {
                    found.add(entry.path());
                }
            }
        } catch (IOException e) {
            throw new RunnerException("searching the files of workspace " + workTree.getFileName(), e);
        }
        return found;
    }

    private static Optional<String> text(ObjectReader reader, ObjectId blob) throws IOException {
        ObjectLoader loader = reader.open(blob, Constants.OBJ_BLOB);
        if (loader.getSize() > MAX_FILE_BYTES) {
            return Optional.empty();
        }
        byte[] bytes = loader.getCachedBytes(MAX_FILE_BYTES);
        for (byte b : bytes) {
            if (b == 0) {
                return Optional.empty();
            }
        }
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
    }
}
