package dev.clarity.runner.workspace;

import dev.clarity.runner.api.GitCredentials;
import dev.clarity.runner.api.RunnerException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;

/**
 * The git side of workspaces: one working copy per workspace id under a root directory. Every repository is opened
 * through {@link WorkspaceGit}: no hook, filter or other program the repository names ever runs, its config is
 * Clarity's own, and a {@code .git} reached through a symbolic link is refused. Credentials are handed to JGit per
 * command through a {@link CredentialsProvider} and are never written to {@code .git/config}; a URL that carries
 * credentials is stored without them. Calls for one workspace must not run concurrently (the runner holds
 * one step per workspace at a time); different workspaces are independent.
 */
public final class GitWorkspaces {
    /** The identity of every commit Clarity makes. */
    public static final PersonIdent IDENTITY_TEMPLATE = new PersonIdent("Clarity", "clarity@users.noreply.github.com");

    private static final Pattern WORKSPACE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private final Path root;
    private final java.time.InstantSource clock;
    private final BaseCommits bases;
    private final PreparedWorkspaces prepared;

    public GitWorkspaces(Path root, java.time.InstantSource clock) {
        IsolatedGitConfig.install();
        this.root = root;
        this.clock = clock;
        this.bases = new BaseCommits(root);
        this.prepared = new PreparedWorkspaces(root);
    }

    /** The directory of the workspace; refuses ids that could leave the root. */
    public Path directory(String workspaceId) {
        return workspaceDirectory(root, workspaceId);
    }

    static Path workspaceDirectory(Path root, String workspaceId) {
        if (workspaceId == null || !WORKSPACE_ID.matcher(workspaceId).matches() || workspaceId.contains("..")) {
            throw new IllegalArgumentException("workspaceId must match " + WORKSPACE_ID + ": " + workspaceId);
        }
        return root.resolve(workspaceId);
    }

    /** The base commit each workspace's item stands on, recorded by {@link #prepare} and {@link #adopt}. */
    public BaseCommits bases() {
        return bases;
    }

    /** The workspace's files at its item's base commit, for the build detector. */
    public BaseTree baseTree(String workspaceId) {
        return new BaseTree(directory(workspaceId), workspaceId, bases);
    }

    /**
     * Whether the workspace holds a repository whose last preparation ended ({@link PreparedWorkspaces}); a copy a
     * killed runner left mid-clone or mid-checkout does not count. A {@code .git} that is a link counts, and is
     * refused when opened.
     */
    public boolean exists(String workspaceId) {
        return prepared.ready(workspaceId);
    }

    /**
     * Clones or fetches {@code repoUrl}, then checks out {@code branch}: the local branch when it exists (a repeat),
     * else the remote task branch (a resume), else a new branch from {@code baseBranch} (local first, so a stacked
     * base that is not pushed yet still works, then {@code origin/baseBranch}). The base branch's commit is recorded
     * as the item's base ({@link BaseCommits}), where {@code .clarity.yml} is read from. A workspace whose earlier
     * preparation did not end (the runner was killed) is discarded and cloned again; until this one ends, the
     * workspace does not {@link #exists exist}.
     */
    public PrepOutcome prepare(
            String workspaceId, String repoUrl, GitCredentials credentials, String baseBranch, String branch) {
        return finished(workspaceId, checkOut(workspaceId, repoUrl, credentials, baseBranch, branch));
    }

    private PrepOutcome checkOut(
            String workspaceId, String repoUrl, GitCredentials credentials, String baseBranch, String branch) {
        Path dir = directory(workspaceId);
        String cleanUrl = withoutUserInfo(repoUrl);
        credentials = credentials != null ? credentials : userInfo(repoUrl);
        try (Opened opened = open(dir, cleanUrl, credentials)) {
            Git git = opened.git();
            boolean fresh = opened.fresh();
            Repository repo = git.getRepository();
            Ref local = repo.exactRef(Constants.R_HEADS + branch);
            Ref remote = repo.exactRef(Constants.R_REMOTES + "origin/" + branch);
            if (local != null) {
                if (remote != null && !isAncestor(repo, remote.getObjectId(), local.getObjectId())) {
                    return new PrepOutcome.ForeignCommits(
                            branch, remote.getObjectId().name());
                }
                checkout(git, branch, null, false);
                bases.record(workspaceId, repo, baseBranch, null);
                return new PrepOutcome.Ready(branch, local.getObjectId().name(), false);
            }
            if (remote != null) {
                checkout(git, branch, remote, fresh);
                bases.record(workspaceId, repo, baseBranch, null);
                return new PrepOutcome.Ready(branch, remote.getObjectId().name(), false);
            }
            Ref base = Optional.ofNullable(repo.exactRef(Constants.R_HEADS + baseBranch))
                    .orElse(repo.exactRef(Constants.R_REMOTES + "origin/" + baseBranch));
            if (base == null) {
                return new PrepOutcome.MissingBase(baseBranch);
            }
            checkout(git, branch, base, fresh);
            bases.record(workspaceId, repo, baseBranch, null);
            return new PrepOutcome.Ready(branch, base.getObjectId().name(), true);
        } catch (GitAPIException | IOException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw new RunnerException(
                    "preparing branch " + branch + " of " + cleanUrl + " in workspace " + workspaceId, e);
        }
    }

