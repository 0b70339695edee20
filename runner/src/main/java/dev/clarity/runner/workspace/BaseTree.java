package dev.clarity.runner.workspace;

import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.detect.RepositoryTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;

/**
 * A workspace's files at its item's base commit ({@link BaseCommits}, else HEAD), for the build detector: what is
 * checked is decided by the base, never by the work tree a tool edited. Every object read is checked against its
 * id ({@link VerifiedTree}).
 */
public final class BaseTree implements RepositoryTree {
    private final java.nio.file.Path workTree;
    private final String workspaceId;
    private final BaseCommits bases;

    BaseTree(java.nio.file.Path workTree, String workspaceId, BaseCommits bases) {
        this.workTree = workTree;
        this.workspaceId = workspaceId;
        this.bases = bases;
    }

    @Override
    public boolean isFile(String path) {
        return mode(path)
                .filter(m -> m == FileMode.REGULAR_FILE || m == FileMode.EXECUTABLE_FILE)
                .isPresent();
    }

    @Override
    public boolean isExecutable(String path) {
        return mode(path).filter(m -> m == FileMode.EXECUTABLE_FILE).isPresent();
    }

    @Override
    public boolean isDirectory(String path) {
        return mode(path).filter(m -> m == FileMode.TREE).isPresent();
    }

    @Override
    public Optional<String> read(String path) {
        return bases.read(workspaceId, path)
                .filter(bytes -> bytes.length <= MAX_READ_BYTES)
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public List<String> list(String directory) {
        return entries(directory).keySet().stream().sorted().toList();
    }

    private Optional<FileMode> mode(String path) {
        int slash = path.lastIndexOf('/');
        return Optional.ofNullable(
                entries(slash < 0 ? "" : path.substring(0, slash)).get(path.substring(slash + 1)));
    }

    private Map<String, FileMode> entries(String directory) {
        try (Git git = WorkspaceGit.open(workTree);
                ObjectReader reader = git.getRepository().newObjectReader()) {
            ObjectId base = bases.recorded(workspaceId)
                    .map(ObjectId::fromString)
                    .orElse(git.getRepository().resolve(Constants.HEAD));
            return base == null ? Map.of() : VerifiedTree.entriesAt(reader, base, directory);
        } catch (IOException e) {
            throw new RunnerException("reading " + directory + " at the base commit of workspace " + workspaceId, e);
        }
    }
}
