package dev.clarity.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.api.ErrorSolveRequest;
import dev.clarity.runner.api.Failure;
import dev.clarity.runner.api.GitCredentials;
import dev.clarity.runner.api.ImplementRequest;
import dev.clarity.runner.api.MergeRequest;
import dev.clarity.runner.api.MergeResult;
import dev.clarity.runner.api.MergedRequest;
import dev.clarity.runner.api.MergedResult;
import dev.clarity.runner.api.PrepRequest;
import dev.clarity.runner.api.PrepResult;
import dev.clarity.runner.api.PushRequest;
import dev.clarity.runner.api.PushResult;
import dev.clarity.runner.api.ReadFileRequest;
import dev.clarity.runner.api.Runner;
import dev.clarity.runner.api.RunnerException;
import dev.clarity.runner.api.ToolResult;
import dev.clarity.runner.api.VerifyRequest;
import dev.clarity.runner.api.VerifyResult;
import dev.clarity.runner.api.WriteFileRequest;
import dev.clarity.runner.policy.CommandPolicy;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.BubblewrapProbe;
import dev.clarity.runner.sandbox.OutputLimits;
import dev.clarity.runner.sandbox.ProcessSandbox;
import dev.clarity.runner.tools.StandIns;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import dev.clarity.testkit.git.SmartHttpGitServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link Runner} contract; run against the in-process runner and against the HTTP client. */
public abstract class RunnerContract {
    protected static final String CANARY = "ghp_CanaryCanaryCanaryCanary0123456789";
    protected static final String CONFIGURED_SECRET = "runner-configured-secret-42";

    @TempDir
    protected Path temp;

    protected SmartHttpGitServer git;
    protected String url;
    protected GitCredentials credentials;
    protected Path root;
    protected Path bin;
    protected ExecutorService executor;

    /** The runner under test, built over {@link #local()}. */
    protected abstract Runner runner();

    @BeforeAll
    static void isolate() {
        IsolatedGitConfig.install();
    }

    @BeforeEach
    void setUpContract() throws Exception {
        assumeTrue(BubblewrapProbe.find(System.getenv("PATH")).isPresent(), "bubblewrap is not installed");
        executor = Executors.newCachedThreadPool();
        git = SmartHttpGitServer.start(Files.createDirectories(temp.resolve("server")));
        url = git.createRepository("shop").toString();
        credentials = GitCredentials.gitHubToken(git.token());
        root = temp.resolve("workspaces");
        bin = Files.createTempDirectory(
                Files.createDirectories(Path.of("target").toAbsolutePath()), "standins");
        seed(".clarity.yml", "sandbox:\n  timeout: 20s\ncommands: [sh, grep]\n");
        StandIns.write(bin, "aider", """
                echo run >> runs.log
                echo "hello from $CLARITY_TASK_ID" > feature.txt
                echo "leaking %s and %s"
                """.formatted(CANARY, CONFIGURED_SECRET));
        StandIns.write(bin, "claude", "echo started > started.txt; echo started; sleep 100");
    }

    @AfterEach
    void tearDownContract() {
        git.close();
        executor.shutdownNow();
    }

    protected LocalRunner local() {
        var sandbox = new ProcessSandbox(
                BubblewrapProbe.find(System.getenv("PATH")), executor, InstantSource.system(), OutputLimits.DEFAULT);
        return new LocalRunner(
                root,
                sandbox,
                CommandPolicy.defaults(),
                Map.of("PATH", bin + ":/usr/bin:/bin", "HOME", "/tmp"),
                Redactor.builtIn().with(CONFIGURED_SECRET),
                InstantSource.system(),
                executor,
                4);
    }

