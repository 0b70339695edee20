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
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runner killed while it prepares a workspace (mid-clone, mid-checkout) leaves a copy that must not pass for a
 * prepared one: the states below are what such a kill leaves on disk.
 */
class CrashSafePreparationTest {
    @TempDir
    Path temp;

    private SmartHttpGitServer server;
    private GitWorkspaces workspaces;
    private String url;
    private GitCredentials credentials;
    private Path ws;

    @BeforeAll
    static void isolate() {
        IsolatedGitConfig.install();
    }

    @BeforeEach
    void setUp() throws Exception {
        server = SmartHttpGitServer.start(Files.createDirectories(temp.resolve("server")));
        url = server.createRepository("shop").toString();
        credentials = GitCredentials.gitHubToken(server.token());
        Path seed = temp.resolve("seed");
        try (Git git =
                Git.init().setDirectory(seed.toFile()).setInitialBranch("main").call()) {
            Files.writeString(seed.resolve("tasks_list.md"), "# Shop\n- 1 Add hello\n");
            git.add().addFilepattern(".").call();
            PersonIdent someone = new PersonIdent("Ana", "ana@example.com");
            git.commit()
                    .setMessage("Plan")
                    .setAuthor(someone)
                    .setCommitter(someone)
                    .setSign(false)
                    .call();
            git.push()
                    .setRemote(url)
                    .add("main")
                    .setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", server.token()))
                    .call();
        }
        workspaces = new GitWorkspaces(
                temp.resolve("workspaces"), InstantSource.fixed(Instant.parse("2026-11-24T01:00:00Z")));
        ws = workspaces.directory("execution-7");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void a_clone_killed_before_it_fetched_is_no_workspace_and_prepare_clones_it_again() throws Exception {
        Git.init().setDirectory(ws.toFile()).setInitialBranch("main").call().close();
        Files.writeString(ws.resolve("tasks_li"), "half a file");

        assertThat(workspaces.exists("execution-7")).isFalse();
        assertThat(workspaces.prepare("execution-7", url, credentials, "main", "task/1-add-hello"))
                .isInstanceOf(PrepOutcome.Ready.class);

        assertThat(workspaces.exists("execution-7")).isTrue();
        assertThat(ws.resolve("tasks_list.md")).hasContent("# Shop\n- 1 Add hello");
        assertThat(ws.resolve("tasks_li")).doesNotExist();
    }

    @Test
    void a_clone_killed_before_its_checkout_is_no_workspace_and_prepare_writes_the_tree() throws Exception {
        Git.cloneRepository()
                .setURI(url)
                .setDirectory(ws.toFile())
                .setNoCheckout(true)
                .setCredentialsProvider(new UsernamePasswordCredentialsProvider("x-access-token", server.token()))
                .call()
                .close();

        assertThat(workspaces.exists("execution-7")).isFalse();
        workspaces.prepare("execution-7", url, credentials, "main", "task/1-add-hello");

        assertThat(workspaces.exists("execution-7")).isTrue();
        assertThat(ws.resolve("tasks_list.md")).exists();
    }

    @Test
    void a_preparation_that_did_not_end_leaves_the_workspace_absent_until_one_ends() throws Exception {
        workspaces.prepare("execution-7", url, credentials, "main", "task/1-add-hello");
        assertThat(workspaces.exists("execution-7")).isTrue();

        assertThatThrownBy(() -> workspaces.prepare(
                        "execution-7", url, GitCredentials.gitHubToken("not-the-token"), "main", "task/1-add-hello"))
                .isInstanceOf(RunnerException.class);
        assertThat(workspaces.exists("execution-7"))
                .as("a preparation that stopped half way")
                .isFalse();

        assertThat(workspaces.prepare("execution-7", url, credentials, "main", "task/1-add-hello"))
                .isInstanceOf(PrepOutcome.Ready.class);
        assertThat(workspaces.exists("execution-7")).isTrue();
        assertThat(ws.resolve("tasks_list.md")).exists();
    }

    @Test
    void discarding_an_incomplete_copy_removes_links_but_never_what_they_lead_to() throws Exception {
        Path kept = Files.createDirectories(temp.resolve("elsewhere"));
        Files.writeString(kept.resolve("precious.txt"), "keep me");
        Git.init().setDirectory(ws.toFile()).call().close();
        Files.createSymbolicLink(ws.resolve("outside"), kept);
        Path readOnly = Files.createDirectories(ws.resolve("cache/module"));
        Files.writeString(readOnly.resolve("file.go"), "package module");
        readOnly.toFile().setWritable(false);

        workspaces.prepare("execution-7", url, credentials, "main", "task/1-add-hello");

        assertThat(kept.resolve("precious.txt")).hasContent("keep me");
        assertThat(ws.resolve("outside")).doesNotExist();
        assertThat(ws.resolve("cache")).doesNotExist();
        assertThat(ws.resolve("tasks_list.md")).exists();
    }
}
