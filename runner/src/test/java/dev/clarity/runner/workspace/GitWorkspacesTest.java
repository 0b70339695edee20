package dev.clarity.runner.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarity.runner.api.GitCredentials;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.testkit.git.SmartHttpGitServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitWorkspacesTest {
    @TempDir
    Path temp;

    private SmartHttpGitServer server;
    private GitWorkspaces workspaces;
    private String url;
    private GitCredentials credentials;

    @BeforeAll
    static void isolate() {
        IsolatedGitConfig.install();
    }

    @BeforeEach
    void setUp() throws Exception {
        Files.createDirectories(temp.resolve("server"));
        server = SmartHttpGitServer.start(temp.resolve("server"));
        url = server.createRepository("shop").toString();
        credentials = GitCredentials.gitHubToken(server.token());
        seed(url, "README.md", "hello\n");
        workspaces = new GitWorkspaces(
                temp.resolve("workspaces"), InstantSource.fixed(Instant.parse("2026-11-24T01:00:00Z")));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private void seed(String remote, String file, String content) throws Exception {
        Path dir = Files.createTempDirectory(temp, "seed");
        try (Git git = Git.cloneRepository()
                .setURI(remote)
                .setDirectory(dir.toFile())
                .setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", server.token()))
                .call()) {
            Files.writeString(dir.resolve(file), content);
            git.add().addFilepattern(".").call();
            PersonIdent someone = new PersonIdent("Ana", "ana@example.com");
            git.commit()
                    .setMessage("seed " + file)
                    .setAuthor(someone)
                    .setCommitter(someone)
                    .setSign(false)
                    .call();
            git.push()
                    .setRemote("origin")
                    .setRefSpecs(new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/main"))
                    .setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", server.token()))
                    .call();
        }
    }

    @Test
    void prep_commit_push_round_trip_over_http_with_token_and_token_stays_out_of_git_config() throws Exception {
        var prep = workspaces.prepare("exec-1", url, credentials, "main", "task/1-add-readme");
        assertThat(prep)
                .isEqualTo(new PrepOutcome.Ready(
                        "task/1-add-readme", prep instanceof PrepOutcome.Ready r ? r.head() : "", true));
        Path ws = workspaces.directory("exec-1");
        Files.writeString(ws.resolve("NEW.md"), "new file\n");
        Files.writeString(ws.resolve("README.md"), "hello\nworld\n");

        String diff = workspaces.diff("exec-1");
        assertThat(diff).contains("+++ b/NEW.md").contains("+world");

        String commit = workspaces.commit("exec-1", "task/1-add-readme", "Task 1: Add readme");
        assertThat(workspaces.push("exec-1", url, credentials, "task/1-add-readme"))
                .isEqualTo(new PushOutcome.Pushed(commit));

        try (Git bare = Git.open(server.repositoryDirectory("shop").toFile())) {
            RevCommit pushed = bare.log()
                    .add(bare.getRepository().resolve("refs/heads/task/1-add-readme"))
                    .setMaxCount(1)
                    .call()
                    .iterator()
                    .next();
            assertThat(pushed.name()).isEqualTo(commit);
            assertThat(pushed.getAuthorIdent().getName()).isEqualTo("Clarity");
            assertThat(pushed.getAuthorIdent().getEmailAddress()).isEqualTo("clarity@users.noreply.github.com");
            assertThat(pushed.getFullMessage()).isEqualTo("Task 1: Add readme");
        }
        String config = Files.readString(ws.resolve(".git/config"));
        assertThat(config).doesNotContain(server.token()).contains(url);
    }

    @Test
    void merging_into_main_over_http_fast_forwards_once_and_a_repeat_changes_nothing() throws Exception {
        workspaces.prepare("exec-m", url, credentials, "main", "task/7-merge-me");
        Files.writeString(workspaces.directory("exec-m").resolve("MERGED.md"), "merged\n");
        String commit = workspaces.commit("exec-m", "task/7-merge-me", "Task 7: Merge me");
        workspaces.push("exec-m", url, credentials, "task/7-merge-me");

        assertThat(workspaces.mergeInto("exec-m", url, credentials, "task/7-merge-me", "main"))
                .isEqualTo(new PushOutcome.Pushed(commit));
        assertThat(workspaces.mergeInto("exec-m", url, credentials, "task/7-merge-me", "main"))
                .as("a repeat finds the branch merged")
                .isEqualTo(new PushOutcome.Pushed(commit));
        assertThat(workspaces.head("exec-m", "main")).contains(commit);
        try (Git bare = Git.open(server.repositoryDirectory("shop").toFile())) {
            assertThat(bare.getRepository().resolve("refs/heads/main").name()).isEqualTo(commit);
        }
    }

    @Test
    void a_squash_merge_counts_as_merged_and_a_partial_one_does_not() throws Exception {
        workspaces.prepare("exec-s", url, credentials, "main", "task/8-squash-me");
        Path ws = workspaces.directory("exec-s");
        Files.writeString(ws.resolve("A.md"), "a\n");
        workspaces.commit("exec-s", "task/8-squash-me", "Task 8: part one");
        Files.writeString(ws.resolve("B.md"), "b\n");
        Files.delete(ws.resolve("README.md"));
        workspaces.commit("exec-s", "task/8-squash-me", "Task 8: part two");
        workspaces.push("exec-s", url, credentials, "task/8-squash-me");
        assertThat(workspaces.isMerged("exec-s", url, credentials, "task/8-squash-me", "main"))
                .isFalse();

        // a teammate squashes only part of the item onto main: not merged
        Path teammate = temp.resolve("teammate");
        try (Git git = Git.cloneRepository()
                .setURI(url)
                .setDirectory(teammate.toFile())
                .setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", server.token()))
                .call()) {
            Files.writeString(teammate.resolve("A.md"), "a\n");
            Files.writeString(teammate.resolve("UNRELATED.md"), "u\n");
            git.add().addFilepattern(".").call();
            commitAndPush(git, "Squashed part of task 8");
            assertThat(workspaces.isMerged("exec-s", url, credentials, "task/8-squash-me", "main"))
                    .isFalse();

            // the rest lands as a second squash: now main holds every change of the item
            Files.writeString(teammate.resolve("B.md"), "b\n");
            git.rm().addFilepattern("README.md").call();
            git.add().addFilepattern(".").call();
            commitAndPush(git, "Task 8: squash and merge (#8)");
        }
        assertThat(workspaces.isMerged("exec-s", url, credentials, "task/8-squash-me", "main"))
                .isTrue();
        assertThat(workspaces.head("exec-s", "main")).isPresent();
    }

    private void commitAndPush(Git git, String message) throws Exception {
        PersonIdent someone = new PersonIdent("Ana", "ana@example.com");
        git.commit()
                .setMessage(message)
                .setAuthor(someone)
                .setCommitter(someone)
                .setSign(false)
                .call();
        git.push()
                .setRemote("origin")
                .setRefSpecs(new org.eclipse.jgit.transport.RefSpec("HEAD:refs/heads/main"))
                .setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", server.token()))
                .call();
    }

    @Test
    void a_lock_file_left_in_a_local_origin_is_named_when_the_push_is_refused() throws Exception {
        Path origin = temp.resolve("local-origin");
        try (Git git = Git.cloneRepository()
                .setURI(url)
                .setBare(true)
                .setDirectory(origin.toFile())
                .setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", server.token()))
                .call()) {
            // a clone of the HTTP repository, used from here on as a plain path
        }
        workspaces.prepare("exec-l", origin.toString(), null, "main", "task/8-locked");
        workspaces.commit("exec-l", "task/8-locked", "Task 8: Locked");
        Path lock = origin.resolve("refs/heads/task/8-locked.lock");
        Files.createDirectories(lock.getParent());
        Files.writeString(lock, "");

        PushOutcome outcome = workspaces.push("exec-l", origin.toString(), null, "task/8-locked");

        assertThat(outcome).isInstanceOf(PushOutcome.Refused.class);
        assertThat(((PushOutcome.Refused) outcome).reason())
                .contains("a leftover lock file " + lock)
                .contains("delete it and retry");
        Files.delete(lock);
        assertThat(workspaces.push("exec-l", origin.toString(), null, "task/8-locked"))
                .isInstanceOf(PushOutcome.Pushed.class);
    }

    @Test
    void clearing_stale_locks_removes_what_a_killed_git_operation_left_and_git_works_again() throws Exception {
        workspaces.prepare("exec-k", url, credentials, "main", "task/9-killed");
        Path git = workspaces.directory("exec-k").resolve(".git");
        Files.writeString(git.resolve("index.lock"), "");
        Files.writeString(git.resolve("refs/heads/task/9-killed.lock"), "");
        Files.writeString(workspaces.directory("exec-k").resolve("after.txt"), "after\n");
        assertThatThrownBy(() -> workspaces.commit("exec-k", "task/9-killed", "Task 9: Killed"))
                .as("a lock file left behind refuses git")
                .isInstanceOf(RunnerException.class);

        workspaces.clearStaleLocks("exec-k");

        assertThat(git.resolve("index.lock")).doesNotExist();
        assertThat(git.resolve("refs/heads/task/9-killed.lock")).doesNotExist();
        assertThat(workspaces.commit("exec-k", "task/9-killed", "Task 9: Killed"))
                .hasSize(40);
    }

    @Test
    void a_url_carrying_credentials_is_stored_without_them() {
        String withToken = url.replace("http://", "http://x-access-token:" + server.token() + "@");
        workspaces.prepare("exec-2", withToken, null, "main", "task/2-x");
        assertThat(workspaces.directory("exec-2").resolve(".git/config"))
                .content()
                .doesNotContain(server.token());
    }

    @Test
    void wrong_token_is_refused_by_the_server() {
        assertThatThrownBy(() ->
                        workspaces.prepare("exec-3", url, GitCredentials.gitHubToken("ghs_wrong"), "main", "task/3-x"))
                .isInstanceOf(RunnerException.class)
                .hasMessageContaining("preparing branch task/3-x")
                .hasMessageNotContaining("ghs_wrong");
        assertThat(server.unauthorizedRequests()).isPositive();
    }

    @Test
    void repeating_commit_with_the_same_message_makes_no_second_commit() {
        workspaces.prepare("exec-4", url, credentials, "main", "task/4-x");
        String first = workspaces.commit("exec-4", "task/4-x", "Task 4: X");
        String second = workspaces.commit("exec-4", "task/4-x", "Task 4: X");
        assertThat(second).isEqualTo(first);
    }

    @Test
    void a_person_pushing_to_the_task_branch_is_detected_on_push_and_on_prep_and_nothing_is_overwritten()
            throws Exception {
        workspaces.prepare("exec-5", url, credentials, "main", "task/5-x");
        workspaces.commit("exec-5", "task/5-x", "Task 5: X");
        assertThat(workspaces.push("exec-5", url, credentials, "task/5-x")).isInstanceOf(PushOutcome.Pushed.class);

        // a person adds a commit on the task branch
        Path other = Files.createTempDirectory(temp, "person");
        try (Git git = Git.cloneRepository()
                .setURI(url)
                .setBranch("task/5-x")
                .setDirectory(other.toFile())
                .setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", server.token()))
                .call()) {
            Files.writeString(other.resolve("person.txt"), "mine\n");
            git.add().addFilepattern(".").call();
            PersonIdent ana = new PersonIdent("Ana", "ana@example.com");
            git.commit()
                    .setMessage("by hand")
                    .setAuthor(ana)
                    .setCommitter(ana)
                    .setSign(false)
                    .call();
            git.push()
                    .setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", server.token()))
                    .call();
        }
        String remoteHead;
        try (Git bare = Git.open(server.repositoryDirectory("shop").toFile())) {
            remoteHead = bare.getRepository().resolve("refs/heads/task/5-x").name();
        }

        Files.writeString(workspaces.directory("exec-5").resolve("more.txt"), "more\n");
        workspaces.commit("exec-5", "task/5-x", "Task 5: X again");
        assertThat(workspaces.push("exec-5", url, credentials, "task/5-x"))
                .isInstanceOf(PushOutcome.RejectedByOthers.class);
        try (Git bare = Git.open(server.repositoryDirectory("shop").toFile())) {
            assertThat(bare.getRepository().resolve("refs/heads/task/5-x").name())
                    .isEqualTo(remoteHead);
        }
        assertThat(workspaces.prepare("exec-5", url, credentials, "main", "task/5-x"))
                .isEqualTo(new PrepOutcome.ForeignCommits("task/5-x", remoteHead));
    }

    /** A person's commit of {@code file} on {@code branch} (made from main when it is new), pushed over HTTP. */
    private String personCommits(String branch, String file) throws Exception {
        Path other = Files.createTempDirectory(temp, "person");
        var auth = new UsernamePasswordCredentialsProvider("x-access-token", server.token());
        try (Git git = Git.cloneRepository()
                .setURI(url)
                .setDirectory(other.toFile())
                .setCredentialsProvider(auth)
                .call()) {
            boolean exists = git.getRepository().exactRef("refs/remotes/origin/" + branch) != null;
            git.checkout()
                    .setName(branch)
                    .setCreateBranch(true)
                    .setStartPoint(exists ? "refs/remotes/origin/" + branch : "refs/remotes/origin/main")
                    .call();
            Files.writeString(other.resolve(file), file + " by hand\n");
            git.add().addFilepattern(".").call();
            PersonIdent bo = new PersonIdent("Bo", "bo@example.com");
            RevCommit c = git.commit()
                    .setMessage("by hand: " + file)
                    .setAuthor(bo)
                    .setCommitter(bo)
                    .setSign(false)
                    .call();
            git.push()
                    .setRemote("origin")
                    .setRefSpecs(
                            new org.eclipse.jgit.transport.RefSpec("refs/heads/" + branch + ":refs/heads/" + branch))
                    .setCredentialsProvider(auth)
                    .call();
            return c.name();
        }
    }

    private String remoteHead(String branch) throws Exception {
        try (Git bare = Git.open(server.repositoryDirectory("shop").toFile())) {
            var id = bare.getRepository().resolve("refs/heads/" + branch);
            return id == null ? null : id.name();
        }
    }

    @Test
    void adopting_a_persons_branch_starts_the_record_branch_at_their_head_and_never_writes_theirs() throws Exception {
        workspaces.prepare("exec-7", url, credentials, "main", "task/7-x");
        Files.writeString(workspaces.directory("exec-7").resolve("clarity.txt"), "Clarity's try\n");
        workspaces.commit("exec-7", "task/7-x", "Task 7: X");
        String first = personCommits("task/7-x", "person.txt");

        assertThat(workspaces.adopt("exec-7", url, credentials, "main", "task/7-x", "task/7-x-done"))
                .isEqualTo(new PrepOutcome.Adopted("task/7-x-done", first, first));
        Path ws = workspaces.directory("exec-7");
        assertThat(ws.resolve("person.txt")).exists();
        assertThat(ws.resolve("clarity.txt")).doesNotExist();

        // the record commit goes on the record branch; a repeat keeps it, locally and from a fresh clone
        Files.writeString(ws.resolve("record.md"), "done\n");
        String record = workspaces.commit("exec-7", "task/7-x-done", "Task 7: X");
        assertThat(workspaces.push("exec-7", url, credentials, "task/7-x-done")).isInstanceOf(PushOutcome.Pushed.class);
        assertThat(workspaces.adopt("exec-7", url, credentials, "main", "task/7-x", "task/7-x-done"))
                .isEqualTo(new PrepOutcome.Adopted("task/7-x-done", record, first));
        assertThat(workspaces.adopt("exec-8", url, credentials, "main", "task/7-x", "task/7-x-done"))
                .isEqualTo(new PrepOutcome.Adopted("task/7-x-done", record, first));
        // a new workspace (a replaced runner) gets the whole tree of the record branch, clean
        assertThat(workspaces.directory("exec-8").resolve("record.md")).hasContent("done");
        assertThat(workspaces.directory("exec-8").resolve("person.txt")).exists();
        try (Git fresh = Git.open(workspaces.directory("exec-8").toFile())) {
            assertThat(fresh.status().call().isClean()).isTrue();
            assertThat(fresh.getRepository().getBranch()).isEqualTo("task/7-x-done");
        }
        // and a new workspace for a person's branch without a record yet starts the record branch at their head
        assertThat(workspaces.adopt("exec-10", url, credentials, "main", "task/7-x", "task/7-y-done"))
                .isEqualTo(new PrepOutcome.Adopted("task/7-y-done", first, first));
        assertThat(workspaces.directory("exec-10").resolve("person.txt")).exists();
        try (Git fresh = Git.open(workspaces.directory("exec-10").toFile())) {
            assertThat(fresh.status().call().isClean()).isTrue();
            assertThat(fresh.getRepository().getBranch()).isEqualTo("task/7-y-done");
        }

        // a later push of the person's starts the record branch again at their new head
        String second = personCommits("task/7-x", "fix.txt");
        assertThat(workspaces.adopt("exec-7", url, credentials, "main", "task/7-x", "task/7-x-done"))
                .isEqualTo(new PrepOutcome.Adopted("task/7-x-done", second, second));
        assertThat(ws.resolve("fix.txt")).exists();
        assertThat(ws.resolve("record.md")).doesNotExist();

        assertThat(remoteHead("task/7-x")).isEqualTo(second);
        assertThat(workspaces.adopt("exec-7", url, credentials, "main", "task/7-gone", "task/7-gone-done"))
                .isEqualTo(new PrepOutcome.MissingBase("task/7-gone"));
    }

    @Test
    void a_persons_branch_without_the_items_base_gets_it_merged_in_on_the_record_branch_and_a_conflict_is_refused()
            throws Exception {
        // Clarity's previous item, the base of the next one (stacked), exists only locally
        workspaces.prepare("exec-9", url, credentials, "main", "task/9-a");
        Files.writeString(workspaces.directory("exec-9").resolve("a.txt"), "from Clarity\n");
        String previous = workspaces.commit("exec-9", "task/9-a", "Task 9.a: A");
        // the person started the next item from main
        String person = personCommits("task/9-b", "b.txt");

        var adopted = workspaces.adopt("exec-9", url, credentials, "task/9-a", "task/9-b", "task/9-b-done");
        assertThat(adopted).isInstanceOfSatisfying(PrepOutcome.Adopted.class, a -> {
            assertThat(a.personHead()).isEqualTo(person);
            assertThat(a.head()).isNotIn(person, previous);
        });
        Path ws = workspaces.directory("exec-9");
        assertThat(ws.resolve("a.txt")).hasContent("from Clarity");
        assertThat(ws.resolve("b.txt")).hasContent("b.txt by hand");
        assertThat(remoteHead("task/9-b")).isEqualTo(person);

        // the same lines changed on both sides: nothing is merged, nothing is written
        workspaces.prepare("exec-9", url, credentials, "main", "task/9-c");
        Files.writeString(ws.resolve("README.md"), "Clarity's readme\n");
        workspaces.commit("exec-9", "task/9-c", "Task 9.c: C");
        String other = personCommits("task/9-d", "README.md");
        assertThat(workspaces.adopt("exec-9", url, credentials, "task/9-c", "task/9-d", "task/9-d-done"))
                .isEqualTo(new PrepOutcome.Conflict("task/9-d", "task/9-c"));
        assertThat(workspaces.head("exec-9", "task/9-d-done")).isEmpty();
        assertThat(remoteHead("task/9-d")).isEqualTo(other);
    }

    @Test
    void a_missing_base_branch_is_reported_and_a_stacked_base_may_be_local_only() {
        assertThat(workspaces.prepare("exec-6", url, credentials, "nope", "task/6-x"))
                .isEqualTo(new PrepOutcome.MissingBase("nope"));
        workspaces.prepare("exec-6", url, credentials, "main", "task/6-a");
        String a = workspaces.commit("exec-6", "task/6-a", "Task 6.a: A");
        var stacked = workspaces.prepare("exec-6", url, credentials, "task/6-a", "task/6-b");
        assertThat(stacked).isEqualTo(new PrepOutcome.Ready("task/6-b", a, true));
    }

    @Test
    void clone_from_a_local_path_works_without_credentials() throws Exception {
        Path local = temp.resolve("local");
        try (Git git =
                Git.init().setDirectory(local.toFile()).setInitialBranch("main").call()) {
            Files.writeString(local.resolve("a.txt"), "a\n");
            git.add().addFilepattern(".").call();
            PersonIdent ana = new PersonIdent("Ana", "ana@example.com");
            git.commit()
                    .setMessage("a")
                    .setAuthor(ana)
                    .setCommitter(ana)
                    .setSign(false)
                    .call();
        }
        assertThat(workspaces.prepare("exec-7", local.toString(), null, "main", "task/7-x"))
                .isInstanceOf(PrepOutcome.Ready.class);
        assertThat(workspaces.directory("exec-7").resolve("a.txt")).hasContent("a");
    }

    @Test
    void workspace_ids_that_could_leave_the_root_are_refused() {
        assertThatThrownBy(() -> workspaces.directory("../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> workspaces.directory("a/b")).isInstanceOf(IllegalArgumentException.class);
    }
}