    protected void seed(String file, String content) throws Exception {
        Path dir = Files.createTempDirectory(temp, "seed");
        var auth = new UsernamePasswordCredentialsProvider("x-access-token", git.token());
        try (Git g = Git.cloneRepository()
                .setURI(url)
                .setDirectory(dir.toFile())
                .setCredentialsProvider(auth)
                .call()) {
            Files.createDirectories(dir.resolve(file).getParent());
            Files.writeString(dir.resolve(file), content);
            Files.writeString(dir.resolve("README.md"), "# shop\n");
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

    protected PrepRequest prep(String ws, String key) {
        return new PrepRequest(url, ws, "1.1", "main", "task/1.1-add-feature", key, credentials);
    }

    protected ImplementRequest implement(String ws, String tool, String key) {
        return new ImplementRequest(
                ws,
                "1.1",
                "Add feature",
                "Phase 1",
                tool,
                List.of(new CriterionSpec("doc.feature", "doc", "file", null, List.of("feature.txt"), null)),
                List.of(),
                key);
    }

    @Test
    void a_task_goes_through_prep_implement_verify_merge_push_and_lands_on_the_remote() throws Exception {
        Runner runner = runner();
        assertThat(runner.prep(prep("ex-1", "p1"))).isInstanceOf(PrepResult.Ready.class);
        ToolResult implemented = runner.implement(implement("ex-1", "aider", "i1"));
        assertThat(implemented).isInstanceOf(ToolResult.Changed.class);
        assertThat(implemented.tool()).isEqualTo("aider");
        assertThat(implemented.diff()).contains("+++ b/feature.txt").contains("+hello from 1.1");
        assertThat(implemented.artifacts()).contains("artifacts/1.1/implement-diff.patch");

        VerifyResult verified = runner.verify(new VerifyRequest(
                "ex-1",
                "1.1",
                List.of(
                        new CriterionSpec("doc.feature", "doc", "file", null, List.of("feature.txt"), null),
                        new CriterionSpec(
                                "test.grep", "test", "cmd", null, List.of("grep", "-q", "hello", "feature.txt"), null)),
                false,
                "v1"));
        assertThat(verified).isInstanceOf(VerifyResult.Passed.class);
        assertThat(verified.passed()).containsExactly("doc.feature", "test.grep");

        String commit = committed(
                runner.merge(new MergeRequest("ex-1", "1.1", "task/1.1-add-feature", "Task 1.1: Add feature", "m1")));
        assertThat(runner.push(new PushRequest("ex-1", url, "task/1.1-add-feature", "u1", credentials)))
                .isEqualTo(new PushResult.Pushed(
                        "task/1.1-add-feature", commit, List.of("pushed task/1.1-add-feature at " + commit)));
        try (Git bare = Git.open(git.repositoryDirectory("shop").toFile())) {
            assertThat(bare.getRepository()
                            .resolve("refs/heads/task/1.1-add-feature")
                            .name())
                    .isEqualTo(commit);
        }
    }

    @Test
    void a_persons_branch_is_checked_on_a_record_branch_at_their_head_and_never_written() throws Exception {
        String branch = "task/1.1-add-feature";
        Path person = Files.createTempDirectory(temp, "person");
        var auth = new UsernamePasswordCredentialsProvider("x-access-token", git.token());
        String personsHead;
        try (Git g = Git.cloneRepository()
                .setURI(url)
                .setDirectory(person.toFile())
                .setCredentialsProvider(auth)
                .call()) {
            g.checkout().setName(branch).setCreateBranch(true).call();
            Files.writeString(person.resolve("feature.txt"), "hello from a person\n");
            g.add().addFilepattern(".").call();
            PersonIdent bo = new PersonIdent("Bo", "bo@example.com");
            personsHead = g.commit()
                    .setMessage("feature by hand")
                    .setAuthor(bo)
                    .setCommitter(bo)
                    .setSign(false)
                    .call()
                    .name();
            g.push()
                    .setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch))
                    .setCredentialsProvider(auth)
                    .call();
        }
        Runner runner = runner();
        PrepResult prepared =
                runner.prep(new PrepRequest(url, "ex-9", "1.1", "main", branch + "-done", "a1", credentials, branch));
        assertThat(prepared).isInstanceOf(PrepResult.Adopted.class);
        PrepResult.Adopted adopted = (PrepResult.Adopted) prepared;
        assertThat(adopted.branch()).isEqualTo(branch + "-done");
        assertThat(adopted.personHead()).isEqualTo(personsHead);
        VerifyResult verified = runner.verify(new VerifyRequest(
                "ex-9",
                "1.1",
                List.of(new CriterionSpec(
                        "test.grep", "test", "cmd", null, List.of("grep", "-q", "from a person", "feature.txt"), null)),
                false,
                "a1"));
        assertThat(verified.passed()).containsExactly("test.grep");
        runner.merge(new MergeRequest("ex-9", "1.1", branch + "-done", "Task 1.1: Add feature", "a1"));
        assertThat(runner.push(new PushRequest("ex-9", url, branch + "-done", "a1", credentials)))
                .isInstanceOf(PushResult.Pushed.class);
        try (Git bare = Git.open(git.repositoryDirectory("shop").toFile());
                var walk = new org.eclipse.jgit.revwalk.RevWalk(bare.getRepository())) {
            var repo = bare.getRepository();
            assertThat(repo.resolve("refs/heads/" + branch).name()).isEqualTo(personsHead);
            assertThat(walk.parseCommit(repo.resolve("refs/heads/" + branch + "-done"))
                            .getParent(0)
                            .name())
                    .isEqualTo(personsHead);
        }
    }

    @Test
    void secrets_never_reach_logs_results_or_artifacts() throws Exception {
        var root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        var logged = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
        logged.start();
        root.addAppender(logged);
        try {
            secretsStayOut();
            try {
                runner().prep(new PrepRequest(
                        url, "ex-2b", "1.1", "main", "task/x", "p9", GitCredentials.gitHubToken(CANARY)));
            } catch (RunnerException expected) {
                assertThat(expected.getMessage()).doesNotContain(CANARY);
            }
        } finally {
            root.detachAppender(logged);
        }
        for (var event : logged.list) {
            String line = event.getFormattedMessage()
                    + (event.getThrowableProxy() == null
                            ? ""
                            : event.getThrowableProxy().getMessage());
            assertThat(line)
                    .doesNotContain(CANARY)
                    .doesNotContain(CONFIGURED_SECRET)
                    .doesNotContain(git.token());
        }
    }

    private void secretsStayOut() throws Exception {
        Runner runner = runner();
        var prep = runner.prep(prep("ex-2", "p1"));
        assertThat(String.join("\n", prep.logs())).doesNotContain(git.token());
        ToolResult implemented = runner.implement(implement("ex-2", "aider", "i1"));
        String everything = String.join("\n", implemented.logs()) + implemented.diff();
        assertThat(everything).contains("[REDACTED]").doesNotContain(CANARY).doesNotContain(CONFIGURED_SECRET);
        Path ws = root.resolve("ex-2");
        try (Stream<Path> files = Files.walk(ws.resolve("artifacts"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(file))
                        .as(file.toString())
                        .doesNotContain(CANARY)
                        .doesNotContain(CONFIGURED_SECRET)
                        .doesNotContain(git.token());
            }
        }
        assertThat(Files.readString(ws.resolve(".git/config"))).doesNotContain(git.token());
        var push = runner.push(new PushRequest("ex-2", url, "task/1.1-add-feature", "u1", credentials));
        assertThat(String.join("\n", push.logs())).doesNotContain(git.token());
    }

