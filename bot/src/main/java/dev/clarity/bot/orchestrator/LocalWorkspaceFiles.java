package dev.clarity.bot.orchestrator;

import dev.clarity.runner.artifacts.ConfinedFiles;
import dev.clarity.runner.workspace.BaseCommits;
import dev.clarity.runner.workspace.PreparedWorkspaces;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Workspace files of a runner in this process, under {@code root/<workspaceId>/}, with the runner's own path rules
 * ({@link ConfinedFiles}: nothing outside the workspace or inside {@code .git}); reads at the base commit through the
 * runner's {@link BaseCommits}. Writes go to a temporary file and
 * are renamed into place, so a crash never leaves half a task list.
 */
public final class LocalWorkspaceFiles implements WorkspaceFiles {
    private final Path root;
    private final BaseCommits bases;
    private final PreparedWorkspaces prepared;

    public LocalWorkspaceFiles(Path root) {
        this.root = root;
        this.bases = new BaseCommits(root);
        this.prepared = new PreparedWorkspaces(root);
    }

    @Override
    public Optional<byte[]> read(String workspaceId, String path) {
        return ConfinedFiles.read(workspace(workspaceId), path);
    }

    @Override
    public Optional<byte[]> readAtBase(String workspaceId, String path) {
        workspace(workspaceId);
        return bases.read(workspaceId, ConfinedFiles.treePath(path));
    }

    @Override
    public void write(String workspaceId, String path, byte[] content) {
        ConfinedFiles.write(workspace(workspaceId), path, content);
    }

    /** As the runner answers it: a copy whose preparation a killed runner left unfinished does not exist. */
    @Override
    public boolean exists(String workspaceId) {
        workspace(workspaceId);
        return prepared.ready(workspaceId);
    }

    private Path workspace(String workspaceId) {
        Path ws = root.resolve(workspaceId).normalize();
        if (!ws.startsWith(root.normalize()) || ws.equals(root.normalize())) {
            throw new IllegalArgumentException("workspace id leaves the workspaces directory: " + workspaceId);
        }
        return ws;
    }
}
