package dev.clarity.runner.workspace;

import dev.clarity.runner.api.RunnerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * The commit a workspace's current item stands on (its base), and files read at that commit. Whatever grants rights
 * is read here, never from the work tree a tool edits: {@code .clarity.yml} decides the sandbox's network, engine,
 * image and limits, the command allowlist, the tools' command lines, the checks and the merge policy (which can push
 * to the default branch).
 *
 * <p>PREP and adopt record the base ({@link GitWorkspaces#prepare}, {@link GitWorkspaces#adopt}): the base branch
 * as the workspace has it (local first, then the origin's), which a person made or Clarity built from commits that
 * never changed {@code .clarity.yml} (an attempt that changes it is undone by the runner). Before any record, the
 * base is the HEAD commit. The record is kept outside the workspace, in {@code <root>/.bases/<workspaceId>}, so
 * neither a tool nor anything that wrote to {@code .git} can move it; and every object read under it is checked
 * against its id ({@link VerifiedTree}), so a rewritten object file cannot change what is read either. A workspace
 * cloned again starts without a record. Calls for one workspace do not run concurrently (one step at a time).
 */
public final class BaseCommits {
    private final Path root;
    private final Path records;

    public BaseCommits(Path root) {
        this.root = root;
        this.records = root.resolve(".bases");
    }

    /**
     * Records {@code baseBranch}'s commit (local, else {@code origin/baseBranch}), else {@code fallback}; with
     * neither, an earlier record stays.
     */
    void record(String workspaceId, Repository repo, String baseBranch, ObjectId fallback) throws IOException {
        ObjectId base = null;
        if (baseBranch != null) {
            base = repo.resolve(Constants.R_HEADS + baseBranch);
            if (base == null) {
                base = repo.resolve(Constants.R_REMOTES + "origin/" + baseBranch);
            }
        }
        base = base != null ? base : fallback;
        if (base == null) {
            return;
        }
        Files.createDirectories(records);
        Path tmp = Files.createTempFile(records, workspaceId + "-", ".tmp");
        try {
            Files.writeString(tmp, base.name() + "\n");
            Files.move(tmp, file(workspaceId), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Drops the record (the workspace is being cloned again). */
    void forget(String workspaceId) throws IOException {
        Files.deleteIfExists(file(workspaceId));
    }

    /** The recorded base commit, if PREP recorded one. */
    public Optional<String> recorded(String workspaceId) {
        Path file = file(workspaceId);
        try {
            return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
                    ? Optional.of(ObjectId.fromString(Files.readString(file, StandardCharsets.US_ASCII)
                                    .strip())
                            .name())
                    : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            throw new RunnerException("reading the base commit recorded for workspace " + workspaceId, e);
        }
    }

    /**
     * The file at {@code path} (relative to the repository root, {@code /}-separated, already confined by the
     * caller) in the base commit; empty when the workspace has no repository or the base holds no such regular file.
     *
     * @throws RunnerException when the base commit or an object under it is missing or was changed on disk
     */
    public Optional<byte[]> read(String workspaceId, String path) {
        Path workTree = GitWorkspaces.workspaceDirectory(root, workspaceId);
        if (!Files.exists(workTree.resolve(Constants.DOT_GIT), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        Optional<String> recorded = recorded(workspaceId);
        try (Git git = WorkspaceGit.open(workTree);
                ObjectReader reader = git.getRepository().newObjectReader()) {
            ObjectId base = recorded.map(ObjectId::fromString)
                    .orElse(git.getRepository().resolve(Constants.HEAD));
            return base == null ? Optional.empty() : VerifiedTree.fileAt(reader, base, path);
        } catch (IOException e) {
            throw new RunnerException(
                    "reading " + path + " at the base commit " + recorded.orElse("HEAD") + " of workspace "
                            + workspaceId,
                    e);
        }
    }

    private Path file(String workspaceId) {
        return records.resolve(
                GitWorkspaces.workspaceDirectory(root, workspaceId).getFileName());
    }
}
