package dev.clarity.runner.workspace;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.CredentialsProvider;

/**
 * The only way the runner opens a workspace's repository with JGit (everything in this package, the checks'
 * {@code TaskUpdates} and the tools' {@code AnswerApplier} go through here). Clarity's git runs on the host, outside
 * the sandbox, so nothing a repository or a tool put into {@code .git} may choose what it runs or reads:
 *
 * <ol>
 *   <li>{@link GitControlFiles} refuses a {@code .git} that is, or is reached through, a symbolic link, or holds one
 *       where git keeps its state, and removes pointers to other repositories (alternates, {@code commondir});
 *   <li>{@link OwnedGitConfig} rewrites {@code .git/config} to the keys Clarity owns, so no filter, hook path, work
 *       tree, include, URL rewrite or transport setting of the repository is ever read;
 *   <li>the repository is opened with {@link NonExecutingFs}, which finds no hook and refuses to start any program,
 *       and with the work tree and git directory given explicitly (no discovery, no {@code GIT_DIR}).
 * </ol>
 *
 * <p>{@code .gitattributes} stays a file of the work like any other: without a filter in the config it names a
 * filter that does not exist, which JGit passes by. JGit runs no merge driver or textconv program of its own accord.
 * The user's and the machine's config are ignored process-wide ({@link IsolatedGitConfig}, installed here too).
 */
public final class WorkspaceGit {
    private WorkspaceGit() {}

    /** Opens the repository of {@code workTree} for work that needs no remote; {@code origin} is left out of its config. */
    public static Git open(Path workTree) throws IOException {
        return open(workTree, null);
    }

    /**
     * Opens a working repository Clarity does not own (the user's checkout that a local-mode push goes to) with the
     * same file system, which runs no hook or filter; its config is only read, never rewritten. The caller closes it.
     */
    static Repository openUsersCheckout(Path workTree) throws IOException {
        IsolatedGitConfig.install();
        return new FileRepositoryBuilder()
                .setFS(NonExecutingFs.INSTANCE)
                .setWorkTree(workTree.toFile())
                .setMustExist(true)
                .build();
    }

    /** Opens the repository of {@code workTree} with {@code originUrl} (credentials stripped) as its origin. */
    static Git open(Path workTree, String originUrl) throws IOException {
        IsolatedGitConfig.install();
        Path gitDir = GitControlFiles.confine(workTree);
        OwnedGitConfig.write(gitDir, originUrl);
        Repository repository = new FileRepositoryBuilder()
                .setFS(NonExecutingFs.INSTANCE)
                .setGitDir(gitDir.toFile())
                .setWorkTree(workTree.toFile())
                .setMustExist(true)
                .build();
        return new Git(repository, true);
    }

    /**
     * Clones {@code url} into {@code workTree} without a checkout (the caller writes the tree once the branch is
     * known), then opens it as {@link #open(Path, String)} does. A hostile remote cannot bring hooks or config: a
     * clone carries neither, and the config is Clarity's from the start.
     */
    static Git cloneInto(Path workTree, String url, CredentialsProvider credentials)
            throws GitAPIException, IOException {
        IsolatedGitConfig.install();
        try (Git cloned = Git.cloneRepository()
                .setURI(url)
                .setDirectory(workTree.toFile())
                .setFs(NonExecutingFs.INSTANCE)
                .setCredentialsProvider(credentials)
                .setNoCheckout(true)
                .call()) {
            // closed and opened again: the clone's own config (branch sections) is replaced by Clarity's
        }
        return open(workTree, url);
    }
}
