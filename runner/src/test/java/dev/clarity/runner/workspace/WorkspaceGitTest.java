package dev.clarity.runner.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarity.runner.api.GitCredentials;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.testkit.git.SmartHttpGitServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a written-to {@code .git} can no longer make Clarity's git do: follow links, or obey the repository's config. */
class WorkspaceGitTest {
    private static final String BRANCH = "task/1-work";

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
        server = SmartHttpGitServer.start(Files.createDirectories(temp.resolve("server")));
        url = server.createRepository("shop").toString();
        credentials = GitCredentials.gitHubToken(server.token());
        Path seed = Files.createTempDirectory(temp, "seed");
        var auth = new UsernamePasswordCredentialsProvider("x-access-token", server.token());
        try (Git git = Git.cloneRepository()
                .setURI(url)
                .setDirectory(seed.toFile())
                .setCredentialsProvider(auth)
                .call()) {
            Files.writeString(seed.resolve("README.md"), "hello\n");
            git.add().addFilepattern(".").call();
            PersonIdent ana = new PersonIdent("Ana", "ana@example.com");
            git.commit()
                    .setMessage("seed")
                    .setAuthor(ana)
                    .setCommitter(ana)
                    .setSign(false)
                    .call();
            git.push()
                    .setRefSpecs(new RefSpec("HEAD:refs/heads/main"))
                    .setCredentialsProvider(auth)
                    .call();
        }
        workspaces = new GitWorkspaces(
                temp.resolve("workspaces"), InstantSource.fixed(Instant.parse("2026-11-24T01:00:00Z")));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private Path prepared(String id) {
        assertThat(workspaces.prepare(id, url, credentials, "main", BRANCH)).isInstanceOf(PrepOutcome.Ready.class);
        return workspaces.directory(id);
    }

    @Test
    void a_git_directory_that_is_a_symbolic_link_is_refused_and_never_written_through() throws Exception {
        Path ws = prepared("ex-1");
        Path elsewhere = temp.resolve("elsewhere.git");
        Files.move(ws.resolve(".git"), elsewhere);
        Files.createSymbolicLink(ws.resolve(".git"), elsewhere);
        String configBefore = Files.readString(elsewhere.resolve("config"));
        Files.writeString(ws.resolve("work.txt"), "work\n");

        assertThat(workspaces.exists("ex-1")).isTrue();
        for (Runnable call : List.<Runnable>of(
                () -> workspaces.diff("ex-1"),
                () -> workspaces.commit("ex-1", BRANCH, "Task 1: work"),
                () -> workspaces.push("ex-1", url, credentials, BRANCH),
                () -> workspaces.prepare("ex-1", url, credentials, "main", BRANCH))) {
            assertThatThrownBy(call::run)
                    .isInstanceOf(RunnerException.class)
                    .hasMessageContaining("workspace ex-1: .git is a symbolic link");
        }
        assertThat(Files.readString(elsewhere.resolve("config"))).isEqualTo(configBefore);
        try (Git other = Git.open(elsewhere.toFile())) {
            assertThat(other.log().call()).hasSize(1);
        }
    }

    @Test
    void a_workspace_directory_that_is_a_symbolic_link_is_refused() throws Exception {
        Path real = prepared("ex-2");
        Path moved = temp.resolve("moved");
        Files.move(real, moved);
        Files.createSymbolicLink(real, moved);

        assertThatThrownBy(() -> workspaces.diff("ex-2"))
                .isInstanceOf(RunnerException.class)
                .hasMessageContaining("workspace ex-2: the workspace directory is a symbolic link");
    }

    @Test
    void a_symbolic_link_among_gits_control_files_is_refused() throws Exception {
        Path ws = prepared("ex-3");
        Path stranger = Files.writeString(temp.resolve("stranger"), "0000000000000000000000000000000000000000\n");
        Files.createSymbolicLink(ws.resolve(".git/refs/heads/stranger"), stranger);

        assertThatThrownBy(() -> workspaces.commit("ex-3", BRANCH, "Task 1: work"))
                .isInstanceOf(RunnerException.class)
                .hasMessageContaining(".git/refs/heads/stranger is a symbolic link");
        assertThat(Files.readString(stranger)).startsWith("0000");
    }

    @Test
    void the_repositorys_own_config_is_replaced_by_claritys_before_every_use() throws Exception {
        Path ws = prepared("ex-4");
        Path otherTree = Files.createDirectories(temp.resolve("other-checkout"));
        Files.writeString(otherTree.resolve("stolen.txt"), "another customer's file\n");
        Path included = Files.writeString(temp.resolve("included.config"), "[core]\n\tbare = true\n");
        SmartHttpGitServer evil =
                SmartHttpGitServer.start(Files.createDirectories(temp.resolve("evil")), server.token());
        try {
            String evilUrl = evil.createRepository("shop").toString();
            Files.writeString(
                    ws.resolve(".git/config"),
                    "[core]\n\tworktree = " + otherTree + "\n[include]\n\tpath = " + included + "\n"
                            + "[remote \"origin\"]\n\turl = " + evilUrl + "\n"
                            + "[url \"" + evilUrl + "\"]\n\tinsteadOf = " + url + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            Files.writeString(ws.resolve(".git/objects/info/alternates"), otherTree + "\n");
            Files.writeString(ws.resolve("work.txt"), "work\n");

            String commit = workspaces.commit("ex-4", BRANCH, "Task 1: work");
            assertThat(workspaces.push("ex-4", url, credentials, BRANCH)).isEqualTo(new PushOutcome.Pushed(commit));
            workspaces.isMerged("ex-4", url, credentials, BRANCH, "main");

            assertThat(evil.unauthorizedRequests())
                    .as("requests that reached the planted remote")
                    .isZero();
            try (Git remote = Git.open(server.repositoryDirectory("shop").toFile());
                    RevWalk walk = new RevWalk(remote.getRepository())) {
                var tree = walk.parseCommit(remote.getRepository().resolve("refs/heads/" + BRANCH))
                        .getTree();
                assertThat(TreeWalk.forPath(remote.getRepository(), "work.txt", tree))
                        .isNotNull();
                assertThat(TreeWalk.forPath(remote.getRepository(), "stolen.txt", tree))
                        .as("a file of the work tree core.worktree named")
                        .isNull();
            }
            assertThat(Files.readString(ws.resolve(".git/config"))).isEqualTo(OwnedGitConfig.text(url));
            assertThat(ws.resolve(".git/objects/info/alternates")).doesNotExist();
        } finally {
            evil.close();
        }
    }
}
