package dev.clarity.runner.workspace;

import java.io.File;
import java.io.InputStream;
import java.io.OutputStream;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.FS_POSIX;
import org.eclipse.jgit.util.ProcessResult;

/**
 * The file system every workspace repository is opened with ({@link WorkspaceGit}): JGit's POSIX file system that
 * never starts a program. Clarity's git runs on the host, outside the sandbox, and a repository's hooks, filters and
 * local transports are programs that whoever wrote {@code .git} chose. JGit starts all of them through its
 * {@link FS}: hooks through {@link #findHook} and {@link #runHookIfPresent}, clean and smudge filters and
 * {@code uploadpack}/{@code receivepack} of a local remote through {@link #runInShell} and {@link #execute}.
 *
 * <p>Here no hook is ever found (so none runs, wherever {@code core.hooksPath} points), and any attempt to start a
 * program is refused with a {@link JGitInternalException}, which callers report as a failed git operation. The
 * repository config that would name such programs is also rewritten before each use ({@link OwnedGitConfig}), so the
 * refusal is a second wall, not the normal path: with Clarity's own config no filter or local program is asked for.
 * Stateless apart from what {@link FS_POSIX} caches; one instance is shared by every workspace and thread.
 */
final class NonExecutingFs extends FS_POSIX {
    static final NonExecutingFs INSTANCE = new NonExecutingFs();

    private static final String REFUSAL =
            "Clarity's git runs no program a repository names (a hook, a filter or a local transport); refused";

    private NonExecutingFs() {
        // JGit would otherwise run "sh -c umask" to learn it before the first executable file is checked out
        setUmask(0022);
    }

    private NonExecutingFs(FS source) {
        super(source);
        setUmask(0022);
    }

    @Override
    public FS newInstance() {
        return new NonExecutingFs(this);
    }

    @Override
    public File findHook(Repository repository, String hookName) {
        return null;
    }

    @Override
    public ProcessResult runHookIfPresent(Repository repository, String hookName, String[] args) {
        return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
    }

    @Override
    public ProcessResult runHookIfPresent(
            Repository repository,
            String hookName,
            String[] args,
            OutputStream outRedirect,
            OutputStream errRedirect,
            String stdinArgs) {
        return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
    }

    @Override
    protected ProcessResult internalRunHookIfPresent(
            Repository repository,
            String hookName,
            String[] args,
            OutputStream outRedirect,
            OutputStream errRedirect,
            String stdinArgs) {
        return new ProcessResult(ProcessResult.Status.NOT_PRESENT);
    }

    @Override
    public ProcessBuilder runInShell(String cmd, String[] args) {
        throw new JGitInternalException(REFUSAL);
    }

    @Override
    public int runProcess(ProcessBuilder processBuilder, OutputStream out, OutputStream err, String stdin) {
        throw new JGitInternalException(REFUSAL);
    }

    @Override
    public int runProcess(ProcessBuilder processBuilder, OutputStream out, OutputStream err, InputStream in) {
        throw new JGitInternalException(REFUSAL);
    }

    @Override
    public ExecutionResult execute(ProcessBuilder pb, InputStream in) {
        throw new JGitInternalException(REFUSAL);
    }

    /** No git executable is looked for: finding one runs it, and its system config is not read anyway. */
    @Override
    protected File discoverGitExe() {
        return null;
    }

    @Override
    protected File discoverGitSystemConfig() {
        return null;
    }
}
