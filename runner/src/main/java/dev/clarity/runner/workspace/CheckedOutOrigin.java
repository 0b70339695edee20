package dev.clarity.runner.workspace;

import dev.clarity.runner.api.RunnerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.dircache.DirCacheCheckout;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevTree;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * A push target that is a working (non-bare) repository on this machine with the pushed branch checked out, as in
 * local mode ({@code clarity run ~/src/shop}) under merge policy {@code auto}. Moving such a branch without its work
 * tree would leave the user's checkout inconsistent ({@code git status} shows the new commits as staged reversals),
 * so the branch moves only as {@code git merge --ff-only} would move it: before the push, {@link #refusal} says why
 * it must not move (uncommitted changes, or untracked files the new commit would overwrite); after it,
 * {@link #follow} brings the index and work tree from the old commit to the new one.
 *
 * <p>The user's repository is opened with {@link NonExecutingFs} and its config is only read, never rewritten: no
 * hook runs and a filter its attributes ask for makes the check refuse instead of running a program. Not guarded
 * against a person editing the checkout during the push itself; {@link #follow} then fails on the conflicting file
 * rather than overwrite it.
 */
final class CheckedOutOrigin implements AutoCloseable {
    private static final int NAMED = 5;

    private final Path workTree;
    private final Repository repo;
    private final String branch;

    private CheckedOutOrigin(Path workTree, Repository repo, String branch) {
        this.workTree = workTree;
        this.repo = repo;
        this.branch = branch;
    }

    /** The repository at {@code url} when it is a local working repository whose HEAD is {@code branch}. */
    static Optional<CheckedOutOrigin> find(String url, String branch) {
        Path workTree;
        try {
            workTree = url.startsWith("file:") ? Path.of(java.net.URI.create(url)) : Path.of(url);
        } catch (IllegalArgumentException notAPath) { // InvalidPathException included
            return Optional.empty();
        }
        if (!workTree.isAbsolute() || !Files.exists(workTree.resolve(Constants.DOT_GIT))) {
            return Optional.empty();
        }
        try {
            Repository repo = WorkspaceGit.openUsersCheckout(workTree);
            Ref head = repo.exactRef(Constants.HEAD);
            if (repo.isBare()
                    || head == null
                    || !head.isSymbolic()
                    || !head.getTarget().getName().equals(Constants.R_HEADS + branch)) {
                repo.close();
                return Optional.empty();
            }
            return Optional.of(new CheckedOutOrigin(workTree, repo, branch));
        } catch (IOException | IllegalArgumentException unreadable) {
            return Optional.empty();
        }
    }

    /** The commit the checked-out branch is at now. */
    Optional<ObjectId> head() throws IOException {
        return Optional.ofNullable(repo.resolve(Constants.R_HEADS + branch));
    }

    /**
     * Why the branch must not move to a commit whose tree holds {@code incoming} (empty when it may): the sentence
     * names the checkout, what is in the way, and how to bring {@code source}'s work in once it is out of the way. An
     * untracked file is in the way when the new tree holds its path (it is untracked, so the old tree does not).
     */
    Optional<String> refusal(Set<String> incoming, String source) {
        Status status;
        try {
            status = Git.wrap(repo).status().call();
        } catch (GitAPIException | JGitInternalException e) {
            return Optional.of(leftAlone(
                    "Clarity could not tell whether it has uncommitted changes (" + e.getMessage() + ")", source));
        }
        Set<String> changed = new TreeSet<>();
        for (Collection<String> paths : List.of(
                status.getAdded(),
                status.getChanged(),
                status.getRemoved(),
                status.getMissing(),
                status.getModified(),
                status.getConflicting())) {
            changed.addAll(paths);
        }
        if (!changed.isEmpty()) {
            return Optional.of(leftAlone("it has uncommitted changes (" + named(changed) + ")", source));
        }
        Set<String> overwritten = new TreeSet<>(status.getUntracked());
        overwritten.retainAll(incoming);
        if (!overwritten.isEmpty()) {
            return Optional.of(
                    leftAlone("it has untracked files the merge would overwrite (" + named(overwritten) + ")", source));
        }
        return Optional.empty();
    }

    /** Every file path in {@code commit}'s tree, read from {@code repo} (the workspace, which holds the commit). */
    static Set<String> paths(Repository repo, ObjectId commit) throws IOException {
        Set<String> paths = new TreeSet<>();
        try (RevWalk walk = new RevWalk(repo);
                TreeWalk tree = new TreeWalk(repo)) {
            tree.addTree(walk.parseCommit(commit).getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                paths.add(tree.getPathString());
            }
        }
        return paths;
    }

    /**
     * After the branch moved from {@code from} to {@code to}: the index and work tree follow, file by file, as a
     * fast-forward checkout does. A file changed in the meantime is not overwritten; that ends in an exception naming
     * the checkout.
     */
    void follow(ObjectId from, ObjectId to) {
        if (from.equals(to)) {
            return;
        }
        try (RevWalk walk = new RevWalk(repo)) {
            RevTree old = walk.parseCommit(from).getTree();
            RevTree next = walk.parseCommit(to).getTree();
            DirCacheCheckout checkout = new DirCacheCheckout(repo, old, repo.lockDirCache(), next);
            checkout.setFailOnConflict(true);
            checkout.checkout();
        } catch (IOException | JGitInternalException e) {
            throw new RunnerException(
                    branch + " in " + workTree + " moved to " + to.name() + " but its work tree could not follow ("
                            + e.getMessage() + "); save your changes, then bring it there with git read-tree -m -u "
                            + from.name() + " " + to.name(),
                    e);
        }
    }

    /** @param source the branch whose work was to come in (already in the checkout's repository), or null */
    private String leftAlone(String why, String source) {
        return branch + " is checked out in " + workTree + " and " + why + "; Clarity leaves it alone: commit or"
                + " stash them and resume"
                + (source == null ? "" : ", or bring the work in yourself with git merge " + source);
    }

    private static String named(Set<String> paths) {
        List<String> shown = paths.stream().limit(NAMED).toList();
        return String.join(", ", shown) + (paths.size() > NAMED ? " and " + (paths.size() - NAMED) + " more" : "");
    }

    @Override
    public void close() {
        repo.close();
    }
}
