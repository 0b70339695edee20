package dev.clarity.bot.scenario;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.clarity.bot.app.ClarityServer;
import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.orchestrator.ExecutionEvent;
import dev.clarity.bot.orchestrator.ExecutionSnapshot;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.runner.sandbox.BubblewrapProbe;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.Step;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13's verdicts through the wired application: {@code serve} with the in-process runner and the process sandbox,
 * a repository on disk, and a stand-in tool (a shell script named by {@code .clarity.yml}) that grades itself in the
 * ways a tool can — rewriting the check's script, deleting a criterion, writing its own ✅ — or does risky work. The
 * item never gets ✅ for it: it is held for a person, and {@code approve} carries it on.
 */
class ProtectedFilesScenarioTest {
    private static final Actor ANA = new Actor("ana", "cli");
    private static final String PLAN = """
            # Shop
            ## Phase 1 — Files
            - 1.1 Files
              - 1.1.1 Add hello file
              - 1.1.B Verify correctness of Task 1.1
                - <criterion key="files.hello" kind="test" check="file" args="hello.txt" />
            """;

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void setUp() {
        assumeTrue(BubblewrapProbe.find(System.getenv("PATH")).isPresent(), "bubblewrap is not installed");
        IsolatedGitConfig.install();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    @Test
    void a_tool_that_rewrites_the_check_script_to_exit_0_never_gets_its_tick_and_is_held_naming_the_script()
            throws Exception {
        Path origin = repository("printf 'exit 0\\n' > check.sh\n");
        ClarityServer server = serve();
        long id = start(server, project(server, origin));

        ExecutionSnapshot held = await(server, id, ProtectedFilesScenarioTest::heldOrEnded);

        assertThat(held.cursor().taskId()).isEqualTo("1.1.1");
        assertThat(held.badge()).isEqualTo(Badge.BLOCKED);
        assertThat(messages(server, id))
                .anyMatch(m -> m.contains("held for approval") && m.contains("check.sh"))
                .anyMatch(m -> m.equals("+exit 0"))
                .noneMatch(m -> m.startsWith("criteria passed"));
        assertThat(workspace(id).resolve("check.sh")).hasContent("test -f hello.txt");
        assertThat(ticks(origin)).isZero();
    }

    @Test
    void a_tool_that_deletes_a_criterion_line_does_not_get_the_b_line_ticked_without_the_criterion_running()
            throws Exception {
        Path origin = repository("echo hello > hello.txt\nsed -i '/criterion/d' tasks_list.md\n");
        ClarityServer server = serve();
        long id = start(server, project(server, origin));

        ExecutionSnapshot held = await(server, id, ProtectedFilesScenarioTest::heldOrEnded);

        assertThat(held.cursor().taskId()).isEqualTo("1.1.1");
        assertThat(messages(server, id)).anyMatch(m -> m.contains("held for approval") && m.contains("tasks_list.md"));
        assertThat(workspace(id).resolve("tasks_list.md")).content().contains("key=\"files.hello\"");
        assertThat(ticks(origin)).isZero();
    }

    @Test
    void a_tool_that_writes_a_tick_into_the_task_list_itself_is_held() throws Exception {
        Path origin = repository("echo hello > hello.txt\nsed -i 's/- 1.1.1 Add/- ✅ 1.1.1 Add/' tasks_list.md\n");
        ClarityServer server = serve();
        long id = start(server, project(server, origin));

        await(server, id, ProtectedFilesScenarioTest::heldOrEnded);

        assertThat(messages(server, id)).anyMatch(m -> m.contains("held for approval") && m.contains("tasks_list.md"));
        assertThat(workspace(id).resolve("tasks_list.md")).content().doesNotContain("✅");
    }

    @Test
    void approve_after_a_protected_change_puts_it_back_and_the_item_completes() throws Exception {
        Path origin = repository("""
                echo hello > hello.txt
                mkdir -p .github/workflows && echo 'on: push' > .github/workflows/ci.yml
                """);
        ClarityServer server = serve();
        long id = start(server, project(server, origin));
        await(server, id, ProtectedFilesScenarioTest::heldOrEnded);
        assertThat(messages(server, id))
                .anyMatch(m -> m.contains("held for approval") && m.contains(".github/workflows/ci.yml"));

        assertThat(server.orchestration().controls().approve(id, "1.1.1", ANA))
                .isInstanceOf(ControlOutcome.Accepted.class);
        ExecutionSnapshot end =
                await(server, id, s -> !s.badge().isRunning() && s.cursor().step() != Step.HUMAN_REVIEW);

        assertThat(end.badge()).as(String.join("\n", messages(server, id))).isEqualTo(Badge.COMPLETED);
        assertThat(file(origin, "task/1.1.1-add-hello-file", ".github/workflows/ci.yml"))
                .contains("on: push");
    }

    @Test
    void a_migration_with_drop_table_holds_before_merge_and_approve_continues_to_merge() throws Exception {
        Path origin = repository("""
                echo hello > hello.txt
                mkdir -p db/migrate && echo 'DROP TABLE users;' > db/migrate/001_drop_users.sql
                """);
        ClarityServer server = serve();
        long id = start(server, project(server, origin));

        await(server, id, ProtectedFilesScenarioTest::heldOrEnded);
        assertThat(messages(server, id))
                .anyMatch(m -> m.contains("held for approval")
                        && m.contains("db/migrate/001_drop_users.sql (migration:")
                        && m.contains("db/migrate/001_drop_users.sql (destructive-sql: adds DROP TABLE)"));
        assertThat(branchExists(origin, "task/1.1.1-add-hello-file"))
                .as("nothing committed or pushed")
                .isFalse();

        server.orchestration().controls().approve(id, "1.1.1", ANA);
        ExecutionSnapshot end =
                await(server, id, s -> !s.badge().isRunning() && s.cursor().step() != Step.HUMAN_REVIEW);

        assertThat(end.badge()).as(String.join("\n", messages(server, id))).isEqualTo(Badge.COMPLETED);
        assertThat(file(origin, "task/1.1.1-add-hello-file", "db/migrate/001_drop_users.sql"))
                .contains("DROP TABLE");
    }

    @Test
    void an_aws_key_or_a_big_deletion_in_the_diff_holds_and_the_hold_survives_a_restart() throws Exception {
        Path origin = repository("""
                echo hello > hello.txt
                echo 'aws = "AKIAQWERTYUIOPASDFGH"' > settings.py
                head -n 2 big.txt > big.tmp && mv big.tmp big.txt
                """);
        ClarityServer first = serve();
        long id = start(first, project(first, origin));
        await(first, id, ProtectedFilesScenarioTest::heldOrEnded);
        assertThat(messages(first, id))
                .anyMatch(m -> m.contains("held for approval")
                        && m.contains("settings.py (credential: adds a credential)")
                        && m.contains("big.txt (deletion: deletes 28 of its 30 lines"))
                .noneMatch(m -> m.contains("AKIAQWERTYUIOPASDFGH"));
        first.close();
        open.remove(first);

        ClarityServer second = serve();
        assertThat(second.orchestration().controls().approve(id, "1.1.1", ANA))
                .isInstanceOf(ControlOutcome.Accepted.class);
        ExecutionSnapshot end =
                await(second, id, s -> !s.badge().isRunning() && s.cursor().step() != Step.HUMAN_REVIEW);

        assertThat(end.badge()).as(String.join("\n", messages(second, id))).isEqualTo(Badge.COMPLETED);
        assertThat(messages(second, id).stream().filter(m -> m.contains("held for approval")))
                .as("the approved diff is not held again")
                .hasSize(1);
    }

    private ClarityServer serve() {
        Map<String, String> env = Map.of(
                EnvironmentConfig.DATA_DIR, dir.resolve("serve").toString(),
                EnvironmentConfig.SANDBOX, "process",
                EnvironmentConfig.MAX_PARALLEL, "2");
        ClarityConfig c = EnvironmentConfig.load(env, dir);
        ClarityConfig config = new ClarityConfig(
                c.database(),
                c.dataDir(),
                0,
                c.logFormat(),
                c.github(),
                c.publicUrl(),
                c.runner(),
                c.sandbox(),
                c.dockerHost(),
                c.maxParallel());
        ClarityServer server = ClarityServer.start(config, "127.0.0.1", InstantSource.system());
        open.add(server);
        return server;
    }

    private long project(ClarityServer server, Path origin) {
        var dsl = server.database().dsl();
        long customer = dsl.insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                .values("acme", "acme")
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
        return dsl.insertInto(
                        PROJECTS,
                        PROJECTS.CUSTOMER_ID,
                        PROJECTS.NAME,
                        PROJECTS.REPOSITORY,
                        PROJECTS.CLONE_URL,
                        PROJECTS.DEFAULT_BRANCH)
                .values(customer, "shop", "acme/shop", origin.toUri().toString(), "main")
                .returning(PROJECTS.ID)
                .fetchOne(PROJECTS.ID);
    }

    private static long start(ClarityServer server, long project) {
        ControlOutcome o =
                server.orchestration().controls().start(new StartRequest(project, ANA, null, null, null, null, null));
        return ((ControlOutcome.Accepted) o).executionId();
    }

    /** The plan, the stand-in agent, a check script that needs hello.txt, and a 30-line file. */
    private Path repository(String agent) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("origin"));
        try (Git git =
                Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("tasks_list.md"), PLAN);
            Files.writeString(
                    repo.resolve("agent.sh"),
                    "#!/bin/sh\ncase \"$CLARITY_TASK_ID\" in\n  1.1.1)\n" + agent + "  ;;\nesac\n");
            Files.writeString(repo.resolve("check.sh"), "test -f hello.txt");
            StringBuilder big = new StringBuilder();
            for (int i = 1; i <= 30; i++) {
                big.append("line ").append(i).append('\n');
            }
            Files.writeString(repo.resolve("big.txt"), big);
            Files.writeString(repo.resolve(".clarity.yml"), """
                    tools:
                      default: command
                      command: { command: ["sh", "agent.sh"] }
                    commands: [sh]
                    checks:
                      test: [["sh", "check.sh"]]
                    """);
            git.add().addFilepattern(".").call();
            PersonIdent ident = new PersonIdent("Planner", "planner@example.com");
            git.commit()
                    .setMessage("Plan")
                    .setAuthor(ident)
                    .setCommitter(ident)
                    .setSign(false)
                    .call();
        }
        return repo;
    }

    private Path workspace(long id) {
        return dir.resolve("serve/workspaces/execution-" + id);
    }

    /** How many items the origin's branches mark done (✅ in any branch's task list). */
    private static long ticks(Path origin) throws Exception {
        long n = 0;
        try (Git git = Git.open(origin.toFile())) {
            for (var ref : git.branchList().call()) {
                String list = file(origin, ref.getName(), "tasks_list.md");
                n += list.lines().filter(l -> l.contains("✅")).count();
            }
        }
        return n;
    }

    private static boolean branchExists(Path origin, String branch) throws Exception {
        try (Git git = Git.open(origin.toFile())) {
            return git.getRepository().resolve("refs/heads/" + branch) != null;
        }
    }

    private static String file(Path origin, String branch, String path) throws Exception {
        try (Git git = Git.open(origin.toFile())) {
            Repository repo = git.getRepository();
            ObjectId head = repo.resolve(branch.startsWith("refs/") ? branch : "refs/heads/" + branch);
            assertThat(head).as("branch " + branch).isNotNull();
            try (RevWalk walk = new RevWalk(repo);
                    TreeWalk tree =
                            TreeWalk.forPath(repo, path, walk.parseCommit(head).getTree())) {
                return tree == null
                        ? ""
                        : new String(repo.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static List<String> messages(ClarityServer server, long id) {
        return server.orchestration().store().events(id).stream()
                .map(ExecutionEvent::message)
                .toList();
    }

    /** In human review, or ended (so that a run that is never held fails the test at once rather than at the deadline). */
    private static boolean heldOrEnded(ExecutionSnapshot s) {
        return s.cursor().step() == Step.HUMAN_REVIEW || s.badge().isTerminal();
    }

    /** Polls the database with a deadline: the orchestrator and the runner work on their own threads. */
    private static ExecutionSnapshot await(ClarityServer server, long id, Predicate<ExecutionSnapshot> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        var store = server.orchestration().store();
        while (Instant.now().isBefore(deadline)) {
            Optional<ExecutionSnapshot> s = store.find(id);
            if (s.isPresent() && condition.test(s.get())) {
                return s.get();
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new AssertionError("execution " + id + " did not get there: "
                + store.find(id).orElseThrow() + "\n" + String.join("\n", messages(server, id)));
    }
}
