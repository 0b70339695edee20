package dev.clarity.runner.workspace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clarity.runner.api.GitCredentials;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.testkit.git.SmartHttpGitServer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.zip.DeflaterOutputStream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The base commit PREP records, and reading at it, when the workspace's {@code .git} was written to. */
class BaseCommitsTest {
    private static final String SEEDED = "sandbox:\n  timeout: 20s\n";
    private static final String WIDENED = "sandbox:\n  network: egress\n";

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
            Files.writeString(seed.resolve(".clarity.yml"), SEEDED);
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

    private String read(String workspaceId) {
        return new String(workspaces.bases().read(workspaceId, ".clarity.yml").orElseThrow(), StandardCharsets.UTF_8);
    }

    @Test
    void prep_records_the_base_branch_and_a_rewritten_history_in_git_does_not_move_it() throws Exception {
        workspaces.prepare("ex-1", url, credentials, "main", "task/1-work");
        Path ws = workspaces.directory("ex-1");
        Files.writeString(ws.resolve(".clarity.yml"), WIDENED);
        String widened = workspaces.commit("ex-1", "task/1-work", "Task 1: widen");
        // what a tool with write access to .git could do: every ref, HEAD included, on its own commit
        try (Git git = Git.open(ws.toFile())) {
            for (String ref : new String[] {"refs/heads/main", "refs/remotes/origin/main", "refs/clarity/base"}) {
                RefUpdate update = git.getRepository().updateRef(ref);
                update.setNewObjectId(ObjectId.fromString(widened));
                update.setForceUpdate(true);
                update.update();
            }
        }

        assertThat(read("ex-1")).isEqualTo(SEEDED);
        assertThat(Files.readString(ws.resolve(".clarity.yml"))).isEqualTo(WIDENED);
    }

    @Test
    void before_any_prep_records_a_base_the_head_commit_is_read_never_the_work_tree() throws Exception {
        workspaces.prepare("ex-2", url, credentials, "main", "task/1-work");
        workspaces.bases().forget("ex-2");
        Files.writeString(workspaces.directory("ex-2").resolve(".clarity.yml"), WIDENED);

        assertThat(workspaces.bases().recorded("ex-2")).isEmpty();
        assertThat(read("ex-2")).isEqualTo(SEEDED);
        assertThat(workspaces.bases().read("ex-never", ".clarity.yml")).isEmpty();
    }

    @Test
    void an_object_file_rewritten_on_disk_is_refused_not_read() throws Exception {
        workspaces.prepare("ex-3", url, credentials, "main", "task/1-work");
        Path ws = workspaces.directory("ex-3");
        Files.writeString(ws.resolve(".clarity.yml"), "sandbox:\n  timeout: 30s\n");
        String commit = workspaces.commit("ex-3", "task/1-work", "Task 1: a person's change");
        ObjectId blob;
        try (Git git = Git.open(ws.toFile());
                TreeWalk walk = TreeWalk.forPath(
                        git.getRepository(),
                        ".clarity.yml",
                        git.getRepository()
                                .parseCommit(ObjectId.fromString(commit))
                                .getTree())) {
            blob = walk.getObjectId(0);
            workspaces.bases().record("ex-3", git.getRepository(), null, ObjectId.fromString(commit));
        }
        Path loose = ws.resolve(".git/objects/" + blob.name().substring(0, 2) + "/"
                + blob.name().substring(2));
        byte[] forged = ("blob " + WIDENED.length() + "\0" + WIDENED).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        try (DeflaterOutputStream out = new DeflaterOutputStream(deflated)) {
            out.write(forged);
        }
        loose.toFile().setWritable(true);
        Files.write(loose, deflated.toByteArray());

        assertThatThrownBy(() -> read("ex-3"))
                .isInstanceOf(RunnerException.class)
                .hasMessageContaining("at the base commit " + commit)
                .hasRootCauseMessage("the object " + blob.name()
                        + " in the repository does not hold what its id says: its file was changed after git wrote it");
    }
}
