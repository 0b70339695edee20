package dev.clarity.bot.orchestrator;

import dev.clarity.runner.api.RunnerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Workspace files of the in-process runner, under {@code root/<workspaceId>/}. Writes go to a temporary file and
 * are renamed into place, so a crash never leaves half a task list.
 */
public final class LocalWorkspaceFiles implements WorkspaceFiles {
    private final Path root;

    public LocalWorkspaceFiles(Path root) {
        this.root = root;
    }

    @Override
    public Optional<byte[]> read(String workspaceId, String path) {
        Path file = resolve(workspaceId, path);
        try {
            return Files.isRegularFile(file) ? Optional.of(Files.readAllBytes(file)) : Optional.empty();
        } catch (IOException e) {
            throw new RunnerException("reading " + path + " in workspace " + workspaceId, e);
        }
    }

    @Override
    public void write(String workspaceId, String path, byte[] content) {
        Path file = resolve(workspaceId, path);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), ".clarity-", ".tmp");
            Files.write(tmp, content);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new RunnerException("writing " + path + " in workspace " + workspaceId, e);
        }
    }

    @Override
    public boolean exists(String workspaceId) {
        return Files.isDirectory(root.resolve(workspaceId).resolve(".git"));
    }

    private Path resolve(String workspaceId, String path) {
        Path ws = root.resolve(workspaceId).normalize();
        Path file = ws.resolve(path).normalize();
        if (!file.startsWith(ws) || !ws.startsWith(root.normalize())) {
            throw new IllegalArgumentException("path leaves the workspace: " + path);
        }
        return file;
    }
}
