package dev.clarity.bot.orchestrator;

import dev.clarity.runner.api.FileContent;
import dev.clarity.runner.api.ReadFileRequest;
import dev.clarity.runner.api.Runner;
import dev.clarity.runner.api.WriteFileRequest;
import java.util.Optional;

/**
 * Workspace files through the runner's own file calls, so they work wherever the workspace lives: the in-process
 * runner or a remote {@code clarity runner}. Failures are the runner's ({@code RunnerException}: unreachable,
 * refused token, disk), and a path that leaves the workspace is an {@link IllegalArgumentException}, as locally.
 *
 * <p>Writes carry no idempotency key: replacing a file with the same bytes again is harmless, while a key derived
 * from the content or the step could let the runner answer a needed write from its store without writing (the task
 * list may return to an earlier content when a workspace is made again), and a fresh key per write would only leave
 * a stored result behind each time.
 */
public final class RunnerWorkspaceFiles implements WorkspaceFiles {
    private final Runner runner;

    public RunnerWorkspaceFiles(Runner runner) {
        this.runner = runner;
    }

    @Override
    public Optional<byte[]> read(String workspaceId, String path) {
        FileContent file = runner.readFile(new ReadFileRequest(workspaceId, path));
        return file.found() ? Optional.of(file.content()) : Optional.empty();
    }

    @Override
    public Optional<byte[]> readAtBase(String workspaceId, String path) {
        FileContent file = runner.readFile(new ReadFileRequest(workspaceId, path, ReadFileRequest.BASE));
        return file.found() ? Optional.of(file.content()) : Optional.empty();
    }

    @Override
    public void write(String workspaceId, String path, byte[] content) {
        runner.writeFile(new WriteFileRequest(workspaceId, path, content, null));
    }

    @Override
    public boolean exists(String workspaceId) {
        return runner.workspace(workspaceId).exists();
    }
}
