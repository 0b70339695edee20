package dev.clarity.benchmarks.orchestration;

import dev.clarity.runner.api.ErrorSolveRequest;
import dev.clarity.runner.api.FileContent;
import dev.clarity.runner.api.ImplementRequest;
import dev.clarity.runner.api.MergeRequest;
import dev.clarity.runner.api.MergeResult;
import dev.clarity.runner.api.MergedRequest;
import dev.clarity.runner.api.MergedResult;
import dev.clarity.runner.api.PrepRequest;
import dev.clarity.runner.api.PrepResult;
import dev.clarity.runner.api.PushRequest;
import dev.clarity.runner.api.PushResult;
import dev.clarity.runner.api.ReadFileRequest;
import dev.clarity.runner.api.Runner;
import dev.clarity.runner.api.RunnerHealth;
import dev.clarity.runner.api.ToolResult;
import dev.clarity.runner.api.VerifyRequest;
import dev.clarity.runner.api.VerifyResult;
import dev.clarity.runner.api.WorkspaceState;
import dev.clarity.runner.api.WriteFileRequest;
import dev.clarity.runner.api.WriteFileResult;
import dev.clarity.runner.artifacts.ConfinedFiles;
import dev.clarity.runner.workspace.GitWorkspaces;
import dev.clarity.runner.workspace.PrepOutcome;
import dev.clarity.runner.workspace.PushOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;

/**
 * A runner whose "tool" returns at once (it writes one file in-process) and whose checks pass at once, while git
 * (prep, commit, push) is real: what remains is the orchestration's own cost per task.
 */
final class InstantRunner implements Runner {
    private final GitWorkspaces workspaces;

    InstantRunner(Path root) {
        this.workspaces = new GitWorkspaces(root, InstantSource.system());
    }

    @Override
    public PrepResult prep(PrepRequest r) {
        return switch (workspaces.prepare(r.workspaceId(), r.repoUrl(), r.credentials(), r.baseBranch(), r.branch())) {
            case PrepOutcome.Ready ready -> new PrepResult.Ready(ready.branch(), ready.head(), List.of());
            default -> new PrepResult.BaseMissing(r.branch(), r.baseBranch(), List.of("prep refused"));
        };
    }

    @Override
    public ToolResult implement(ImplementRequest r) {
        try {
            Files.writeString(workspaces.directory(r.workspaceId()).resolve("out-" + r.taskId() + ".txt"), r.taskId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ToolResult.Changed("command", "+" + r.taskId(), List.of(), List.of());
    }

    @Override
    public VerifyResult verify(VerifyRequest r) {
        return new VerifyResult.Passed(r.criteria().stream().map(c -> c.key()).toList(), List.of());
    }

    @Override
    public dev.clarity.runner.api.ReleaseResult release(dev.clarity.runner.api.ReleaseRequest r) {
        return new dev.clarity.runner.api.ReleaseResult(java.util.List.of());
    }

    @Override
    public ToolResult errorSolve(ErrorSolveRequest r) {
        return new ToolResult.Unchanged("command", "", List.of(), List.of());
    }

    @Override
    public MergeResult merge(MergeRequest r) {
        return new MergeResult.Committed(
                r.branch(), workspaces.commit(r.workspaceId(), r.branch(), r.message()), List.of());
    }

    @Override
    public PushResult push(PushRequest r) {
        return workspaces.push(r.workspaceId(), r.repoUrl(), r.credentials(), r.branch())
                        instanceof PushOutcome.Pushed p
                ? new PushResult.Pushed(r.branch(), p.commit(), List.of())
                : new PushResult.Refused("push refused", List.of("push refused"));
    }

    @Override
    public MergedResult merged(MergedRequest r) {
        boolean merged = workspaces.isMerged(r.workspaceId(), r.repoUrl(), r.credentials(), r.branch(), r.target());
        return MergedResult.of(merged, r.branch(), r.target());
    }

    @Override
    public FileContent readFile(ReadFileRequest r) {
        var content = r.atBase()
                ? workspaces.bases().read(r.workspaceId(), ConfinedFiles.treePath(r.path()))
                : ConfinedFiles.read(workspaces.directory(r.workspaceId()), r.path());
        return content.map(FileContent::of).orElseGet(FileContent::missing);
    }

    @Override
    public WriteFileResult writeFile(WriteFileRequest r) {
        ConfinedFiles.write(workspaces.directory(r.workspaceId()), r.path(), r.content());
        return new WriteFileResult(true, r.path(), r.content().length);
    }

    @Override
    public WorkspaceState workspace(String workspaceId) {
        return new WorkspaceState(workspaceId, workspaces.exists(workspaceId));
    }

    /** Every benchmark repository counts as configured: its verify answers at once anyway. */
    @Override
    public dev.clarity.runner.api.StandardCheck standardCheck(String workspaceId) {
        return new dev.clarity.runner.api.StandardCheck.Configured();
    }

    @Override
    public RunnerHealth health() {
        return new RunnerHealth("ok", "instant", "none", 1000, 1000);
    }

    @Override
    public dev.clarity.runner.api.RunnerUsage usage() {
        return dev.clarity.runner.api.RunnerUsage.idle();
    }

    @Override
    public void cancel(String workspaceId) {}
}
