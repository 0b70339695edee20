package dev.clarity.bot.orchestrator;

import dev.clarity.runner.api.FileContent;
import dev.clarity.runner.api.ReadFileRequest;
import dev.clarity.runner.api.Runner;
import dev.clarity.runner.api.WriteFileRequest;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Workspace files through the runner's own file calls, so they work wherever the workspace lives: the in-process
 * runner or a remote {@code clarity runner}. Failures are the runner's ({@code RunnerException}: unreachable,
 * refused token, disk), and a path that leaves the workspace is an {@link IllegalArgumentException}, as locally.
 *
 * <p>Each write gets a fresh idempotency key: the task list may legitimately return to an earlier content (a
 * workspace made again, an item redone), so a key derived from the content or the step would let the runner answer
 * a needed write from its store without writing. Writing the same bytes twice is harmless; skipping one is not.
 */
public final class RunnerWorkspaceFiles implements WorkspaceFiles {
    private final Runner runner;
    private final Supplier<UUID> ids;

    public RunnerWorkspaceFiles(Runner runner, Supplier<UUID> ids) {
        this.runner = runner;
        this.ids = ids;
    }

    @Override
    public Optional<byte[]> read(String workspaceId, String path) {
        FileContent file = runner.readFile(new ReadFileRequest(workspaceId, path));
        return file.found() ? Optional.of(file.content()) : Optional.empty();
    }

    @Override
    public void write(String workspaceId, String path, byte[] content) {
        runner.writeFile(new WriteFileRequest(workspaceId, path, content, "file/" + ids.get()));
    }

    @Override
    public boolean exists(String workspaceId) {
        return runner.workspace(workspaceId).exists();
    }
}
