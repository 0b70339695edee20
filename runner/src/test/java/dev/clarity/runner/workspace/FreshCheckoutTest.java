package dev.clarity.runner.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarity.runner.api.RunnerException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.time.InstantSource;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first prep of a workspace writes the tree itself; what it leaves must be what JGit's checkout leaves. */
class FreshCheckoutTest {
    private static final PersonIdent ANA = new PersonIdent("Ana", "ana@example.com");

    @TempDir
    Path temp;

    private Path origin;
    private GitWorkspaces workspaces;

    @BeforeAll
    static void isolate() {
        IsolatedGitConfig.install();
    }

    @BeforeEach
    void setUp() throws Exception {
        origin = temp.resolve("origin.git");
        Git.init()
                .setBare(true)
                .setInitialBranch("main")
                .setDirectory(origin.toFile())
                .call()
                .close();
        workspaces = new GitWorkspaces(
                temp.resolve("workspaces"), InstantSource.fixed(Instant.parse("2026-11-25T01:00:00Z")));
    }

    /** Commits the files of {@code source} (a plain directory) to origin's main through a clone made by JGit. */
    private void seedFrom(Path source) throws Exception {
        Path dir = temp.resolve("seed-" + System.nanoTime());
        try (Git git = Git.cloneRepository()
                .setURI(origin.toUri().toString())
                .setDirectory(dir.toFile())
                .call()) {
            try (var files = Files.walk(source)) {
                for (Path p : files.toList()) {
                    Path target = dir.resolve(source.relativize(p).toString());
                    if (Files.isSymbolicLink(p)) {
                        Files.createSymbolicLink(target, Files.readSymbolicLink(p));
                    } else if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                    }
                }
            }
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("seed")
                    .setAuthor(ANA)
                    .setCommitter(ANA)
                    .setSign(false)
                    .call();
            git.push()
                    .setRefSpecs(new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/main"))
                    .call();
        }
    }

    @Test
    void a_fresh_workspace_holds_every_file_mode_and_a_clean_index() throws Exception {
        Path source = Files.createDirectories(temp.resolve("source"));
        Files.createDirectories(source.resolve("src/deep/er"));
        Files.writeString(source.resolve("README.md"), "hello\n");
        Files.writeString(source.resolve("src/deep/er/App.java"), "class App {}\n");
        Files.write(source.resolve("src/data.bin"), new byte[] {0, 1, 2, (byte) 0xff, '\r', '\n'});
        Path script = source.resolve("build.sh");
        Files.writeString(script, "#!/bin/sh\necho built\n");
        Files.setPosixFilePermissions(
                script,
                java.util.EnumSet.of(
                        PosixFilePermission.OWNER_READ,
                        PosixFilePermission.OWNER_WRITE,
                        PosixFilePermission.OWNER_EXECUTE));
        Files.createSymbolicLink(source.resolve("latest"), Path.of("src/deep/er/App.java"));
        Files.writeString(source.resolve("big.txt"), "line\n".repeat(400_000));
        seedFrom(source);

        var prep = workspaces.prepare("w1", origin.toString(), null, "main", "task/1-first");

        assertThat(prep).isInstanceOf(PrepOutcome.Ready.class);
        Path dir = workspaces.directory("w1");
        assertThat(Files.readString(dir.resolve("README.md"))).isEqualTo("hello\n");
        assertThat(Files.readString(dir.resolve("src/deep/er/App.java"))).isEqualTo("class App {}\n");
        assertThat(Files.readAllBytes(dir.resolve("src/data.bin"))).containsExactly(0, 1, 2, 0xff, '\r', '\n');
        assertThat(Files.size(dir.resolve("big.txt"))).isEqualTo(2_000_000);
        assertThat(Files.isExecutable(dir.resolve("build.sh"))).isTrue();
        assertThat(Files.isExecutable(dir.resolve("README.md"))).isFalse();
        assertThat(Files.readSymbolicLink(dir.resolve("latest"))).isEqualTo(Path.of("src/deep/er/App.java"));
        try (Git git = Git.open(dir.toFile())) {
            var status = git.status().call();
            assertThat(status.isClean())
                    .as(
                            "modified %s, untracked %s, missing %s",
                            status.getModified(), status.getUntracked(), status.getMissing())
                    .isTrue();
            assertThat(git.getRepository().getFullBranch()).isEqualTo("refs/heads/task/1-first");
            DirCache index = git.getRepository().readDirCache();
            assertThat(index.getEntryCount()).isEqualTo(6);
            assertThat(index.getEntry("build.sh").getFileMode()).isEqualTo(FileMode.EXECUTABLE_FILE);
            assertThat(index.getEntry("latest").getFileMode()).isEqualTo(FileMode.SYMLINK);
        }

        // the workspace works as before: a change commits and the commit carries only that change
        Files.writeString(dir.resolve("README.md"), "changed\n");
        String commit = workspaces.commit("w1", "task/1-first", "Task 1: first");
        try (Git git = Git.open(dir.toFile())) {
            Repository repo = git.getRepository();
            var diff = git.diff()
                    .setOldTree(tree(repo, commit + "~1"))
                    .setNewTree(tree(repo, commit))
                    .call();
            assertThat(diff)
                    .singleElement()
                    .satisfies(d -> assertThat(d.getNewPath()).isEqualTo("README.md"));
        }
    }

