package dev.clarity.runner.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Merge policy {@code auto} on a user's working (non-bare) repository whose default branch is checked out: the branch
 * moves only with its work tree, as {@code git merge --ff-only} would move it, and a checkout with changes of its own
 * is left alone with a sentence saying how to bring the work in. Judged by the real {@code git status}.
 */
class CheckedOutOriginTest {
    @TempDir
    Path temp;

    private Path origin;
    private String url;
    private GitWorkspaces workspaces;

    @BeforeAll
    static void isolate() {
        IsolatedGitConfig.install();
    }

    @BeforeEach
    void setUp() throws Exception {
        origin = Files.createDirectories(temp.resolve("shop"));
        try (Git git = Git.init()
                .setDirectory(origin.toFile())
                .setInitialBranch("main")
                .call()) {
            Files.writeString(origin.resolve("README.md"), "hello\n");
            git.add().addFilepattern(".").call();
            PersonIdent ana = new PersonIdent("Ana", "ana@example.com");
            git.commit()
                    .setMessage("seed")
                    .setAuthor(ana)
                    .setCommitter(ana)
                    .setSign(false)
                    .call();
        }
        url = origin.toString();
        workspaces = new GitWorkspaces(
                temp.resolve("workspaces"), InstantSource.fixed(Instant.parse("2026-11-24T01:00:00Z")));
    }

    /** An item's work committed on its branch in workspace {@code id}: a new file and a changed README. */
    private void itemCommitted(String id, String branch) throws IOException {
        assertThat(workspaces.prepare(id, url, null, "main", branch)).isInstanceOf(PrepOutcome.Ready.class);
        Path ws = workspaces.directory(id);
        Files.writeString(ws.resolve("hello.txt"), "made by the tool\n");
        Files.writeString(ws.resolve("README.md"), "hello, world\n");
        workspaces.commit(id, branch, "Task 1.1: Add hello file");
        // as PUSH does under auto: the item's branch first, then the merge
        assertThat(workspaces.push(id, url, null, branch)).isInstanceOf(PushOutcome.Pushed.class);
    }

    @Test
    void merging_into_the_checked_out_branch_of_a_clean_checkout_moves_its_work_tree_with_it() throws Exception {
        itemCommitted("exec-1", "task/1.1-add-hello-file");

        PushOutcome outcome = workspaces.mergeInto("exec-1", url, null, "task/1.1-add-hello-file", "main");

        assertThat(outcome).isInstanceOf(PushOutcome.Pushed.class);
        assertThat(git("status", "--porcelain")).isEmpty();
        assertThat(git("rev-parse", "HEAD")).isEqualTo(((PushOutcome.Pushed) outcome).commit());
        assertThat(Files.readString(origin.resolve("hello.txt"))).isEqualTo("made by the tool\n");
        assertThat(Files.readString(origin.resolve("README.md"))).isEqualTo("hello, world\n");
        assertThat(git("diff", "--cached", "--name-only")).isEmpty();
    }

    @Test
    void a_checkout_with_uncommitted_changes_is_left_alone_with_how_to_bring_the_work_in() throws Exception {
        itemCommitted("exec-2", "task/1.1-add-hello-file");
        String before = git("rev-parse", "HEAD");
        Files.writeString(origin.resolve("README.md"), "my own edit\n");

        PushOutcome outcome = workspaces.mergeInto("exec-2", url, null, "task/1.1-add-hello-file", "main");

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        PushOutcome.Held.class,
                        r -> assertThat(r.reason())
                                .contains("main is checked out in " + origin)
                                .contains("uncommitted changes (README.md)")
                                .contains("git merge task/1.1-add-hello-file"));
        assertThat(git("rev-parse", "HEAD")).isEqualTo(before);
        assertThat(git("status", "--porcelain")).isEqualTo(" M README.md");
        assertThat(Files.readString(origin.resolve("README.md"))).isEqualTo("my own edit\n");
        // the item's branch is there to merge by hand
        assertThat(git("rev-parse", "--verify", "-q", "refs/heads/task/1.1-add-hello-file"))
                .isNotEmpty();
    }

    @Test
    void an_untracked_file_the_merge_would_overwrite_leaves_the_checkout_alone() throws Exception {
        itemCommitted("exec-3", "task/1.1-add-hello-file");
        String before = git("rev-parse", "HEAD");
        Files.writeString(origin.resolve("hello.txt"), "mine, not committed\n");

        PushOutcome outcome = workspaces.mergeInto("exec-3", url, null, "task/1.1-add-hello-file", "main");

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        PushOutcome.Held.class,
                        r -> assertThat(r.reason()).contains("untracked files the merge would overwrite (hello.txt)"));
        assertThat(git("rev-parse", "HEAD")).isEqualTo(before);
        assertThat(Files.readString(origin.resolve("hello.txt"))).isEqualTo("mine, not committed\n");
    }

    @Test
    void a_branch_that_is_not_checked_out_moves_without_touching_the_work_tree() throws Exception {
        itemCommitted("exec-4", "task/1.1-add-hello-file");
        git("checkout", "-q", "-b", "elsewhere");
        Files.writeString(origin.resolve("README.md"), "my own edit\n");

        PushOutcome outcome = workspaces.mergeInto("exec-4", url, null, "task/1.1-add-hello-file", "main");

        assertThat(outcome).isInstanceOf(PushOutcome.Pushed.class);
        assertThat(git("rev-parse", "main")).isEqualTo(((PushOutcome.Pushed) outcome).commit());
        assertThat(git("status", "--porcelain")).isEqualTo(" M README.md");
    }

    /** The real git in the origin (its output trimmed), as the user would see it. */
    private String git(String... args) throws Exception {
        var command = new java.util.ArrayList<String>(java.util.List.of("git", "-C", origin.toString()));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.stripTrailing();
    }
}
