package dev.clarity.runner.checks;

import static org.assertj.core.api.Assertions.assertThat;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CriterionChecksTest {
    private static final ExecutorService executor = Executors.newCachedThreadPool();

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
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/api";
            CheckResult fast = run("perf", "http", "p95<2000ms", "GET", url, "n=10");
            assertThat(fast.passed()).isTrue();
            assertThat(fast.summary()).contains("p50=").contains("p95=").contains("p99=");
            assertThat(run("perf", "http", "p95<0ms", "GET", url, "n=5").passed())
                    .isFalse();
            assertThat(run("perf", "http", null, "GET", "http://example.com/").summary())
                    .contains("loopback");
        } finally {
            server.stop(0);
        }
    }
}