    /**
     * For an item a person took over by pushing to {@code personBranch}: fetches, then checks out {@code branch}
     * standing on the remote {@code personBranch} as it is now. A local (or else remote) {@code branch} that already
     * contains the person's head is checked out as it is (a repeat keeps what was recorded on it). Otherwise
     * {@code branch} is set to the person's head, with {@code baseBranch} (where the item would have started; local
     * first) merged in by a merge commit made in memory when the person's branch does not contain it yet, so the
     * item's record stands on the work before it; a conflict is {@link PrepOutcome.Conflict} and changes nothing.
     * {@code personBranch} is only read: nothing is written to it, locally or on the remote. The base branch's commit
     * (else the person's head) is recorded as the item's base ({@link BaseCommits}). Crash-safe as {@link #prepare}.
     */
    public PrepOutcome adopt(
            String workspaceId,
            String repoUrl,
            GitCredentials credentials,
            String baseBranch,
            String personBranch,
            String branch) {
        return finished(workspaceId, standOn(workspaceId, repoUrl, credentials, baseBranch, personBranch, branch));
    }

    private PrepOutcome standOn(
            String workspaceId,
            String repoUrl,
            GitCredentials credentials,
            String baseBranch,
            String personBranch,
            String branch) {
        Path dir = directory(workspaceId);
        String cleanUrl = withoutUserInfo(repoUrl);
        credentials = credentials != null ? credentials : userInfo(repoUrl);
        try (Opened opened = open(dir, cleanUrl, credentials)) {
            Git git = opened.git();
            boolean fresh = opened.fresh();
            Repository repo = git.getRepository();
            Ref person = repo.exactRef(Constants.R_REMOTES + "origin/" + personBranch);
            if (person == null) {
                return new PrepOutcome.MissingBase(personBranch);
            }
            ObjectId head = person.getObjectId();
            Ref local = repo.exactRef(Constants.R_HEADS + branch);
            Ref remote = repo.exactRef(Constants.R_REMOTES + "origin/" + branch);
            if (local != null && isAncestor(repo, head, local.getObjectId())) {
                checkout(git, branch, null, fresh);
                bases.record(workspaceId, repo, baseBranch, head);
                return new PrepOutcome.Adopted(branch, local.getObjectId().name(), head.name());
            }
            if (remote != null && isAncestor(repo, head, remote.getObjectId())) {
                setLocal(repo, branch, remote.getObjectId());
                checkout(git, branch, null, fresh);
                bases.record(workspaceId, repo, baseBranch, head);
                return new PrepOutcome.Adopted(branch, remote.getObjectId().name(), head.name());
            }
            ObjectId start = head;
            Ref base = baseBranch == null
                    ? null
                    : Optional.ofNullable(repo.exactRef(Constants.R_HEADS + baseBranch))
                            .orElse(repo.exactRef(Constants.R_REMOTES + "origin/" + baseBranch));
            if (base != null && !isAncestor(repo, base.getObjectId(), head)) {
                start = mergeCommit(repo, head, base.getObjectId(), "Merge " + baseBranch + " into " + branch);
                if (start == null) {
                    return new PrepOutcome.Conflict(personBranch, baseBranch);
                }
            }
            if (branch.equals(repo.getBranch())) {
                // the branch to reset is checked out: step off it first (a ref update would leave the tree behind)
                git.checkout().setName(head.name()).setForced(true).call();
            }
            setLocal(repo, branch, start);
            checkout(git, branch, null, false);
            bases.record(workspaceId, repo, baseBranch, head);
            return new PrepOutcome.Adopted(branch, start.name(), head.name());
        } catch (GitAPIException | IOException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw new RunnerException(
                    "checking out " + branch + " on " + personBranch + " of " + cleanUrl + " in workspace "
                            + workspaceId,
                    e);
        }
    }

