package dev.clarity.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clarity.runner.api.GitCredentials;
import dev.clarity.runner.api.ImplementRequest;
import dev.clarity.runner.api.MergeRequest;
import dev.clarity.runner.api.MergeResult;
import dev.clarity.runner.api.PrepRequest;
import dev.clarity.runner.api.PrepResult;
import dev.clarity.runner.api.PushRequest;
import dev.clarity.runner.api.PushResult;
import dev.clarity.runner.api.ToolResult;
import dev.clarity.runner.policy.CommandPolicy;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.BubblewrapProbe;
import dev.clarity.runner.sandbox.OutputLimits;
import dev.clarity.runner.sandbox.ProcessSandbox;
import dev.clarity.runner.tools.StandIns;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import dev.clarity.testkit.git.SmartHttpGitServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A workspace whose {@code .git} was written to (by a tool before {@code .git} was read-only in the sandbox, or by
 * anything else): the runner's own git, on the host, must run none of what was planted there — hooks, a clean
 * filter named by the repository's config and {@code .gitattributes} — in any step, and the work must still land.
 */
class HostileRepositoryTest {
    private static final String BRANCH = "task/1.1-add-feature";

    @TempDir
    Path temp;

    private SmartHttpGitServer git;
    private String url;
    private GitCredentials credentials;
    private Path root;
    private Path bin;
    private Path markers;
    private ExecutorService executor;