    @Test
    void a_wrong_token_is_an_infrastructure_failure_that_does_not_echo_the_token() {
        Runner runner = runner();
        String wrong = "ghs_WrongWrongWrongWrongWrong0123456789";
        assertThatThrownBy(() -> runner.prep(
                        new PrepRequest(url, "ex-3", "1.1", "main", "task/x", "p1", GitCredentials.gitHubToken(wrong))))
                .isInstanceOf(RunnerException.class)
                .message()
                .doesNotContain(wrong);
    }

    @Test
    void repeating_an_idempotency_key_returns_the_stored_result_and_does_nothing_again() throws Exception {
        Runner runner = runner();
        runner.prep(prep("ex-4", "p1"));
        ToolResult first = runner.implement(implement("ex-4", "aider", "i1"));
        ToolResult again = runner.implement(implement("ex-4", "aider", "i1"));
        assertThat(again).isEqualTo(first);
        assertThat(Files.readAllLines(root.resolve("ex-4/runs.log"))).hasSize(1);

        var merged =
                runner.merge(new MergeRequest("ex-4", "1.1", "task/1.1-add-feature", "Task 1.1: Add feature", "m1"));
        var mergedAgain =
                runner.merge(new MergeRequest("ex-4", "1.1", "task/1.1-add-feature", "Task 1.1: Add feature", "m1"));
        assertThat(committed(mergedAgain)).isEqualTo(committed(merged));
        try (Git ws = Git.open(root.resolve("ex-4").toFile())) {
            assertThat(ws.log().call()).hasSize(2); // seed + one task commit
        }
    }

    @Test
    void merged_tells_whether_the_default_branch_holds_the_item_and_auto_merge_makes_it_so() throws Exception {
        Runner runner = runner();
        runner.prep(prep("ex-m", "p1"));
        runner.merge(new MergeRequest("ex-m", "1.1", "task/1.1-add-feature", "Task 1.1: Add feature", "m1"));
        runner.push(new PushRequest("ex-m", url, "task/1.1-add-feature", "u1", credentials));
        MergedRequest ask = new MergedRequest("ex-m", url, "task/1.1-add-feature", "main", credentials);

        MergedResult before = runner.merged(ask);
        assertThat(before).isInstanceOf(MergedResult.NotMerged.class);
        assertThat(before.logs()).containsExactly("task/1.1-add-feature is not merged into main");

        PushResult merge =
                runner.push(new PushRequest("ex-m", url, "task/1.1-add-feature", "u1/merge", credentials, "main"));
        assertThat(merge).as(merge.logs().toString()).isInstanceOf(PushResult.Merged.class);
        assertThat(merge.logs().getFirst()).startsWith("merged task/1.1-add-feature into main at ");
        assertThat(runner.merged(ask)).isInstanceOf(MergedResult.Merged.class);
        assertThat(String.join("\n", runner.merged(ask).logs())).doesNotContain(git.token());
    }

    @Test
    void a_push_after_someone_else_pushed_to_the_task_branch_is_reported_and_overwrites_nothing() throws Exception {
        Runner runner = runner();
        runner.prep(prep("ex-5", "p1"));
        runner.merge(new MergeRequest("ex-5", "1.1", "task/1.1-add-feature", "Task 1.1: Add feature", "m1"));
        assertThat(runner.push(new PushRequest("ex-5", url, "task/1.1-add-feature", "u1", credentials)))
                .isInstanceOf(PushResult.Pushed.class);
        Path person = Files.createTempDirectory(temp, "person");
        var auth = new UsernamePasswordCredentialsProvider("x-access-token", git.token());
        try (Git g = Git.cloneRepository()
                .setURI(url)
                .setBranch("task/1.1-add-feature")
                .setDirectory(person.toFile())
                .setCredentialsProvider(auth)
                .call()) {
            Files.writeString(person.resolve("mine.txt"), "mine\n");
            g.add().addFilepattern(".").call();
            PersonIdent ana = new PersonIdent("Ana", "ana@example.com");
            g.commit()
                    .setMessage("by hand")
                    .setAuthor(ana)
                    .setCommitter(ana)
                    .setSign(false)
                    .call();
            g.push().setCredentialsProvider(auth).call();
        }
        Files.writeString(root.resolve("ex-5/more.txt"), "more\n");
        runner.merge(new MergeRequest("ex-5", "1.1", "task/1.1-add-feature", "Task 1.1: more", "m2"));
        var push = runner.push(new PushRequest("ex-5", url, "task/1.1-add-feature", "u2", credentials));
        assertThat(push)
                .isEqualTo(new PushResult.RejectedByOthers(
                        "task/1.1-add-feature",
                        List.of("someone else pushed to task/1.1-add-feature; Clarity did not overwrite it")));
        assertThat(runner.prep(prep("ex-5", "p2")))
                .as("preparing the branch again finds the person's commits on it")
                .isInstanceOf(PrepResult.ForeignCommits.class);
    }

    @Test
    void a_base_branch_that_exists_nowhere_is_its_own_case() {
        PrepResult result =
                runner().prep(new PrepRequest(url, "ex-12", "1.1", "no-such-base", "task/x", "p1", credentials));
        assertThat(result)
                .isEqualTo(new PrepResult.BaseMissing(
                        "task/x",
                        "no-such-base",
                        List.of("base branch no-such-base exists neither locally nor on the remote")));
    }

    @Test
    void failing_criteria_come_back_with_key_summary_and_location() throws Exception {
        Runner runner = runner();
        runner.prep(prep("ex-6", "p1"));
        VerifyResult result = runner.verify(new VerifyRequest(
                "ex-6",
                "1.1",
                List.of(
                        new CriterionSpec("sec.todo", "sec", "regex", "absent", List.of("README.md", "shop"), null),
                        new CriterionSpec("ops.curl", "ops", "cmd", null, List.of("curl", "x"), null)),
                false,
                "v1"));
        assertThat(result).isInstanceOf(VerifyResult.Failed.class);
        assertThat(result.failed()).extracting(Failure::criterionKey).containsExactly("sec.todo", "ops.curl");
        assertThat(result.failed().get(0).location()).isEqualTo("README.md:1");
        assertThat(result.failed().get(1).summary()).contains("curl");
    }

