package dev.clarity.runner.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.sun.net.httpserver.HttpServer;
import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.artifacts.Artifacts;
import dev.clarity.runner.policy.CommandPolicy;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.BubblewrapProbe;
import dev.clarity.runner.sandbox.OutputLimits;
import dev.clarity.runner.sandbox.ProcessSandbox;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CriterionChecksTest {
    private static final ExecutorService executor = Executors.newCachedThreadPool();

    /**
     * Far above what a bounded check takes (the read budget stops a pattern in about a second); an unbounded one
     * takes minutes.
     */
    private static final Duration GENEROUS = Duration.ofSeconds(20);

    @TempDir
    Path ws;

    private CriterionChecks checks;
    private CheckContext context;

    @AfterAll
    static void stop() {
        executor.shutdownNow();
    }

    @BeforeEach
    void setUp() {
        var bwrap = BubblewrapProbe.find(System.getenv("PATH"));
        assumeTrue(bwrap.isPresent(), "bubblewrap is not installed: apt-get install -y bubblewrap");
        checks = new CriterionChecks(
                new ProcessSandbox(bwrap, executor, InstantSource.system(), OutputLimits.DEFAULT),
                HttpClient.newHttpClient());
        context = new CheckContext(
                "ws",
                ws,
                CommandPolicy.defaults().withCommands(List.of("sh")),
                Map.of("PATH", "/usr/bin:/bin"),
                Duration.ofSeconds(30),
                false,
                Redactor.builtIn().with("hunter2-secret"),
                new Artifacts(ws, "1.1"));
    }

    private CheckResult run(String kind, String check, String target, String... args) {
        return checks.run(new CriterionSpec("k." + check, kind, check, target, List.of(args), null), context);
    }

    @Test
    void cmd_passes_on_exit_zero_and_reports_surefire_counts() throws Exception {
        Files.createDirectories(ws.resolve("target/surefire-reports"));
        Files.writeString(
                ws.resolve("target/surefire-reports/TEST-a.xml"),
                "<testsuite name=\"a\" tests=\"5\" failures=\"0\" errors=\"0\" skipped=\"1\">\n</testsuite>\n");
        CheckResult result = run("test", "cmd", null, "sh", "-c", "echo hunter2-secret; exit 0");
        assertThat(result.passed()).isTrue();
        assertThat(result.summary()).contains("5 tests, 0 failures, 0 errors, 1 skipped");
        assertThat(result.evidence()).isEqualTo("artifacts/1.1/checks/k.cmd.log");
        assertThat(ws.resolve(result.evidence()))
                .content()
                .contains("[REDACTED]")
                .doesNotContain("hunter2-secret");
    }

    @Test
    void cmd_fails_on_a_non_zero_exit_with_pytest_counts_and_refuses_commands_off_the_allowlist() {
        CheckResult failed =
                run("test", "cmd", null, "sh", "-c", "echo '==== 3 passed, 2 failed in 0.1s ===='; exit 1");
        assertThat(failed.passed()).isFalse();
        assertThat(failed.summary()).contains("exited with code 1").contains("5 tests, 2 failures");
        CheckResult refused = run("test", "cmd", null, "curl", "http://x");
        assertThat(refused.passed()).isFalse();
        assertThat(refused.summary()).contains("curl");
    }

    @Test
    void type_checks_need_zero_errors_and_point_at_the_first_one() {
        CheckResult failed = run(
                "type",
                "cmd",
                null,
                "sh",
                "-c",
                "echo 'src/app.ts(3,5): error TS2322: Type string'; echo 'Found 2 errors.'; exit 2");
        assertThat(failed.passed()).isFalse();
        assertThat(failed.summary()).contains("2 errors");
        assertThat(failed.location()).isEqualTo("src/app.ts:3");
        CheckResult mypy = run(
                "type",
                "cmd",
                null,
                "sh",
                "-c",
                "echo 'app.py:12: error: bad'; echo 'Found 1 error in 1 file'; exit 1");
        assertThat(mypy.location()).isEqualTo("app.py:12");
        assertThat(run("type", "cmd", null, "sh", "-c", "echo 'Success: no issues found'")
                        .passed())
                .isTrue();
    }

    @Test
    void coverage_targets_read_jacoco_cobertura_and_lcov() throws Exception {
        Files.createDirectories(ws.resolve("target/site/jacoco"));
        Files.writeString(
                ws.resolve("target/site/jacoco/jacoco.xml"),
                "<report><counter type=\"LINE\" missed=\"1\" covered=\"1\"/><counter type=\"LINE\" missed=\"15\" covered=\"85\"/></report>");
        assertThat(run("test", "cmd", ">=80%", "true").passed()).isTrue();
        assertThat(run("test", "cmd", ">=90%", "true").summary()).contains("85.0%");
        Files.delete(ws.resolve("target/site/jacoco/jacoco.xml"));
        Files.writeString(ws.resolve("coverage.xml"), "<coverage line-rate=\"0.7\" branch-rate=\"0\">");
        assertThat(run("test", "cmd", ">=80%", "true").passed()).isFalse();
        Files.delete(ws.resolve("coverage.xml"));
        Files.createDirectories(ws.resolve("coverage"));
        Files.writeString(ws.resolve("coverage/lcov.info"), "SF:a.js\nLF:10\nLH:9\nend_of_record\n");
        assertThat(run("test", "cmd", ">=90%", "true").passed()).isTrue();
    }

    @Test
    void regex_must_and_must_not_match_with_the_line() throws Exception {
        Files.writeString(ws.resolve("app.js"), "const a = 1;\nconsole.log(a);\n");
        CheckResult present = run("sec", "regex", null, "app.js", "console\\.log");
        assertThat(present.passed()).isTrue();
        CheckResult absent = run("sec", "regex", "absent", "app.js", "console\\.log");
        assertThat(absent.passed()).isFalse();
        assertThat(absent.location()).isEqualTo("app.js:2");
        assertThat(run("sec", "regex", null, "../etc/passwd", "root").summary()).contains("leaves the workspace");
    }

    @Test
    void file_checks_existence_and_content_and_refuse_escaping_symlinks(@TempDir Path outside) throws Exception {
        Files.writeString(ws.resolve("README.md"), "# hi\n");
        Files.writeString(ws.resolve("empty.txt"), "");
        assertThat(run("doc", "file", null, "README.md").passed()).isTrue();
        assertThat(run("ops", "file", null, "empty.txt").summary()).contains("empty");
        assertThat(run("ops", "file", null, "nope.txt").summary()).contains("does not exist");
        Files.writeString(outside.resolve("secret.txt"), "x");
        Files.createSymbolicLink(ws.resolve("out"), outside);
        assertThat(run("ops", "file", null, "out/secret.txt").summary()).contains("leaves the workspace");
    }

    @Test
    void doc_checks_need_relative_links_to_resolve() throws Exception {
        Files.createDirectories(ws.resolve("docs"));
        Files.writeString(ws.resolve("docs/guide.md"), "see [readme](../README.md) and [site](https://x.org)\n");
        Files.writeString(ws.resolve("README.md"), "# hi\n");
        assertThat(run("doc", "file", null, "docs/guide.md").passed()).isTrue();
        Files.writeString(ws.resolve("docs/guide.md"), "ok\nsee [gone](missing.md)\n");
        CheckResult broken = run("doc", "file", null, "docs/guide.md");
        assertThat(broken.passed()).isFalse();
        assertThat(broken.location()).isEqualTo("docs/guide.md:2");
    }

    @Test
    void doc_checks_need_the_file_updated_by_the_work_of_the_task() throws Exception {
        dev.clarity.runner.workspace.IsolatedGitConfig.install();
        var someone = new org.eclipse.jgit.lib.PersonIdent("Ana", "ana@example.com");
        CheckContext checkLine = new CheckContext(
                context.workspaceId(),
                ws,
                context.policy(),
                context.environment(),
                context.timeout(),
                false,
                context.redactor(),
                new Artifacts(ws, "1.1.B"));
        var outcomes = new CriterionSpec("doc.outcomes", "doc", "file", null, List.of("task_outcomes.md"), null);
        try (var git = org.eclipse.jgit.api.Git.init()
                .setInitialBranch("main")
                .setDirectory(ws.toFile())
                .call()) {
            Files.writeString(ws.resolve("task_outcomes.md"), "# Outcomes\n");
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("seed")
                    .setAuthor(someone)
                    .setCommitter(someone)
                    .setSign(false)
                    .call();

            CheckResult stale = checks.run(outcomes, checkLine);
            assertThat(stale.passed()).isFalse();
            assertThat(stale.summary())
                    .isEqualTo("task_outcomes.md was not updated by the work of 1.1.B"
                            + " (unchanged in the working tree and in every commit of the task)");

            // another task's commit does not count
            Files.writeString(ws.resolve("task_outcomes.md"), "# Outcomes\n\n## 1.2 Other\n");
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("Task 1.2: Other")
                    .setAuthor(someone)
                    .setCommitter(someone)
                    .setSign(false)
                    .call();
            assertThat(checks.run(outcomes, checkLine).passed()).isFalse();

            // the item's own work, not committed yet, counts
            Files.writeString(ws.resolve("task_outcomes.md"), "# Outcomes\n\n## 1.2 Other\n\n## 1.1.B draft\n");
            assertThat(checks.run(outcomes, checkLine).passed()).isTrue();

            // and so does a commit of an item of the same task, as the outcome of 1.1.1 is
            Files.writeString(ws.resolve("task_outcomes.md"), "# Outcomes\n\n## 1.2 Other\n\n## 1.1.1 First\n");
            git.add().addFilepattern(".").call();
            git.commit()
                    .setMessage("Task 1.1.1: First")
                    .setAuthor(someone)
                    .setCommitter(someone)
                    .setSign(false)
                    .call();
            git.commit()
                    .setMessage("Task 1.3: Later, empty")
                    .setAuthor(someone)
                    .setCommitter(someone)
                    .setAllowEmpty(true)
                    .setSign(false)
                    .call();
            CheckResult updated = checks.run(outcomes, checkLine);
            assertThat(updated.passed()).isTrue();
            assertThat(updated.summary()).isEqualTo("task_outcomes.md present, updated, links resolve");
        }
        assertThat(TaskUpdates.prefixes("1.1.B")).containsExactly("1.1.B", "1.1");
        assertThat(TaskUpdates.prefixes("1.1.6")).containsExactly("1.1.6", "1.1");
        assertThat(TaskUpdates.prefixes("3")).containsExactly("3");
    }

    @Test
    void http_measures_percentiles_against_the_target_on_loopback_only() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // simulates a slow endpoint; waits for nothing
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
            CheckResult fast = run("perf", "http", "p95<2000ms", "GET", url, "n=10");
            assertThat(fast.passed()).isTrue();
            assertThat(fast.summary()).contains("p50=").contains("p95=").contains("p99=");
            CheckResult slow = run("perf", "http", "p95<10ms", "GET", url.replace("/api", "/slow"), "n=3");
            assertThat(slow.passed()).isFalse();
            assertThat(slow.summary()).endsWith("0 failed (target p95<10ms)");
            assertThat(run("perf", "http", null, "GET", "http://example.com/").summary())
                    .contains("loopback");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void a_catastrophic_pattern_is_stopped_and_fails_the_criterion_with_a_sentence() throws Exception {
        Files.writeString(ws.resolve("big.txt"), "a".repeat(50_000) + "b\n");
        CheckResult result = assertTimeoutPreemptively(GENEROUS, () -> run("sec", "regex", null, "big.txt", "(a+)+$"));
        assertThat(result.passed()).isFalse();
        assertThat(result.summary()).isEqualTo("the pattern took too long on big.txt (stopped at line 1); simplify it");
        assertThat(result.location()).isEqualTo("big.txt:1");
        // the same budget still lets an ordinary pattern read the whole file
        assertThat(run("sec", "regex", null, "big.txt", "a+b$").passed()).isTrue();
    }

    @Test
    void a_pattern_that_recurses_too_deeply_fails_the_criterion_with_a_sentence() throws Exception {
        Files.writeString(ws.resolve("deep.txt"), "ab".repeat(250_000) + "\n");
        CheckResult result = run("sec", "regex", "absent", "deep.txt", "(a|b)*c");
        assertThat(result.passed()).isFalse();
        assertThat(result.summary()).isEqualTo("the pattern recursed too deeply on deep.txt:1; simplify it");
    }

    @Test
    void regex_and_doc_checks_read_files_only_up_to_four_mebibytes() throws Exception {
        Files.writeString(ws.resolve("huge.md"), "x".repeat(4 * 1024 * 1024) + "\n");
        CheckResult regex = run("sec", "regex", "absent", "huge.md", "console\\.log");
        assertThat(regex.passed()).isFalse();
        assertThat(regex.summary()).isEqualTo("huge.md is larger than 4 MiB, the most a regex check reads");
        CheckResult doc = run("doc", "file", null, "huge.md");
        assertThat(doc.passed()).isFalse();
        assertThat(doc.summary()).isEqualTo("huge.md is larger than 4 MiB, the most a doc check reads");
    }

    @Test
    void a_file_that_is_not_utf8_is_still_searched() throws Exception {
        Files.write(ws.resolve("mixed.txt"), new byte[] {(byte) 0xff, 'x', '\n', 'T', 'O', 'D', 'O', '\n'});
        CheckResult result = run("sec", "regex", "absent", "mixed.txt", "TODO");
        assertThat(result.passed()).isFalse();
        assertThat(result.location()).isEqualTo("mixed.txt:2");
    }

    @Test
    void a_doc_line_of_many_brackets_is_checked_in_linear_time() throws Exception {
        Files.writeString(ws.resolve("README.md"), "[".repeat(1_000_000) + "\n[ok](README.md)\n");
        CheckResult result = assertTimeoutPreemptively(GENEROUS, () -> run("doc", "file", null, "README.md"));
        assertThat(result.passed()).isTrue();
    }

    @Test
    void reports_with_garbage_numbers_or_many_unclosed_tags_are_read_without_an_error() throws Exception {
        Files.createDirectories(ws.resolve("target/surefire-reports"));
        Files.writeString(
                ws.resolve("target/surefire-reports/TEST-a.xml"),
                "<testsuite tests=\"99999999999\" failures=\"1\">" + "<testsuite ".repeat(300_000));
        Files.writeString(ws.resolve("coverage.xml"), "<coverage line-rate=\"1.2.3\">");
        Files.createDirectories(ws.resolve("coverage"));
        Files.writeString(ws.resolve("coverage/lcov.info"), "SF:a.js\nLF:abc\nLH:99999999999999999999999\n");
        CheckResult coverage = assertTimeoutPreemptively(GENEROUS, () -> run("test", "cmd", ">=80%", "true"));
        assertThat(coverage.passed()).isFalse();
        assertThat(coverage.summary()).isEqualTo("true left no coverage report (JaCoCo XML, Cobertura XML or lcov)");
        Files.delete(ws.resolve("target/surefire-reports/TEST-a.xml"));
        CheckResult pytest = run("test", "cmd", null, "sh", "-c", "echo '99999999999 passed, 1 failed'; exit 0");
        assertThat(pytest.summary())
                .isEqualTo("sh -c echo '99999999999 passed, 1 failed'; exit 0 passed (1 tests, 1"
                        + " failures, 0 errors, 0 skipped)");
        CheckResult type = run("type", "cmd", null, "sh", "-c", "echo 'Found 99999999999 errors'; exit 1");
        assertThat(type.summary())
                .isEqualTo("sh -c echo 'Found 99999999999 errors'; exit 1 reported errors (exit code 1)");
    }

    @Test
    void a_coverage_target_above_100_percent_fails_before_the_command_runs() {
        CheckResult result = run("test", "cmd", ">=150%", "sh", "-c", "echo ran");
        assertThat(result.passed()).isFalse();
        assertThat(result.summary()).isEqualTo("the coverage target must be from 0 to 100%, got >=150%");
        assertThat(result.evidence()).isNull();
    }

    static Stream<Arguments> bad_http_arguments() {
        String n = "n must be a whole number from 1 to 10000, got ";
        String shape = "the http check takes [METHOD] URL [n=N]";
        String target = " is not like p95<200ms (p50, p95 or p99 below 1 to 600000 ms)";
        return Stream.of(
                Arguments.of(List.of("GET", "URL", "n=0"), null, n + "\"0\""),
                Arguments.of(List.of("GET", "URL", "n=-1"), null, n + "\"-1\""),
                Arguments.of(List.of("GET", "URL", "n=abc"), null, n + "\"abc\""),
                Arguments.of(List.of("GET", "URL", "n=2147483647"), null, n + "\"2147483647\""),
                Arguments.of(List.of("GET", "URL", "n=99999999999999"), null, n + "\"99999999999999\""),
                Arguments.of(List.of("GET", "URL", "n=10001"), null, n + "\"10001\""),
                Arguments.of(List.of("URL", "n=2", "n=3"), null, "n is given twice; " + shape),
                Arguments.of(List.of(), null, shape + ", got 0 words besides n="),
                Arguments.of(List.of("GET", "URL", "URL"), null, shape + ", got 3 words besides n="),
                Arguments.of(
                        List.of("FETCH", "URL"),
                        null,
                        "the method must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS, got \"FETCH\""),
                Arguments.of(
                        List.of("ftp://127.0.0.1/x"),
                        null,
                        "the URL must start with http:// or https://, got \"ftp://127.0.0.1/x\""),
                Arguments.of(List.of("http://127.0.0.1:1/a b"), null, "not a URL: \"http://127.0.0.1:1/a b\""),
                Arguments.of(
                        List.of("http://localhost.example.com/"),
                        null,
                        "http checks may only call loopback addresses, not http://localhost.example.com/"),
                Arguments.of(List.of("URL"), "p95<0ms", "target \"p95<0ms\"" + target),
                Arguments.of(List.of("URL"), "p95<600001ms", "target \"p95<600001ms\"" + target),
                Arguments.of(
                        List.of("URL"), "p95<99999999999999999999ms", "target \"p95<99999999999999999999ms\"" + target),
                Arguments.of(List.of("URL"), "p42<10ms", "target \"p42<10ms\"" + target));
    }

    @ParameterizedTest
    @MethodSource
    void bad_http_arguments(List<String> args, String target, String sentence) throws Exception {
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
            String[] words = args.stream().map(a -> a.equals("URL") ? url : a).toArray(String[]::new);
            CheckResult result = run("perf", "http", target, words);
            assertThat(result.passed()).isFalse();
            assertThat(result.summary()).isEqualTo(sentence);
            assertThat(requests).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void http_sends_exactly_n_requests_with_the_method_and_resolves_paths_against_the_app_url() throws Exception {
        AtomicInteger heads = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api", exchange -> {
            if (exchange.getRequestMethod().equals("HEAD")) {
                heads.incrementAndGet();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            CheckContext withApp = new CheckContext(
                    context.workspaceId(),
                    ws,
                    context.policy(),
                    Map.of(
                            "CLARITY_APP_URL",
                            "http://127.0.0.1:" + server.getAddress().getPort()),
                    context.timeout(),
                    false,
                    context.redactor(),
                    context.artifacts());
            CheckResult result = checks.run(
                    new CriterionSpec("k.http", "perf", "http", "p99<60000ms", List.of("head", "/api", "n=3"), null),
                    withApp);
            assertThat(result.passed()).isTrue();
            assertThat(result.summary()).startsWith("3 × HEAD http://127.0.0.1:");
            assertThat(heads).hasValue(3);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void http_stops_at_the_step_timeout_and_says_how_far_it_got() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/slow", exchange -> {
            try {
                release.await(); // an endpoint that never answers while the check runs
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        try {
            CheckContext shortStep = new CheckContext(
                    context.workspaceId(),
                    ws,
                    context.policy(),
                    context.environment(),
                    Duration.ofSeconds(1),
                    false,
                    context.redactor(),
                    context.artifacts());
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/slow";
            CheckResult result = assertTimeoutPreemptively(
                    GENEROUS,
                    () -> checks.run(
                            new CriterionSpec("k.http", "perf", "http", null, List.of(url, "n=5"), null), shortStep));
            assertThat(result.passed()).isFalse();
            assertThat(result.summary())
                    .startsWith("1 × GET " + url)
                    .endsWith("1 failed; stopped at the step timeout of 1 s after 1 of 5 requests");
        } finally {
            release.countDown();
            server.stop(0);
        }
    }
}