    @BeforeAll
    static void isolate() {
        IsolatedGitConfig.install();
    }

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(BubblewrapProbe.find(System.getenv("PATH")).isPresent(), "bubblewrap is not installed");
        executor = Executors.newCachedThreadPool();
        git = SmartHttpGitServer.start(Files.createDirectories(temp.resolve("server")));
        url = git.createRepository("shop").toString();
        credentials = GitCredentials.gitHubToken(git.token());
        root = temp.resolve("workspaces");
        markers = Files.createDirectories(temp.resolve("markers"));
        bin = Files.createTempDirectory(
                Files.createDirectories(Path.of("target").toAbsolutePath()), "standins");
        seed();
    }

    @AfterEach
    void tearDown() {
        git.close();
        executor.shutdownNow();
    }

    private LocalRunner runner() {
        var sandbox = new ProcessSandbox(
                BubblewrapProbe.find(System.getenv("PATH")), executor, InstantSource.system(), OutputLimits.DEFAULT);
        return new LocalRunner(
                root,
                sandbox,
                CommandPolicy.defaults(),
                Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", "/tmp"),
                Redactor.builtIn(),
                InstantSource.system(),
                executor,
                2);
    }

    private void seed() throws Exception {
        Path dir = Files.createTempDirectory(temp, "seed");
        var auth = new UsernamePasswordCredentialsProvider("x-access-token", git.token());
        try (Git g = Git.cloneRepository()
                .setURI(url)
                .setDirectory(dir.toFile())
                .setCredentialsProvider(auth)
                .call()) {
            Files.writeString(dir.resolve(".clarity.yml"), "sandbox:\n  timeout: 20s\n");
            Files.writeString(dir.resolve("README.md"), "# shop\n");
            Files.writeString(dir.resolve("data.x"), "plain\n");
            g.add().addFilepattern(".").call();
            PersonIdent ana = new PersonIdent("Ana", "ana@example.com");
            g.commit()
                    .setMessage("seed")
                    .setAuthor(ana)
                    .setCommitter(ana)
                    .setSign(false)
                    .call();
            g.push()
                    .setRefSpecs(new RefSpec("HEAD:refs/heads/main"))
                    .setCredentialsProvider(auth)
                    .call();
        }
    }

    /** What a hostile tool leaves in {@code .git}: every hook JGit knows, and a clean/smudge filter in the config. */
    private void plant(Path workspace) throws Exception {
        Path hooks = Files.createDirectories(workspace.resolve(".git/hooks"));
        for (String hook : List.of(
                "pre-commit",
                "prepare-commit-msg",
                "commit-msg",
                "post-commit",
                "pre-push",
                "post-checkout",
                "post-merge",
                "pre-rebase",
                "reference-transaction")) {
            Path script = hooks.resolve(hook);
            Files.writeString(script, "#!/bin/sh\necho ran >> '" + markers.resolve(hook) + "'\nexit 0\n");
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        Path filter = temp.resolve("filter.sh");
        Files.writeString(
                filter, "#!/bin/sh\necho ran >> '" + markers.resolve("filter") + "'\nsed s/secret/FILTERED/\n");
        Files.setPosixFilePermissions(filter, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(
                workspace.resolve(".git/config"),
                "[filter \"x\"]\n\tclean = " + filter + "\n\tsmudge = " + filter + "\n\trequired = false\n"
                        + "[core]\n\thooksPath = " + hooks + "\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
    }

    @Test
    void hooks_and_filters_planted_in_git_never_run_and_the_work_still_lands_on_the_remote() throws Exception {
        LocalRunner runner = runner();
        assertThat(runner.prep(new PrepRequest(url, "ex-h", "1.1", "main", BRANCH, "p1", credentials)))
                .isInstanceOf(PrepResult.Ready.class);
        plant(root.resolve("ex-h"));
        StandIns.write(bin, "aider", """
                printf '*.x filter=x\\n' > .gitattributes
                printf 'secret work\\n' > data.x
                """);

        ToolResult implemented = runner.implement(
                new ImplementRequest("ex-h", "1.1", "Add feature", "Phase 1", "aider", List.of(), List.of(), "i1"));
        var merged = runner.merge(new MergeRequest("ex-h", "1.1", BRANCH, "Task 1.1: Add feature", "m1"));
        PushResult pushed = runner.push(new PushRequest("ex-h", url, BRANCH, "u1", credentials));
        PushResult intoMain = runner.push(new PushRequest("ex-h", url, BRANCH, "u1/merge", credentials, "main"));
        // the next item: a reused workspace is reset and checked out again (smudge, post-checkout)
        var next = runner.prep(new PrepRequest(url, "ex-h", "1.2", "main", "task/1.2-next", "p2", credentials));

        try (Stream<Path> ran = Files.list(markers)) {
            assertThat(ran.map(p -> p.getFileName().toString()).sorted())
                    .as("programs Clarity's git ran from the repository")
                    .isEmpty();
        }
        assertThat(implemented).as(implemented.logs().toString()).isInstanceOf(ToolResult.Changed.class);
        assertThat(implemented.diff()).contains("+secret work").contains("+*.x filter=x");
        assertThat(merged).isInstanceOf(MergeResult.Committed.class);
        String commit = ((MergeResult.Committed) merged).commit();
        assertThat(pushed).as(pushed.logs().toString()).isInstanceOf(PushResult.Pushed.class);
        assertThat(intoMain).as(intoMain.logs().toString()).isInstanceOf(PushResult.Merged.class);
        assertThat(next).as(next.logs().toString()).isInstanceOf(PrepResult.Ready.class);
        assertThat(Files.readString(root.resolve("ex-h/data.x"))).isEqualTo("secret work\n");
        try (Git bare = Git.open(git.repositoryDirectory("shop").toFile())) {
            Repository repo = bare.getRepository();
            assertThat(repo.resolve("refs/heads/" + BRANCH).name()).isEqualTo(commit);
            assertThat(repo.resolve("refs/heads/main").name()).isEqualTo(commit);
            assertThat(fileAt(repo, commit, "data.x")).isEqualTo("secret work\n");
        }
    }

    private static String fileAt(Repository repo, String commit, String path) throws Exception {
        try (RevWalk walk = new RevWalk(repo);
                TreeWalk tree = TreeWalk.forPath(
                        repo, path, walk.parseCommit(repo.resolve(commit)).getTree())) {
            return new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
        }
    }
}