    @Test
    void an_attempt_that_deletes_or_renames_away_a_test_file_fails_verify_naming_it() throws Exception {
        seed(".clarity.yml", "sandbox:\n  timeout: 20s\ncommands: [sh, grep]\ntests: [\"specs/**\"]\n");
        seed("tests/test_cart.py", "def test_total(): pass\n");
        seed("src/test/java/shop/CartTest.java", "class CartTest {}\n");
        seed("specs/cart.feature", "Feature: cart\n");
        seed("web/cart.spec.ts", "it('sums', () => {});\n");
        Runner runner = runner();
        runner.prep(prep("ex-21", "p1"));
        Path ws = root.resolve("ex-21");
        Files.delete(ws.resolve("tests/test_cart.py"));
        Files.move(ws.resolve("src/test/java/shop/CartTest.java"), ws.resolve("Cart.java"));
        Files.delete(ws.resolve("specs/cart.feature"));
        Files.writeString(ws.resolve("feature.txt"), "hello\n");
        List<CriterionSpec> grep = List.of(
                new CriterionSpec("test.grep", "test", "cmd", null, List.of("grep", "-q", "shop", "README.md"), null));

        VerifyResult result =
                runner.verify(new VerifyRequest("ex-21", "1.1", grep, false, "v1", true, List.of("tasks_list.md")));
        assertThat(result).isInstanceOf(VerifyResult.Failed.class);
        assertThat(result.failed())
                .extracting(Failure::criterionKey, Failure::location)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("tests.kept", "specs/cart.feature"),
                        org.assertj.core.groups.Tuple.tuple("tests.kept", "src/test/java/shop/CartTest.java"),
                        org.assertj.core.groups.Tuple.tuple("tests.kept", "tests/test_cart.py"));
        assertThat(result.failed().get(2).summary()).contains("deletes the test file tests/test_cart.py");
        assertThat(result.passed()).containsExactly("test.grep");
    }

    @Test
    void a_failing_check_comes_back_with_an_excerpt_and_the_file_and_line_of_each_failure() throws Exception {
        seed("src/test/java/shop/CartTest.java", "package shop;\nclass CartTest {}\n");
        seed("fixtures/cart-report.txt", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="shop.CartTest" tests="2" failures="1" errors="0" skipped="0">
                  <testcase name="total_is_summed" classname="shop.CartTest" time="0.01">
                    <failure message="expected: &lt;3&gt; but was: &lt;4&gt;" type="AssertionFailedError">org.opentest4j.AssertionFailedError: expected 3
                	at shop.CartTest.total_is_summed(CartTest.java:12)
                </failure>
                  </testcase>
                  <testcase name="empty" classname="shop.CartTest" time="0.01"/>
                </testsuite>
                """);
        Runner runner = runner();
        runner.prep(prep("ex-22", "p1"));
        VerifyResult result = runner.verify(new VerifyRequest(
                "ex-22",
                "1.1",
                List.of(
                        new CriterionSpec(
                                "test.unit",
                                "test",
                                "cmd",
                                null,
                                List.of(
                                        "sh",
                                        "-c",
                                        "mkdir -p target/surefire-reports && cp fixtures/cart-report.txt"
                                                + " target/surefire-reports/TEST-shop.CartTest.xml;"
                                                + " echo 'Tests run: 2, Failures: 1'; echo %s; exit 1"
                                                        .formatted(CANARY)),
                                null),
                        new CriterionSpec(
                                "type.tsc",
                                "type",
                                "cmd",
                                null,
                                List.of("sh", "-c", "echo 'web/cart.ts(3,5): error TS2322: bad type'; exit 2"),
                                null),
                        new CriterionSpec(
                                "test.grep", "test", "cmd", null, List.of("grep", "shop", "README.md"), null)),
                false,
                "v1"));

        assertThat(result.reports()).extracting(r -> r.key()).containsExactly("test.unit", "type.tsc", "test.grep");
        var unit = result.reports().get(0);
        assertThat(unit.passed()).isFalse();
        assertThat(unit.excerpt()).contains("Tests run: 2, Failures: 1").doesNotContain(CANARY);
        assertThat(unit.locations()).singleElement().satisfies(l -> {
            assertThat(l.path()).isEqualTo("src/test/java/shop/CartTest.java");
            assertThat(l.line()).isEqualTo(12);
            assertThat(l.message()).contains("shop.CartTest.total_is_summed").contains("expected: <3> but was: <4>");
        });
        assertThat(result.reports().get(1).locations())
                .extracting(l -> l.path() + ":" + l.line())
                .containsExactly("web/cart.ts:3");
        assertThat(result.reports().get(2).passed()).isTrue();
        assertThat(result.reports().get(2).excerpt()).isEqualTo("# shop");
        assertThat(result.reports().get(2).locations()).isEmpty();
    }

    @Test
    void a_task_leaf_that_changes_only_clarity_s_own_files_fails_verify_until_it_does_work() throws Exception {
        Runner runner = runner();
        runner.prep(prep("ex-11", "p1"));
        Path ws = root.resolve("ex-11");
        Files.writeString(ws.resolve("tasks_list.md"), "- 1.1 Add feature ✅\n");
        Files.writeString(ws.resolve("task_outcomes.md"), "## 1.1 done\n");
        Files.createDirectories(ws.resolve("artifacts/1.1"));
        Files.writeString(ws.resolve("artifacts/1.1/notes.txt"), "notes\n");
        List<CriterionSpec> grep = List.of(
                new CriterionSpec("test.grep", "test", "cmd", null, List.of("grep", "-q", "shop", "README.md"), null));
        List<String> own = List.of("tasks_list.md", "task_outcomes.md");

        VerifyResult idle = runner.verify(new VerifyRequest("ex-11", "1.1", grep, false, "v1", true, own));
        assertThat(idle).isInstanceOf(VerifyResult.Failed.class);
        assertThat(idle.failed()).containsExactly(new Failure("work.required", "the item changes nothing", null));
        assertThat(idle.passed()).containsExactly("test.grep");
        assertThat(runner.verify(new VerifyRequest("ex-11", "1.1", grep, false, "v2", false, own)))
                .as("a check line or a person's commit needs no work of its own")
                .isInstanceOf(VerifyResult.Passed.class);

        Files.writeString(ws.resolve("feature.txt"), "hello\n");
        assertThat(runner.verify(new VerifyRequest("ex-11", "1.1", grep, false, "v3", true, own)))
                .isInstanceOf(VerifyResult.Passed.class);
    }

    @Test
    void a_verify_that_runs_no_check_fails_and_says_what_to_add() throws Exception {
        Runner runner = runner();
        runner.prep(prep("ex-12", "p1"));
        Files.writeString(root.resolve("ex-12").resolve("feature.txt"), "hello\n");

        VerifyResult result =
                runner.verify(new VerifyRequest("ex-12", "1.1", List.of(), true, "v1", true, List.of("tasks_list.md")));
        assertThat(result).isInstanceOf(VerifyResult.Failed.class);
        assertThat(result.passed()).isEmpty();
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.criterionKey()).isEqualTo("checks.required");
            assertThat(f.summary()).isEqualTo("no check ran: " + dev.clarity.runner.detect.BuildDetector.ADVICE);
        });
    }

    @Test
    void a_setup_command_alone_is_no_check_and_an_item_is_never_done_on_it() throws Exception {
        seed(
                ".clarity.yml",
                "sandbox:\n  timeout: 20s\ncommands: [sh, grep]\nchecks:\n  setup: [[\"sh\", \"-c\", \"true\"]]\n");
        Runner runner = runner();
        runner.prep(prep("ex-29", "p1"));
        Files.writeString(root.resolve("ex-29").resolve("feature.txt"), "hello\n");

        assertThat(runner.standardCheck("ex-29"))
                .isEqualTo(new dev.clarity.runner.api.StandardCheck.NotFound(
                        dev.clarity.runner.detect.BuildDetector.ADVICE));
        VerifyResult result =
                runner.verify(new VerifyRequest("ex-29", "1.1", List.of(), true, "v1", true, List.of("tasks_list.md")));
        assertThat(result).isInstanceOf(VerifyResult.Failed.class);
        assertThat(result.failed()).extracting(f -> f.criterionKey()).contains("checks.required");
    }

    @Test
    void with_no_checks_configured_the_tests_of_the_build_at_the_base_commit_are_the_standard_check() throws Exception {
        seed("Cargo.toml", "[package]\nname = \"shop\"\n");
        StandIns.write(bin, "cargo", "echo \"cargo $*\" > cargo-ran.txt");
        Runner runner = runner();
        runner.prep(prep("ex-13", "p1"));

        VerifyResult result = runner.verify(new VerifyRequest("ex-13", "1.1", List.of(), true, "v1"));
        assertThat(result).isInstanceOf(VerifyResult.Passed.class);
        assertThat(result.passed()).containsExactly("standard.test");
        assertThat(root.resolve("ex-13/cargo-ran.txt")).hasContent("cargo test");
    }

    @Test
    void the_standard_check_is_told_before_anything_runs_configured_detected_or_what_to_add() throws Exception {
        Runner runner = runner();
        runner.prep(prep("ex-23", "p1"));
        assertThat(runner.standardCheck("ex-23"))
                .isEqualTo(new dev.clarity.runner.api.StandardCheck.NotFound(
                        dev.clarity.runner.detect.BuildDetector.ADVICE));

        seed("pom.xml", "<project/>\n");
        runner.prep(prep("ex-24", "p1"));
        Files.writeString(root.resolve("ex-24/Cargo.toml"), "[package]\n"); // the tool's, not the base's
        var detected = runner.standardCheck("ex-24");
        assertThat(detected).isInstanceOf(dev.clarity.runner.api.StandardCheck.Detected.class);
        assertThat(((dev.clarity.runner.api.StandardCheck.Detected) detected).describe())
                .startsWith("no checks configured: running `mvn")
                .endsWith("(maven, found pom.xml)");

        seed(
                ".clarity.yml",
                "sandbox:\n  timeout: 20s\ncommands: [sh, grep]\nchecks:\n  test: [[\"grep\", \"shop\", \"README.md\"]]\n");
        runner.prep(prep("ex-25", "p1"));
        assertThat(runner.standardCheck("ex-25")).isEqualTo(new dev.clarity.runner.api.StandardCheck.Configured());
    }

    @Test
    void a_build_file_a_tool_adds_is_not_detected_and_the_advice_says_what_to_add() throws Exception {
        StandIns.write(bin, "cargo", "exit 0");
        Runner runner = runner();
        runner.prep(prep("ex-14", "p1"));
        Files.writeString(root.resolve("ex-14/Cargo.toml"), "[package]\nname = \"shop\"\n");

        VerifyResult result = runner.verify(new VerifyRequest("ex-14", "1.1", List.of(), true, "v1"));
        assertThat(result).isInstanceOf(VerifyResult.Failed.class);
        assertThat(result.failed()).singleElement().satisfies(f -> {
            assertThat(f.criterionKey()).isEqualTo("checks.required");
            assertThat(f.summary()).isEqualTo("no check ran: " + dev.clarity.runner.detect.BuildDetector.ADVICE);
        });
    }

    @Test
    void an_error_solve_that_changes_nothing_is_not_a_patch() throws Exception {
        Runner runner = runner();
        runner.prep(prep("ex-7", "p1"));
        StandIns.write(bin, "aider", "echo nothing to do");
        var result = runner.errorSolve(new ErrorSolveRequest(
                "ex-7", "1.1", "Add feature", "aider", 1, List.of(new Failure("k", "broken", "a.txt:1")), "", "e1"));
        assertThat(result).isInstanceOf(ToolResult.Unchanged.class);
        assertThat(result.logs()).contains("the tool changed nothing");
    }

    @Test
    void an_error_solve_carries_the_items_parent_lines_and_criteria_into_the_tools_prompt() throws Exception {
        Runner runner = runner();
        runner.prep(prep("ex-ctx", "p1"));
        StandIns.write(bin, "aider", "echo fixed > fixed.txt");
        CriterionSpec criterion =
                new CriterionSpec("doc.feature", "doc", "file", null, List.of("feature.txt"), "the note");

        runner.errorSolve(new ErrorSolveRequest(
                "ex-ctx",
                "1.1",
                "Add feature",
                "aider",
                1,
                List.of(new Failure("doc.feature", "feature.txt does not exist", "feature.txt")),
                "",
                "e1",
                "1 Phase one of the shop",
                List.of(criterion)));

        assertThat(root.resolve("ex-ctx/artifacts/1.1/error-solve-1-prompt.md"))
                .content()
                .contains("1 Phase one of the shop")
                .contains("- doc.feature [doc/file] args feature.txt: the note");
    }

    @Test
    void a_tool_that_is_not_on_the_steps_path_is_missing_with_a_sentence_naming_tool_path_and_fix() throws Exception {
        Runner runner = runner();
        runner.prep(prep("ex-missing", "p1"));
        Files.delete(bin.resolve("aider"));

        var implemented = runner.implement(implement("ex-missing", "aider", "i1"));
        var repaired = runner.errorSolve(new ErrorSolveRequest(
                "ex-missing", "1.1", "Add feature", "aider", 1, List.of(new Failure("k", "broken", null)), "", "e1"));

        for (ToolResult result : List.of(implemented, repaired)) {
            assertThat(result).isInstanceOf(ToolResult.Missing.class);
            String reason = ((ToolResult.Missing) result).reason();
            assertThat(reason)
                    .startsWith("the tool aider cannot be started: 'aider' is not an executable file")
                    .contains(bin + ":/usr/bin:/bin")
                    .contains("install aider on the runner's PATH")
                    .contains("tools.default or tools.aider.command in .clarity.yml (see docs/configuration.md)");
            assertThat(result.tool()).isEqualTo("aider");
            assertThat(result.diff()).isEmpty();
            assertThat(result.logs()).contains(reason);
            assertThat(result.okOnTheWire()).isFalse();
        }
    }

    @Test
    void cancel_kills_the_running_step_within_five_seconds() throws Exception {
        Runner runner = runner();
        runner.prep(prep("ex-8", "p1"));
        CompletableFuture<ToolResult> running =
                CompletableFuture.supplyAsync(() -> runner.implement(implement("ex-8", "claude", "i1")), executor);
        Path marker = root.resolve("ex-8/started.txt");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(marker) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(marker).exists();
        runner.cancel("ex-8");
        ToolResult result = running.get(5, TimeUnit.SECONDS);
        assertThat(result).isInstanceOf(ToolResult.Cancelled.class);
        assertThat(String.join("\n", result.logs())).contains("cancelled");
    }

    @Test
    void a_written_file_reads_back_byte_for_byte_and_a_missing_file_is_an_answer_not_a_failure() throws Exception {
        Runner runner = runner();
        assertThat(runner.workspace("ex-20").exists()).isFalse();
        assertThat(runner.readFile(new ReadFileRequest("ex-20", "tasks_list.md"))
                        .found())
                .as("a workspace that was never prepared holds no files")
                .isFalse();
        runner.prep(prep("ex-20", "p1"));
        assertThat(runner.workspace("ex-20").exists()).isTrue();

        byte[] list = "- [ ] 1.1 Add feature ✅\r\nno newline at the end".getBytes(StandardCharsets.UTF_8);
        var written = runner.writeFile(new WriteFileRequest("ex-20", "ai_docs/tasks/tasks_list.md", list, "w1"));
        assertThat(written.ok()).isTrue();
        assertThat(written.bytes()).isEqualTo(list.length);

        var read = runner.readFile(new ReadFileRequest("ex-20", "ai_docs/tasks/tasks_list.md"));
        assertThat(read.found()).isTrue();
        assertThat(read.content()).isEqualTo(list);
        assertThat(Files.readAllBytes(root.resolve("ex-20/ai_docs/tasks/tasks_list.md")))
                .isEqualTo(list);
        try (Stream<Path> left = Files.list(root.resolve("ex-20/ai_docs/tasks"))) {
            assertThat(left).as("no temporary file is left beside it").hasSize(1);
        }
        assertThat(runner.readFile(new ReadFileRequest("ex-20", "README.md")).content())
                .isEqualTo("# shop\n".getBytes(StandardCharsets.UTF_8));
        var missing = runner.readFile(new ReadFileRequest("ex-20", "task_outcomes.md"));
        assertThat(missing.found()).isFalse();
        assertThat(missing.content()).isNull();
    }

    @Test
    void a_repeated_write_key_is_answered_from_the_store_and_writes_nothing_again() {
        Runner runner = runner();
        runner.prep(prep("ex-21", "p1"));
        byte[] first = "first\n".getBytes(StandardCharsets.UTF_8);
        byte[] second = "second, longer\n".getBytes(StandardCharsets.UTF_8);
        var once = runner.writeFile(new WriteFileRequest("ex-21", "notes.md", first, "w1"));
        var again = runner.writeFile(new WriteFileRequest("ex-21", "notes.md", second, "w1"));

        assertThat(again).isEqualTo(once);
        assertThat(runner.readFile(new ReadFileRequest("ex-21", "notes.md")).content())
                .isEqualTo(first);
        runner.writeFile(new WriteFileRequest("ex-21", "notes.md", second, "w2"));
        assertThat(runner.readFile(new ReadFileRequest("ex-21", "notes.md")).content())
                .isEqualTo(second);
        runner.writeFile(new WriteFileRequest("ex-21", "notes.md", new byte[0], "w3"));
        assertThat(runner.readFile(new ReadFileRequest("ex-21", "notes.md")).content())
                .as("an empty file is content too")
                .isEmpty();
    }

    @Test
    void file_paths_that_leave_the_workspace_are_refused_naming_the_path() throws Exception {
        Runner runner = runner();
        runner.prep(prep("ex-22", "p1"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.txt"), "not yours");
        Files.createSymbolicLink(root.resolve("ex-22/docs"), outside);
        byte[] content = "x".getBytes(StandardCharsets.UTF_8);

        for (String path : List.of("../ex-1/tasks_list.md", "docs/../../x.md", "/etc/passwd", "docs/secret.txt")) {
            assertThatThrownBy(() -> runner.readFile(new ReadFileRequest("ex-22", path)))
                    .as(path)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(path);
            assertThatThrownBy(() -> runner.writeFile(new WriteFileRequest("ex-22", path, content, "w-" + path)))
                    .as(path)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(path);
        }
        assertThatThrownBy(() -> runner.writeFile(new WriteFileRequest("ex-22", ".git/hooks/pre-commit", content, "h")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".git/hooks/pre-commit");
        assertThat(Files.readString(outside.resolve("secret.txt"))).isEqualTo("not yours");
        assertThat(root.resolve("ex-22/.git/hooks/pre-commit")).doesNotExist();
    }

    @Test
    void a_symbolic_link_in_the_repository_reaches_neither_git_nor_another_workspace() throws Exception {
        Runner runner = runner();
        runner.prep(prep("ex-24", "p1"));
        runner.prep(prep("ex-25", "p1"));
        Path ws = root.resolve("ex-24");
        Files.createSymbolicLink(ws.resolve("g"), Path.of(".git"));
        Files.createSymbolicLink(ws.resolve("scripts"), Path.of(".git/hooks"));
        Files.createSymbolicLink(ws.resolve("x"), Path.of("../ex-25"));
        byte[] hook = "#!/bin/sh\necho owned\n".getBytes(StandardCharsets.UTF_8);

        for (String path : List.of("g/config", "scripts/pre-commit", "x/README.md")) {
            assertThatThrownBy(() -> runner.readFile(new ReadFileRequest("ex-24", path)))
                    .as(path)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(path);
        }
        for (String path : List.of("g/hooks/pre-commit", "scripts/post-commit", "x/README.md")) {
            assertThatThrownBy(() -> runner.writeFile(new WriteFileRequest("ex-24", path, hook, "w-" + path)))
                    .as(path)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(path);
        }
        assertThat(ws.resolve(".git/hooks/pre-commit")).doesNotExist();
        assertThat(ws.resolve(".git/hooks/post-commit")).doesNotExist();
        assertThat(Files.readString(root.resolve("ex-25/README.md"))).isEqualTo("# shop\n");
    }

    @Test
    void a_read_at_the_base_answers_what_the_base_commit_holds_whatever_the_work_tree_says() throws Exception {
        Runner runner = runner();
        assertThat(runner.readFile(new ReadFileRequest("ex-26", ".clarity.yml", "base"))
                        .found())
                .as("a workspace that was never prepared holds no files")
                .isFalse();
        runner.prep(prep("ex-26", "p1"));
        byte[] widened = "sandbox:\n  network: egress\n".getBytes(StandardCharsets.UTF_8);
        runner.writeFile(new WriteFileRequest("ex-26", ".clarity.yml", widened, "w1"));
        Files.delete(root.resolve("ex-26/README.md"));

        assertThat(runner.readFile(new ReadFileRequest("ex-26", ".clarity.yml")).content())
                .isEqualTo(widened);
        assertThat(new String(
                        runner.readFile(new ReadFileRequest("ex-26", "./.clarity.yml", "base"))
                                .content(),
                        StandardCharsets.UTF_8))
                .isEqualTo("sandbox:\n  timeout: 20s\ncommands: [sh, grep]\n");
        assertThat(runner.readFile(new ReadFileRequest("ex-26", "README.md", "base"))
                        .content())
                .isEqualTo("# shop\n".getBytes(StandardCharsets.UTF_8));
        assertThat(runner.readFile(new ReadFileRequest("ex-26", "feature.txt", "base"))
                        .found())
                .isFalse();
        assertThatThrownBy(() -> runner.readFile(new ReadFileRequest("ex-26", ".clarity.yml", "HEAD~1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("revision")
                .hasMessageContaining("HEAD~1");
        assertThatThrownBy(() -> runner.readFile(new ReadFileRequest("ex-26", ".git/config", "base")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(".git/config");
    }

    @Test
    void a_tool_that_changes_clarity_yml_is_held_and_the_change_waits_for_a_person() throws Exception {
        Runner runner = runner();
        runner.prep(prep("ex-27", "p1"));
        StandIns.write(bin, "aider", """
                printf 'sandbox:\\n  network: egress\\ncommands: [sh, grep, curl]\\n' > .clarity.yml
                echo "hello from $CLARITY_TASK_ID" > feature.txt
                """);

        ToolResult implemented = runner.implement(implement("ex-27", "aider", "i1"));

        assertThat(implemented).isInstanceOfSatisfying(ToolResult.Held.class, held -> {
            assertThat(held.files()).containsExactly(".clarity.yml");
            assertThat(held.heldDiff()).contains("+++ b/.clarity.yml").contains("+  network: egress");
        });
        assertThat(implemented.logs().getFirst()).contains("protected files (.clarity.yml)");
        assertThat(Files.readString(root.resolve("ex-27/.clarity.yml")))
                .isEqualTo("sandbox:\n  timeout: 20s\ncommands: [sh, grep]\n");
        assertThat(implemented.diff()).contains("+++ b/feature.txt").doesNotContain(".clarity.yml");
        String commit = committed(
                runner.merge(new MergeRequest("ex-27", "1.1", "task/1.1-add-feature", "Task 1.1: Add feature", "m1")));
        try (Git ws = Git.open(root.resolve("ex-27").toFile())) {
            var changed = ws.diff()
                    .setOldTree(tree(ws, commit + "^"))
                    .setNewTree(tree(ws, commit))
                    .call();
            assertThat(changed)
                    .extracting(d -> d.getNewPath())
                    .contains("feature.txt")
                    .doesNotContain(".clarity.yml");
        }
    }

    @Test
    void a_tool_that_changes_a_workflow_is_held_and_release_puts_the_change_back() throws Exception {
        Runner runner = runner();
        runner.prep(prep("ex-28", "p1"));
        StandIns.write(bin, "aider", """
                mkdir -p .github/workflows && echo 'on: push' > .github/workflows/ci.yml
                echo "hello from $CLARITY_TASK_ID" > feature.txt
                """);

        ToolResult implemented = runner.implement(implement("ex-28", "aider", "i1"));

        assertThat(implemented).isInstanceOfSatisfying(ToolResult.Held.class, held -> {
            assertThat(held.files()).containsExactly(".github/workflows/ci.yml");
            assertThat(held.heldDiff())
                    .contains("+++ b/.github/workflows/ci.yml")
                    .contains("+on: push");
            assertThat(held.diff()).contains("+++ b/feature.txt").doesNotContain("ci.yml");
        });
        assertThat(root.resolve("ex-28/.github/workflows/ci.yml")).doesNotExist();
        assertThat(runner.release(new dev.clarity.runner.api.ReleaseRequest("ex-28", "1.1", "r1"))
                        .files())
                .containsExactly(".github/workflows/ci.yml");
        assertThat(root.resolve("ex-28/.github/workflows/ci.yml")).hasContent("on: push");
    }

    @Test
    void the_next_step_takes_its_sandbox_from_the_base_even_when_the_work_tree_asks_for_network() throws Exception {
        Runner runner = runner();
        runner.prep(prep("ex-28", "p1"));
        // as a tool would have left it before this rule, or anything else that wrote the work tree
        Files.writeString(root.resolve("ex-28/.clarity.yml"), "sandbox:\n  network: egress\ncommands: [sh, grep]\n");
        StandIns.write(bin, "aider", """
                if curl -s -m 5 -o /dev/null http://127.0.0.1:%d/; then echo reached > net.txt
                else echo unreachable > net.txt; fi
                """.formatted(git.port()));

        var solved = runner.errorSolve(new ErrorSolveRequest(
                "ex-28", "1.1", "Add feature", "aider", 1, List.of(new Failure("k", "broken", "a.txt:1")), "", "e1"));

        assertThat(Files.readString(root.resolve("ex-28/net.txt"))).isEqualTo("unreachable\n");
        assertThat(solved).isNotInstanceOf(ToolResult.Refused.class);
    }

    private static org.eclipse.jgit.treewalk.AbstractTreeIterator tree(Git git, String revision) throws IOException {
        var repo = git.getRepository();
        try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repo);
                var reader = repo.newObjectReader()) {
            return new org.eclipse.jgit.treewalk.CanonicalTreeParser(
                    null, reader, walk.parseCommit(repo.resolve(revision)).getTree());
        }
    }

    @Test
    void writing_into_a_workspace_that_was_never_prepared_is_an_infrastructure_failure() {
        assertThatThrownBy(() -> runner().writeFile(new WriteFileRequest(
                        "ex-23", "tasks_list.md", "x".getBytes(StandardCharsets.UTF_8), "w1")))
                .isInstanceOf(RunnerException.class)
                .hasMessageContaining("ex-23");
        assertThat(root.resolve("ex-23")).doesNotExist();
    }

    @Test
    void health_reports_engine_image_and_capacity() {
        var health = runner().health();
        assertThat(health.status()).isEqualTo("ok");
        assertThat(health.engine()).isEqualTo("bubblewrap");
        assertThat(health.capacity()).isEqualTo(4);
        assertThat(health.free()).isEqualTo(4);
    }

    @Test
    void usage_lists_no_step_while_nothing_runs() {
        var usage = runner().usage();
        assertThat(usage.steps()).isEmpty();
        assertThat(usage.totalMemoryBytes()).isZero();
    }

    /** The commit a merge made; fails the test on any other case. */
    protected static String committed(MergeResult result) {
        assertThat(result).isInstanceOf(MergeResult.Committed.class);
        return ((MergeResult.Committed) result).commit();
    }

    protected static Duration timeout() {
        return Duration.ofMinutes(2);
    }

    protected static void touch(Path file) throws IOException {
        Files.writeString(file, "");
    }
}