    @Test
    void a_tree_that_asks_for_line_ending_conversion_is_checked_out_by_jgit_with_the_conversion() throws Exception {
        Path source = Files.createDirectories(temp.resolve("source"));
        Files.writeString(source.resolve(".gitattributes"), "*.txt text eol=crlf\n");
        Files.writeString(source.resolve("notes.txt"), "one\ntwo\n");
        seedFrom(source);

        workspaces.prepare("w2", origin.toString(), null, "main", "task/2-second");

        Path dir = workspaces.directory("w2");
        assertThat(Files.readString(dir.resolve("notes.txt"))).isEqualTo("one\r\ntwo\r\n");
        try (Git git = Git.open(dir.toFile())) {
            assertThat(git.status().call().isClean()).isTrue();
            assertThat(git.getRepository().getFullBranch()).isEqualTo("refs/heads/task/2-second");
        }
    }

    @Test
    void a_tree_with_a_path_git_refuses_is_refused_and_nothing_lands_outside_the_workspace() throws Exception {
        ObjectId commit;
        try (Repository repo = Git.open(origin.toFile()).getRepository();
                ObjectInserter inserter = repo.newObjectInserter()) {
            ObjectId hook =
                    inserter.insert(Constants.OBJ_BLOB, "#!/bin/sh\necho owned\n".getBytes(StandardCharsets.UTF_8));
            TreeFormatter hooks = new TreeFormatter();
            hooks.append("post-checkout", FileMode.EXECUTABLE_FILE, hook);
            TreeFormatter dotGit = new TreeFormatter();
            dotGit.append("hooks", FileMode.TREE, inserter.insert(hooks));
            TreeFormatter root = new TreeFormatter();
            root.append(".git", FileMode.TREE, inserter.insert(dotGit));
            CommitBuilder builder = new CommitBuilder();
            builder.setTreeId(inserter.insert(root));
            builder.setAuthor(ANA);
            builder.setCommitter(ANA);
            builder.setMessage("crafted");
            commit = inserter.insert(builder);
            inserter.flush();
            RefUpdate update = repo.updateRef("refs/heads/main");
            update.setNewObjectId(commit);
            update.forceUpdate();
        }

        assertThatThrownBy(() -> workspaces.prepare("w3", origin.toString(), null, "main", "task/3-third"))
                .isInstanceOf(RunnerException.class)
                .hasMessageContaining("task/3-third")
                .rootCause()
                .hasMessageContaining(".git/hooks/post-checkout");
        assertThat(workspaces.directory("w3").resolve(".git/hooks/post-checkout"))
                .doesNotExist();
    }

    private static org.eclipse.jgit.treewalk.AbstractTreeIterator tree(Repository repo, String revision)
            throws Exception {
        var parser = new org.eclipse.jgit.treewalk.CanonicalTreeParser();
        try (var reader = repo.newObjectReader();
                var walk = new org.eclipse.jgit.revwalk.RevWalk(repo)) {
            parser.reset(reader, walk.parseCommit(repo.resolve(revision)).getTree());
        }
        return parser;
    }
}