    /**
     * Removes the {@code *.lock} files a killed git operation leaves in a workspace ({@code index.lock}, ref locks),
     * which would refuse every later checkout or commit there. Safe because a workspace belongs to one runner
     * process (its data-directory lock) and one step at a time (the runner's per-workspace lock); object files are
     * never touched.
     */
    public void clearStaleLocks(String workspaceId) {
        Path gitDir = directory(workspaceId).resolve(".git");
        Path objects = gitDir.resolve("objects");
        try {
            Files.walkFileTree(gitDir, new java.nio.file.SimpleFileVisitor<>() {
                @Override
                public java.nio.file.FileVisitResult preVisitDirectory(
                        Path dir, java.nio.file.attribute.BasicFileAttributes attrs) {
                    // the object store holds no lock files worth a walk, and may hold many files
                    return dir.equals(objects)
                            ? java.nio.file.FileVisitResult.SKIP_SUBTREE
                            : java.nio.file.FileVisitResult.CONTINUE;
                }

                @Override
                public java.nio.file.FileVisitResult visitFile(
                        Path file, java.nio.file.attribute.BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile() && file.getFileName().toString().endsWith(".lock")) {
                        Files.delete(file);
                    }
                    return java.nio.file.FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new RunnerException("clearing stale git locks in " + gitDir, e);
        }
    }

    /** A workspace's repository as a step finds it: cloned just now ({@code fresh}), or reused and fetched. */
    private record Opened(Git git, boolean fresh) implements AutoCloseable {
        @Override
        public void close() {
            git.close();
        }
    }

    /** Marks the preparation ended, once the repository is closed and its work tree written. */
    private PrepOutcome finished(String workspaceId, PrepOutcome outcome) {
        try {
            prepared.finished(workspaceId);
        } catch (IOException e) {
            throw new RunnerException("marking workspace " + workspaceId + " prepared", e);
        }
        return outcome;
    }

    /**
     * Opens the workspace for a preparation, which from here on counts as not ended. A workspace without a finished
     * preparation (none yet, or one a killed runner left half cloned or half checked out) is removed and cloned
     * afresh: nothing in it can be trusted, and everything it should hold is on the remote.
     */
    private Opened open(Path dir, String url, GitCredentials credentials) throws GitAPIException, IOException {
        String workspaceId = dir.getFileName().toString();
        boolean fresh = !prepared.ready(workspaceId);
        prepared.started(workspaceId);
        if (fresh) {
            bases.forget(workspaceId);
            PreparedWorkspaces.discard(dir);
            Files.createDirectories(dir.getParent());
            return new Opened(WorkspaceGit.cloneInto(dir, url, provider(credentials)), true);
        }
        Git git = WorkspaceGit.open(dir, url);
        try {
            fetch(git, url, credentials);
            return new Opened(git, false);
        } catch (GitAPIException | RuntimeException e) {
            git.close();
            throw e;
        }
    }

    private static void fetch(Git git, String url, GitCredentials credentials) throws GitAPIException {
        git.fetch()
                .setRemote("origin")
                .setRefSpecs(new RefSpec("+refs/heads/*:refs/remotes/origin/*"))
                .setCredentialsProvider(provider(credentials))
                .setRemoveDeletedRefs(true)
                .call();
    }

    /**
     * Checks out {@code branch}, created at {@code startPoint} when given. A reused workspace is first reset to a clean
     * tree. In a fresh clone (no working tree, no index yet) the branch is created, HEAD is pointed at it and its tree
     * is written by {@link FreshCheckout}, or by a hard reset when the tree needs conversion on the way out.
     */
    private static void checkout(Git git, String branch, Ref startPoint, boolean fresh)
            throws GitAPIException, IOException {
        if (fresh && startPoint != null) {
            Repository repo = git.getRepository();
            git.branchCreate()
                    .setName(branch)
                    .setStartPoint(startPoint.getName())
                    .call();
            RefUpdate head = repo.updateRef(Constants.HEAD);
            head.disableRefLog();
            RefUpdate.Result linked = head.link(Constants.R_HEADS + branch);
            if (linked != RefUpdate.Result.NEW && linked != RefUpdate.Result.FORCED) {
                throw new IOException("could not point HEAD at " + branch + ": " + linked);
            }
            if (!FreshCheckout.write(repo, startPoint.getObjectId())) {
                git.reset().setMode(ResetCommand.ResetType.HARD).call();
            }
            return;
        }
        if (!fresh) {
            git.reset().setMode(ResetCommand.ResetType.HARD).call();
            git.clean().setCleanDirectories(true).call();
        }
        var checkout = git.checkout().setName(branch);
        if (startPoint != null) {
            checkout.setCreateBranch(true).setStartPoint(startPoint.getName());
        }
        checkout.call();
    }

    /** Where the runner keeps its evidence; never part of a tool's diff. */
    public static final String ARTIFACTS_DIR = "artifacts";

    /**
     * The unified diff of everything in the working tree (tracked, untracked, deleted) against HEAD, leaving out
     * {@value #ARTIFACTS_DIR}/ (the runner's own evidence).
     */
    public String diff(String workspaceId) {
        try (Git git = WorkspaceGit.open(directory(workspaceId))) {
            stageAll(git);
            Repository repo = git.getRepository();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (DiffFormatter formatter = new DiffFormatter(out);
                    var reader = repo.newObjectReader()) {
                formatter.setRepository(repo);
                formatter.setPathFilter(org.eclipse.jgit.treewalk.filter.PathFilter.create(ARTIFACTS_DIR)
                        .negate());
                ObjectId head = repo.resolve(Constants.HEAD + "^{tree}");
                var oldTree = head == null ? new EmptyTreeIterator() : new CanonicalTreeParser(null, reader, head);
                formatter.format(oldTree, new DirCacheIterator(repo.readDirCache()));
                formatter.flush();
            }
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (GitAPIException | IOException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw new RunnerException("computing the diff of workspace " + workspaceId, e);
        }
    }

    /**
     * The paths whose content differs between the item's base commit ({@link BaseCommits}, else HEAD) and the work
     * tree (tracked, untracked, deleted), leaving out {@value #ARTIFACTS_DIR}/ and {@code ignored} (exact paths).
     */
    public List<String> changedSinceBase(String workspaceId, java.util.Set<String> ignored) {
        try (Git git = WorkspaceGit.open(directory(workspaceId))) {
            stageAll(git);
            Repository repo = git.getRepository();
            try (DiffFormatter formatter = new DiffFormatter(org.eclipse.jgit.util.io.NullOutputStream.INSTANCE);
                    var reader = repo.newObjectReader();
                    RevWalk walk = new RevWalk(reader)) {
                formatter.setRepository(repo);
                ObjectId base =
                        bases.recorded(workspaceId).map(ObjectId::fromString).orElse(repo.resolve(Constants.HEAD));
                var oldTree = base == null
                        ? new EmptyTreeIterator()
                        : new CanonicalTreeParser(
                                null, reader, walk.parseCommit(base).getTree());
                return formatter.scan(oldTree, new DirCacheIterator(repo.readDirCache())).stream()
                        .flatMap(e -> java.util.stream.Stream.of(e.getOldPath(), e.getNewPath()))
                        .filter(path -> !path.equals(org.eclipse.jgit.diff.DiffEntry.DEV_NULL))
                        .filter(path -> !path.equals(ARTIFACTS_DIR) && !path.startsWith(ARTIFACTS_DIR + "/"))
                        .filter(path -> !ignored.contains(path))
                        .distinct()
                        .sorted()
                        .toList();
            }
        } catch (GitAPIException | IOException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw new RunnerException("comparing workspace " + workspaceId + " with its base commit", e);
        }
    }

    /**
     * The files of the item's base commit ({@link BaseCommits}, else HEAD) that the work tree no longer holds at the
     * same path: deleted, or renamed away. Sorted; {@code artifacts/} is left out.
     */
    public List<String> deletedSinceBase(String workspaceId) {
        try (Git git = WorkspaceGit.open(directory(workspaceId))) {
            stageAll(git);
            Repository repo = git.getRepository();
            try (DiffFormatter formatter = new DiffFormatter(org.eclipse.jgit.util.io.NullOutputStream.INSTANCE);
                    var reader = repo.newObjectReader();
                    RevWalk walk = new RevWalk(reader)) {
                formatter.setRepository(repo);
                formatter.setDetectRenames(false); // a rename is its old path deleted and its new path added
                ObjectId base =
                        bases.recorded(workspaceId).map(ObjectId::fromString).orElse(repo.resolve(Constants.HEAD));
                if (base == null) {
                    return List.of();
                }
                var oldTree = new CanonicalTreeParser(
                        null, reader, walk.parseCommit(base).getTree());
                return formatter.scan(oldTree, new DirCacheIterator(repo.readDirCache())).stream()
                        .filter(e -> e.getChangeType() == org.eclipse.jgit.diff.DiffEntry.ChangeType.DELETE)
                        .map(org.eclipse.jgit.diff.DiffEntry::getOldPath)
                        .filter(path -> !path.equals(ARTIFACTS_DIR) && !path.startsWith(ARTIFACTS_DIR + "/"))
                        .sorted()
                        .toList();
            }
        } catch (GitAPIException | IOException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw new RunnerException("listing the files workspace " + workspaceId + " deleted since its base", e);
        }
    }

    /**
     * The item's recorded base commit ({@link BaseCommits}, else HEAD), or empty for a repository without commits.
     */
    public Optional<String> baseCommit(String workspaceId) {
        Optional<String> recorded = bases.recorded(workspaceId);
        if (recorded.isPresent()) {
            return recorded;
        }
        try (Git git = WorkspaceGit.open(directory(workspaceId))) {
            return Optional.ofNullable(git.getRepository().resolve(Constants.HEAD))
                    .map(ObjectId::name);
        } catch (IOException e) {
            throw new RunnerException("reading the HEAD of workspace " + workspaceId, e);
        }
    }

    /**
     * Writes the files of {@code commit} (regular and executable files only; links and submodules are left out, so
     * nothing leads out of {@code target}) into the empty directory {@code target}: a copy of the base to run a check
     * on, with no {@code .git} and no hooks or filters involved.
     */
    public void exportCommit(String workspaceId, String commit, Path target) {
        try (Git git = WorkspaceGit.open(directory(workspaceId));
                RevWalk walk = new RevWalk(git.getRepository());
                var tree = new org.eclipse.jgit.treewalk.TreeWalk(git.getRepository())) {
            tree.addTree(walk.parseCommit(ObjectId.fromString(commit)).getTree());
            tree.setRecursive(true);
            Files.createDirectories(target);
            while (tree.next()) {
                var mode = tree.getFileMode(0);
                if (mode != org.eclipse.jgit.lib.FileMode.REGULAR_FILE
                        && mode != org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE) {
                    continue;
                }
                Path file = target.resolve(tree.getPathString()).normalize();
                if (!file.startsWith(target)) {
                    continue;
                }
                Files.createDirectories(file.getParent());
                Files.write(file, git.getRepository().open(tree.getObjectId(0)).getBytes());
                if (mode == org.eclipse.jgit.lib.FileMode.EXECUTABLE_FILE) {
                    file.toFile().setExecutable(true, false);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new RunnerException("writing base commit " + commit + " of workspace " + workspaceId, e);
        }
    }

    private static void stageAll(Git git) throws GitAPIException {
        // --all: new, changed and deleted files in one walk of the tree
        git.add().addFilepattern(".").setAll(true).call();
    }

    /**
     * Commits everything on {@code branch} as Clarity. When nothing changed and HEAD already carries {@code message}
     * (a repeat), returns HEAD instead of making an empty commit; when nothing changed otherwise, still commits
     * (an empty task commit keeps one commit per task).
     */
    public String commit(String workspaceId, String branch, String message) {
        try (Git git = WorkspaceGit.open(directory(workspaceId))) {
            Repository repo = git.getRepository();
            if (!branch.equals(repo.getBranch())) {
                git.checkout().setName(branch).call();
            }
            stageAll(git);
            ObjectId headId = repo.resolve(Constants.HEAD);
            if (headId != null) {
                try (RevWalk walk = new RevWalk(repo);
                        var inserter = repo.newObjectInserter()) {
                    RevCommit head = walk.parseCommit(headId);
                    // comparing the index's tree with HEAD's is one pass, where a status would walk the tree again
                    ObjectId indexTree = repo.readDirCache().writeTree(inserter);
                    boolean unchanged = indexTree.equals(head.getTree().getId());
                    if (unchanged && head.getFullMessage().strip().equals(message.strip())) {
                        return head.name();
                    }
                }
            }
            PersonIdent ident = new PersonIdent(IDENTITY_TEMPLATE, clock.instant(), java.time.ZoneOffset.UTC);
            RevCommit commit = git.commit()
                    .setMessage(message)
                    .setAuthor(ident)
                    .setCommitter(ident)
                    .setAllowEmpty(true)
                    .setSign(false)
                    // no hook runs anyway (WorkspaceGit); this keeps it so should the file system change
                    .setNoVerify(true)
                    .call();
            return commit.name();
        } catch (GitAPIException | IOException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw new RunnerException("committing on " + branch + " in workspace " + workspaceId, e);
        }
    }

    /** Pushes {@code branch} to the same name without force. */
    public PushOutcome push(String workspaceId, String repoUrl, GitCredentials credentials, String branch) {
        String cleanUrl = withoutUserInfo(repoUrl);
        credentials = credentials != null ? credentials : userInfo(repoUrl);
        try (Git git = WorkspaceGit.open(directory(workspaceId), cleanUrl)) {
            Repository repo = git.getRepository();
            ObjectId local = repo.resolve(Constants.R_HEADS + branch);
            if (local == null) {
                return new PushOutcome.Refused("no local branch " + branch);
            }
            return pushBranch(
                    git,
                    cleanUrl,
                    credentials,
                    branch,
                    local,
                    new PushOutcome.RejectedByOthers(
                            "the remote branch " + branch + " holds commits Clarity did not make"));
        } catch (GitAPIException | IOException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw new RunnerException("pushing " + branch + " of workspace " + workspaceId + " to " + cleanUrl, e);
        }
    }

    /**
     * Brings {@code branch} into {@code target} on the remote: nothing when the remote target already contains it (a
     * repeat), a fast-forward when the target has not moved past the branch's base, else a merge commit made without
     * touching the working tree. A conflict is refused and nothing is pushed. The local {@code target} is set to the
     * result, so the next item branches from it. Never forced: a target that moves during the push is refused.
     */
    public PushOutcome mergeInto(
            String workspaceId, String repoUrl, GitCredentials credentials, String branch, String target) {
        String cleanUrl = withoutUserInfo(repoUrl);
        credentials = credentials != null ? credentials : userInfo(repoUrl);
        try (Git git = WorkspaceGit.open(directory(workspaceId), cleanUrl)) {
            Repository repo = git.getRepository();
            ObjectId task = repo.resolve(Constants.R_HEADS + branch);
            if (task == null) {
                return new PushOutcome.Refused("no local branch " + branch);
            }
            String tracking = Constants.R_REMOTES + "origin/" + target;
            git.fetch()
                    .setRemote(cleanUrl)
                    .setRefSpecs(new RefSpec("+" + Constants.R_HEADS + target + ":" + tracking))
                    .setCredentialsProvider(provider(credentials))
                    .call();
            ObjectId remote = repo.resolve(tracking);
            ObjectId result;
            if (remote != null && isAncestor(repo, task, remote)) {
                result = remote;
            } else if (remote == null || isAncestor(repo, remote, task)) {
                result = task;
            } else {
                result = mergeCommit(repo, remote, task, "Merge " + branch + " into " + target);
                if (result == null) {
                    return new PushOutcome.Refused(branch + " conflicts with " + target
                            + ", which moved on since the item started: merge it by hand");
                }
            }
            setLocal(repo, target, result);
            if (result.equals(remote)) {
                return new PushOutcome.Pushed(result.name());
            }
            return pushBranch(
                    git,
                    cleanUrl,
                    credentials,
                    target,
                    result,
                    new PushOutcome.Refused(target + " moved while " + branch + " was being merged into it"),
                    branch);
        } catch (GitAPIException | IOException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw new RunnerException(
                    "merging " + branch + " into " + target + " of workspace " + workspaceId + " at " + cleanUrl, e);
        }
    }

    /** Pushes local {@code branch} (at {@code commit}) to the same name without force; a non-fast-forward is {@code rejected}. */
    private static PushOutcome pushBranch(
            Git git, String url, GitCredentials credentials, String branch, ObjectId commit, PushOutcome rejected)
            throws GitAPIException, IOException {
        return pushBranch(git, url, credentials, branch, commit, rejected, null);
    }

    /**
     * As above; when the origin is a working repository on this machine with {@code branch} checked out, the branch
     * moves only as {@code git merge --ff-only} would move it, work tree and all, and not at all when the checkout
     * has changes of its own ({@link CheckedOutOrigin}). {@code source} is the branch whose work comes in, named in
     * that refusal (null when there is none to name).
     */
    private static PushOutcome pushBranch(
            Git git,
            String url,
            GitCredentials credentials,
            String branch,
            ObjectId commit,
            PushOutcome rejected,
            String source)
            throws GitAPIException, IOException {
        Optional<CheckedOutOrigin> checkedOut = CheckedOutOrigin.find(url, branch);
        if (checkedOut.isEmpty()) {
            return pushOnly(git, url, credentials, branch, commit, rejected);
        }
        try (CheckedOutOrigin checkout = checkedOut.get()) {
            Optional<ObjectId> before = checkout.head();
            Optional<String> refusal = checkout.refusal(CheckedOutOrigin.paths(git.getRepository(), commit), source);
            if (refusal.isPresent()) {
                return new PushOutcome.Held(refusal.get());
            }
            PushOutcome outcome = pushOnly(git, url, credentials, branch, commit, rejected);
            if (outcome instanceof PushOutcome.Pushed && before.isPresent()) {
                checkout.follow(before.get(), commit);
            }
            return outcome;
        }
    }

    private static PushOutcome pushOnly(
            Git git, String url, GitCredentials credentials, String branch, ObjectId commit, PushOutcome rejected)
            throws GitAPIException {
        String ref = Constants.R_HEADS + branch;
        Iterable<PushResult> results = git.push()
                .setRemote(url)
                .setRefSpecs(new RefSpec(ref + ":" + ref))
                .setForce(false)
                .setCredentialsProvider(provider(credentials))
                .call();
        for (PushResult result : results) {
            RemoteRefUpdate update = result.getRemoteUpdate(ref);
            if (update == null) {
                continue;
            }
            return switch (update.getStatus()) {
                case OK, UP_TO_DATE -> new PushOutcome.Pushed(commit.name());
                case REJECTED_NONFASTFORWARD, REJECTED_REMOTE_CHANGED -> rejected;
                default ->
                    staleLock(url, ref)
                            .<PushOutcome>map(lock -> new PushOutcome.Refused("a leftover lock file " + lock
                                    + " in the origin blocks the push (an interrupted git process left it);"
                                    + " if no git process is working there, delete it and retry"))
                            .orElseGet(() -> new PushOutcome.Refused(update.getStatus() + " "
                                    + Optional.ofNullable(update.getMessage()).orElse("")));
            };
        }
        return new PushOutcome.Refused("the server did not report on " + branch);
    }

    /** For an origin on this machine (a path or file: URL), the lock file of {@code ref} when one is lying there. */
    static Optional<Path> staleLock(String url, String ref) {
        Path origin;
        try {
            origin = url.startsWith("file:") ? Path.of(java.net.URI.create(url)) : Path.of(url);
        } catch (IllegalArgumentException e) { // InvalidPathException included
            return Optional.empty();
        }
        if (!origin.isAbsolute() || !Files.isDirectory(origin)) {
            return Optional.empty();
        }
        for (Path gitDir : List.of(origin.resolve(".git"), origin)) {
            Path lock = gitDir.resolve(ref + ".lock");
            if (Files.exists(lock)) {
                return Optional.of(lock);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the remote {@code target} contains the local (or else the remote) {@code branch}. When it does, the
     * local {@code target} is set to the remote one, so the next item branches from what was merged.
     */
    public boolean isMerged(
            String workspaceId, String repoUrl, GitCredentials credentials, String branch, String target) {
        String cleanUrl = withoutUserInfo(repoUrl);
        credentials = credentials != null ? credentials : userInfo(repoUrl);
        try (Git git = WorkspaceGit.open(directory(workspaceId), cleanUrl)) {
            Repository repo = git.getRepository();
            fetch(git, cleanUrl, credentials);
            ObjectId item = Optional.ofNullable(repo.resolve(Constants.R_HEADS + branch))
                    .orElse(repo.resolve(Constants.R_REMOTES + "origin/" + branch));
            ObjectId remote = repo.resolve(Constants.R_REMOTES + "origin/" + target);
            if (item == null || remote == null) {
                return false;
            }
            if (!isAncestor(repo, item, remote) && !holdsChangesOf(repo, item, remote)) {
                return false;
            }
            setLocal(repo, target, remote);
            return true;
        } catch (GitAPIException | IOException | org.eclipse.jgit.api.errors.JGitInternalException e) {
            throw new RunnerException("reading whether " + branch + " is merged into " + target + " at " + cleanUrl, e);
        }
    }

    /**
     * True when {@code target}'s tree holds every change {@code item} made since the two forked, as {@code item} made
     * it: the item was squash-merged or rebased onto the target (GitHub's "Squash and merge" and "Rebase and merge").
     * An item that changed nothing is not taken as merged this way.
     */
    private static boolean holdsChangesOf(Repository repo, ObjectId item, ObjectId target) throws IOException {
        RevCommit base;
        try (RevWalk walk = new RevWalk(repo)) {
            walk.setRevFilter(org.eclipse.jgit.revwalk.filter.RevFilter.MERGE_BASE);
            walk.markStart(walk.parseCommit(item));
            walk.markStart(walk.parseCommit(target));
            base = walk.next();
        }
        if (base == null) {
            return false;
        }
        try (RevWalk walk = new RevWalk(repo);
                org.eclipse.jgit.treewalk.TreeWalk trees = new org.eclipse.jgit.treewalk.TreeWalk(repo)) {
            trees.addTree(walk.parseCommit(base).getTree());
            trees.addTree(walk.parseCommit(item).getTree());
            trees.addTree(walk.parseCommit(target).getTree());
            trees.setRecursive(true);
            trees.setFilter(org.eclipse.jgit.treewalk.filter.TreeFilter.ANY_DIFF);
            boolean changed = false;
            while (trees.next()) {
                if (trees.idEqual(0, 1) && trees.getRawMode(0) == trees.getRawMode(1)) {
                    continue;
                }
                changed = true;
                if (!trees.idEqual(1, 2) || trees.getRawMode(1) != trees.getRawMode(2)) {
                    return false;
                }
            }
            return changed;
        }
    }

    /** A merge commit of {@code theirs} into {@code ours} made in memory, or null on a conflict. */
    private ObjectId mergeCommit(Repository repo, ObjectId ours, ObjectId theirs, String message) throws IOException {
        var merger = org.eclipse.jgit.merge.MergeStrategy.RECURSIVE.newMerger(repo, true);
        if (!merger.merge(ours, theirs)) {
            return null;
        }
        try (var inserter = repo.newObjectInserter()) {
            PersonIdent ident = new PersonIdent(IDENTITY_TEMPLATE, clock.instant(), java.time.ZoneOffset.UTC);
            var commit = new org.eclipse.jgit.lib.CommitBuilder();
            commit.setTreeId(merger.getResultTreeId());
            commit.setParentIds(ours, theirs);
            commit.setAuthor(ident);
            commit.setCommitter(ident);
            commit.setMessage(message);
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            return id;
        }
    }

    private static void setLocal(Repository repo, String branch, ObjectId commit) throws IOException {
        var update = repo.updateRef(Constants.R_HEADS + branch);
        update.setNewObjectId(commit);
        update.setForceUpdate(true);
        update.setRefLogMessage("clarity: merged into " + branch, false);
        var status = update.update();
        if (status == org.eclipse.jgit.lib.RefUpdate.Result.LOCK_FAILURE
                || status == org.eclipse.jgit.lib.RefUpdate.Result.IO_FAILURE
                || status == org.eclipse.jgit.lib.RefUpdate.Result.REJECTED) {
            throw new IOException("could not set local " + branch + ": " + status);
        }
    }

    /** The commit at the tip of a local branch, if it exists. */
    public Optional<String> head(String workspaceId, String branch) {
        try (Git git = WorkspaceGit.open(directory(workspaceId))) {
            return Optional.ofNullable(git.getRepository().resolve(Constants.R_HEADS + branch))
                    .map(ObjectId::name);
        } catch (IOException e) {
            throw new RunnerException("reading branch " + branch + " of workspace " + workspaceId, e);
        }
    }

    private static boolean isAncestor(Repository repo, ObjectId ancestor, ObjectId descendant) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            return walk.isMergedInto(walk.parseCommit(ancestor), walk.parseCommit(descendant));
        }
    }

    private static CredentialsProvider provider(GitCredentials credentials) {
        return credentials == null || credentials.token() == null
                ? null
                : new UsernamePasswordCredentialsProvider(credentials.username(), credentials.token());
    }

    /** Credentials carried in the URL's {@code user:password@} part, or null. */
    public static GitCredentials userInfo(String url) {
        try {
            URIish uri = new URIish(url);
            return uri.getUser() == null || uri.getPass() == null
                    ? null
                    : new GitCredentials(uri.getUser(), uri.getPass());
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** The URL without any {@code user:password@} part (local paths are returned unchanged). */
    public static String withoutUserInfo(String url) {
        try {
            URIish uri = new URIish(url);
            if (uri.getUser() == null && uri.getPass() == null) {
                return url;
            }
            return uri.setUser(null).setPass(null).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("repoUrl is not a git URL (" + e.getReason() + ")");
        }
    }
}
