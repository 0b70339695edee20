package dev.clarity.runner.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clarity.runner.api.CriterionSpec;
import dev.clarity.runner.api.ImplementRequest;
import dev.clarity.runner.api.PrepRequest;
import dev.clarity.runner.api.PrepResult;
import dev.clarity.runner.api.ProtectedFiles;
import dev.clarity.runner.api.ReleaseRequest;
import dev.clarity.runner.api.Risk;
import dev.clarity.runner.api.ToolResult;
import dev.clarity.runner.api.VerifyRequest;
import dev.clarity.runner.api.VerifyResult;
import dev.clarity.runner.policy.CommandPolicy;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.BubblewrapProbe;
import dev.clarity.runner.sandbox.OutputLimits;
import dev.clarity.runner.sandbox.ProcessSandbox;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner's side of "what is checked comes from the base": a stand-in tool (a shell script the repository's
 * {@code .clarity.yml} names) that edits protected files, run by the in-process runner in the process sandbox.
 */
class ProtectedFilesTest {
    private static final String WS = "ex-protect";
    private static final String TASKS = "tasks_list.md";
    private static final ProtectedFiles OWN =
            new ProtectedFiles(List.of(TASKS, "task_outcomes.md"), List.of(), List.of());

    @TempDir
    Path temp;

    private ExecutorService executor;
    private LocalRunner runner;

    @BeforeAll
    static void isolate() {
        IsolatedGitConfig.install();
    }

    @BeforeEach
    void setUp() {
        assumeTrue(BubblewrapProbe.find(System.getenv("PATH")).isPresent(), "bubblewrap is not installed");
        executor = Executors.newCachedThreadPool();
        var sandbox = new ProcessSandbox(
                BubblewrapProbe.find(System.getenv("PATH")), executor, InstantSource.system(), OutputLimits.DEFAULT);
        runner = new LocalRunner(
                temp.resolve("workspaces"),
                sandbox,
                CommandPolicy.defaults(),
                Map.of("PATH", "/usr/bin:/bin", "HOME", "/tmp"),
                Redactor.builtIn(),
                InstantSource.system(),
                executor,
                2);
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    @Test
    void a_tool_that_rewrites_the_check_script_is_held_and_the_check_runs_the_script_of_the_base() throws Exception {
        prepared("printf 'exit 0\\n' > check.sh\n", "");

        ToolResult r = implement();

        assertThat(r).isInstanceOf(ToolResult.Held.class);
        ToolResult.Held held = (ToolResult.Held) r;
        assertThat(held.files()).containsExactly("check.sh");
        assertThat(held.heldDiff())
                .contains("--- a/check.sh")
                .contains("+exit 0")
                .contains("-test -f hello.txt");
        assertThat(held.logs().getFirst()).contains("protected files (check.sh)");
        assertThat(workspace().resolve("check.sh")).hasContent("test -f hello.txt");
        assertThat(verify(true, false)).isInstanceOf(VerifyResult.Failed.class);
    }

    @Test
    void a_tool_that_edits_the_task_list_or_writes_artifacts_is_held_and_its_edit_taken_out() throws Exception {
        prepared("""
                echo hello > hello.txt
                sed -i '/criterion/d' tasks_list.md
                mkdir -p artifacts/1.1 && echo forged > artifacts/1.1/verdict.txt
                """, "");

        ToolResult.Held held = (ToolResult.Held) implement();

        assertThat(held.files()).containsExactly("artifacts/1.1/verdict.txt", TASKS);
        assertThat(workspace().resolve(TASKS)).content().contains("<criterion");
        assertThat(workspace().resolve("artifacts/1.1/verdict.txt")).doesNotExist();
        assertThat(workspace().resolve("hello.txt"))
                .as("the rest of the work stays")
                .exists();
    }

    @Test
    void a_protected_folder_turned_into_a_link_out_of_the_workspace_is_undone_and_nothing_outside_is_touched()
            throws Exception {
        Path outside = Files.createDirectories(temp.resolve("outside/workflows"));
        Files.writeString(outside.resolve("keep.yml"), "keep\n");
        prepared("echo hello > hello.txt\nln -s " + outside.getParent() + " .github\n", "");

        ToolResult.Held held = (ToolResult.Held) implement();

        assertThat(held.files()).containsExactly(".github/workflows");
        assertThat(workspace().resolve(".github")).doesNotExist();
        assertThat(outside.resolve("keep.yml")).hasContent("keep");
    }

    @Test
    void an_approved_change_is_put_back_by_release_and_counts_as_work() throws Exception {
        prepared("mkdir -p .github/workflows && echo 'on: push' > .github/workflows/ci.yml\n", "");
        assertThat(implement()).isInstanceOf(ToolResult.Held.class);
        assertThat(workspace().resolve(".github/workflows/ci.yml")).doesNotExist();

        var released = runner.release(new ReleaseRequest(WS, "1.1", "release-1"));

        assertThat(released.files()).containsExactly(".github/workflows/ci.yml");
        assertThat(workspace().resolve(".github/workflows/ci.yml")).hasContent("on: push");
        var approved = new ProtectedFiles(OWN.own(), List.of(), List.of(".github/workflows/ci.yml"));
        VerifyResult v = runner.verify(
                new VerifyRequest(WS, "1.1", List.of(), false, "v-approved", true, OWN.own(), approved, false));
        assertThat(v.failed()).extracting(f -> f.criterionKey()).doesNotContain("work.required");
    }

    @Test
    void a_change_confined_to_protected_files_is_not_work() throws Exception {
        prepared("true\n", "protect: [docs/**]\n");
        Files.createDirectories(workspace().resolve("docs"));
        Files.writeString(workspace().resolve("docs/notes.md"), "notes\n");
        Files.createDirectories(workspace().resolve(".github/workflows"));
        Files.writeString(workspace().resolve(".github/workflows/ci.yml"), "on: push\n");

        VerifyResult v = verify(true, false);

        assertThat(v.failed()).extracting(f -> f.criterionKey()).contains("work.required");
    }

    @Test
    void a_check_cannot_change_the_script_a_later_check_runs() throws Exception {
        prepared("echo hello > hello.txt\n", """
                checks:
                  test: [["sh", "first.sh"], ["sh", "second.sh"]]
                """);

        VerifyResult v = verify(false, false);

        assertThat(v).isInstanceOf(VerifyResult.Failed.class);
        assertThat(v.failed()).extracting(f -> f.criterionKey()).containsExactly("standard.test.2");
        assertThat(workspace().resolve("second.sh")).hasContent("exit 1");
    }

    @Test
    void a_risky_diff_is_named_by_file_and_rule_when_the_criteria_pass() throws Exception {
        prepared("""
                echo hello > hello.txt
                mkdir -p db/migrate && echo 'DROP TABLE users;' > db/migrate/001_drop.sql
                echo 'DELETE FROM orders;' > cleanup.sql
                echo 'key = "AKIAQWERTYUIOPASDFGH"' > settings.py
                head -n 2 big.txt > big.tmp && mv big.tmp big.txt
                """, "");
        assertThat(implement()).isInstanceOf(ToolResult.Changed.class);

        VerifyResult v = verify(true, true);

        assertThat(v).isInstanceOf(VerifyResult.Passed.class);
        VerifyResult.Passed passed = (VerifyResult.Passed) v;
        assertThat(passed.risks())
                .extracting(Risk::file, Risk::rule)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("big.txt", "deletion"),
                        org.assertj.core.groups.Tuple.tuple("cleanup.sql", "destructive-sql"),
                        org.assertj.core.groups.Tuple.tuple("db/migrate/001_drop.sql", "migration"),
                        org.assertj.core.groups.Tuple.tuple("db/migrate/001_drop.sql", "destructive-sql"),
                        org.assertj.core.groups.Tuple.tuple("settings.py", "credential"));
        assertThat(passed.risks().toString()).doesNotContain("AKIAQWERTYUIOPASDFGH");
        assertThat(passed.diffDigest()).hasSize(64);
    }

    @Test
    void risk_rules_can_be_turned_off_in_the_config() throws Exception {
        prepared(
                "echo hello > hello.txt\nmkdir -p db/migrate && echo 'DROP TABLE users;' > db/migrate/001.sql\n",
                "risk:\n  migrations: false\n  destructive_sql: false\n");
        implement();

        VerifyResult.Passed passed = (VerifyResult.Passed) verify(true, true);

        assertThat(passed.risks()).isEmpty();
    }

    private ToolResult implement() {
        return runner.implement(
                new ImplementRequest(WS, "1.1", "Add hello file", "", null, List.of(), List.of(), "impl-1", OWN));
    }

    private VerifyResult verify(boolean work, boolean risk) {
        return runner.verify(new VerifyRequest(
                WS,
                "1.1",
                List.<CriterionSpec>of(),
                true,
                "verify-" + work + risk + System.nanoTime(),
                work,
                OWN.own(),
                OWN,
                risk));
    }

    private Path workspace() {
        return temp.resolve("workspaces").resolve(WS);
    }

    /** A repository with a task list, a check script, a 30-line file and the agent, prepared as branch task/1.1. */
    private void prepared(String agent, String moreConfig) throws Exception {
        Path origin = Files.createDirectories(temp.resolve("origin"));
        try (Git git = Git.init()
                .setDirectory(origin.toFile())
                .setInitialBranch("main")
                .call()) {
            Files.writeString(origin.resolve(TASKS), """
                    # Shop
                    ## Phase 1 — Files
                    - 1.1 Add hello file
                      - <criterion key="files.hello" kind="test" check="file" args="hello.txt" />
                    """);
            Files.writeString(origin.resolve("agent.sh"), agent);
            Files.writeString(origin.resolve("check.sh"), "test -f hello.txt");
            Files.writeString(origin.resolve("first.sh"), "echo 'exit 0' > second.sh; exit 0");
            Files.writeString(origin.resolve("second.sh"), "exit 1");
            StringBuilder big = new StringBuilder();
            for (int i = 1; i <= 30; i++) {
                big.append("line ").append(i).append('\n');
            }
            Files.writeString(origin.resolve("big.txt"), big);
            String checks = moreConfig.contains("checks:") ? "" : "checks:\n  test: [[\"sh\", \"check.sh\"]]\n";
            Files.writeString(origin.resolve(".clarity.yml"), """
                    tools:
                      default: command
                      command: { command: ["sh", "agent.sh"] }
                    commands: [sh]
                    sandbox:
                      timeout: 30s
                    """ + checks + moreConfig);
            git.add().addFilepattern(".").call();
            PersonIdent ana = new PersonIdent("Ana", "ana@example.com");
            git.commit()
                    .setMessage("seed")
                    .setAuthor(ana)
                    .setCommitter(ana)
                    .setSign(false)
                    .call();
        }
        PrepResult prep = runner.prep(new PrepRequest(
                origin.toUri().toString(), WS, "1.1", "main", "task/1.1-add-hello-file", "prep-1", null));
        assertThat(prep).isInstanceOf(PrepResult.Ready.class);
    }
}
