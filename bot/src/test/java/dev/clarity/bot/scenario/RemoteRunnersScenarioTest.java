package dev.clarity.bot.scenario;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.bot.app.ClarityServer;
import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.orchestrator.ExecutionSnapshot;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.runner.app.RunnerAssembly;
import dev.clarity.runner.http.RunnerHttpServer;
import dev.clarity.runner.redaction.Redactor;
import dev.clarity.runner.sandbox.BubblewrapProbe;
import dev.clarity.runner.sandbox.SandboxResources;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import dev.clarity.vocabulary.Badge;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with {@code CLARITY_RUNNER_URLS}: two real runner services (the runner's HTTP server over its own
 * data directory and the process sandbox, each with one slot) in this JVM, and executions on several repositories
 * with a stand-in agent. Work is placed on runners with free slots and every step and file access of an execution
 * reaches the runner that holds its workspace.
 */
class RemoteRunnersScenarioTest {
    private static final String TOKEN = "runner-token-for-scenarios-0123";
    private static final Actor ANA = new Actor("ana", "cli");

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();
    private final List<AutoCloseable> open = new ArrayList<>();
    private ExecutorService executor;

    @BeforeEach
    void setUp() {
        assumeTrue(BubblewrapProbe.find(System.getenv("PATH")).isPresent(), "bubblewrap is not installed");
        IsolatedGitConfig.install();
        executor = Executors.newVirtualThreadPerTaskExecutor();
    }

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
        executor.shutdownNow();
    }

    @Test
    void executions_are_placed_on_runners_with_free_slots_and_stay_where_their_workspace_is() throws Exception {
        String a = startRunner("runner-a", TOKEN, 1);
        String b = startRunner("runner-b", TOKEN, 1);
        ClarityServer server = serve(a + "," + b, TOKEN);

        List<Long> executions = new ArrayList<>();
        for (String name : List.of("shop", "blog", "wiki", "docs")) {
            long project = project(server, name, repository(name));
            executions.add(start(server, project));
        }
        Map<Long, String> placedAtClaim = new HashMap<>();
        for (long id : executions) {
            ExecutionSnapshot end = await(server, id, s -> !s.badge().isRunning() && s.badge() != Badge.QUEUED);
            assertThat(end.badge()).as(lastEvent(server, id)).isEqualTo(Badge.COMPLETED);
            placedAtClaim.put(id, claimedOn(server, id));
        }

        Map<String, List<Instant[]>> busy = new HashMap<>();
        for (long id : executions) {
            var row = server.database()
                    .dsl()
                    .selectFrom(EXECUTIONS)
                    .where(EXECUTIONS.ID.eq(id))
                    .fetchSingle();
            String runner = row.getRunnerId();
            assertThat(runner).isIn(a, b);
            assertThat(placedAtClaim.get(id))
                    .as("the runner chosen at the claim is the runner recorded at the end")
                    .isEqualTo(runner);
            String ws = "execution-" + id;
            Path own = dir.resolve(runner.equals(a) ? "runner-a" : "runner-b").resolve("workspaces/" + ws);
            Path other = dir.resolve(runner.equals(a) ? "runner-b" : "runner-a").resolve("workspaces/" + ws);
            assertThat(own.resolve(".git"))
                    .as("the workspace lives on the runner of the execution")
                    .isDirectory();
            assertThat(own.resolve("hello.txt")).exists();
            assertThat(other).as("nothing of it reached the other runner").doesNotExist();
            busy.computeIfAbsent(runner, r -> new ArrayList<>()).add(new Instant[] {
                row.getStartedAt().toInstant(), row.getFinishedAt().toInstant()
            });
        }
        assertThat(busy).as("both runners got work").containsKeys(a, b);
        busy.forEach((runner, spans) -> {
            spans.sort((x, y) -> x[0].compareTo(y[0]));
            for (int i = 1; i < spans.size(); i++) {
                assertThat(spans.get(i)[0])
                        .as("an execution started on %s (one slot) only after the one before it there ended", runner)
                        .isAfterOrEqualTo(spans.get(i - 1)[1]);
            }
        });
        for (String name : List.of("shop", "blog", "wiki", "docs")) {
            try (Git origin = Git.open(dir.resolve("repos/" + name).toFile())) {
                assertThat(origin.branchList().call())
                        .extracting(r -> r.getName())
                        .contains("refs/heads/task/1.1.1-add-hello-file", "refs/heads/task/1.1.2-add-world-file");
            }
        }
    }

    @Test
    void after_a_restart_an_execution_goes_on_on_the_runner_that_holds_its_workspace() throws Exception {
        String a = startRunner("runner-a", TOKEN, 1);
        String b = startRunner("runner-b", TOKEN, 1);
        ClarityServer first = serve(a + "," + b, TOKEN);
        long project = project(first, "shop", repository("shop"));
        long id = ((ControlOutcome.Accepted) first.orchestration()
                        .controls()
                        .start(new StartRequest(project, ANA, "1.1.1", null, null, null, null)))
                .executionId();
        assertThat(await(first, id, s -> s.badge() == Badge.PAUSED).badge()).isEqualTo(Badge.PAUSED);
        String placed = first.orchestration().store().runnerOf(id).orElseThrow();
        String other = placed.equals(a) ? b : a;
        first.close();
        open.remove(first);

        // the other runner is listed first now, so a new placement would pick it
        ClarityServer second = serve(other + "," + placed, TOKEN);
        assertThat(second.orchestration().controls().resume(id, ANA)).isInstanceOf(ControlOutcome.Accepted.class);
        ExecutionSnapshot end = await(second, id, s -> !s.badge().isRunning() && s.badge() != Badge.PAUSED);

        assertThat(end.badge()).as(lastEvent(second, id)).isEqualTo(Badge.COMPLETED);
        assertThat(second.orchestration().store().runnerOf(id)).contains(placed);
        Path own = dir.resolve(placed.equals(a) ? "runner-a" : "runner-b").resolve("workspaces/execution-" + id);
        assertThat(own.resolve("hello.txt")).exists();
        assertThat(own.resolve("world.txt")).exists();
        assertThat(dir.resolve(placed.equals(a) ? "runner-b" : "runner-a").resolve("workspaces/execution-" + id))
                .doesNotExist();
    }

    @Test
    void a_runner_that_refuses_the_token_blocks_the_execution_with_a_reason_that_says_so() throws Exception {
        String a = startRunner("runner-a", TOKEN, 1);
        ClarityServer server = serve(a, "not-the-runners-token-0123456789");
        long id = start(server, project(server, "shop", repository("shop")));

        ExecutionSnapshot end = await(server, id, s -> s.badge() == Badge.BLOCKED);

        assertThat(lastEvent(server, id))
                .contains("the runner at " + a + " refused the token (401)")
                .contains("CLARITY_RUNNER_TOKEN")
                .contains("resume to run the step again")
                .doesNotContain("not-the-runners-token");
        assertThat(end.cursor().step().name()).isEqualTo("SELECT");
        assertThat(server.orchestration().store().runnerOf(id)).contains(a);
    }

    private String startRunner(String name, String token, int capacity) throws Exception {
        Path data = Files.createDirectories(dir.resolve(name));
        var sandbox = RunnerAssembly.sandbox(
                "process", Optional.empty(), SandboxResources.DEFAULT_IMAGE, data, executor, InstantSource.system());
        var runner = RunnerAssembly.localRunner(
                data, sandbox, Redactor.builtIn().with(List.of(token)), InstantSource.system(), executor, capacity);
        RunnerHttpServer server = RunnerHttpServer.start(runner, token, "127.0.0.1", 0, json);
        open.add(server);
        return "http://127.0.0.1:" + server.port();
    }

    private ClarityServer serve(String runnerUrls, String token) {
        Map<String, String> env = Map.of(
                EnvironmentConfig.DATA_DIR,
                dir.resolve("serve").toString(),
                EnvironmentConfig.RUNNER_URLS,
                runnerUrls,
                EnvironmentConfig.RUNNER_TOKEN,
                token,
                EnvironmentConfig.MAX_PARALLEL,
                "4");
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

    private long project(ClarityServer server, String name, Path origin) {
        var dsl = server.database().dsl();
        long customer = dsl.insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                .values(name, name)
                .returning(CUSTOMERS.ID)
                .fetchOne(CUSTOMERS.ID);
        return dsl.insertInto(
                        PROJECTS,
                        PROJECTS.CUSTOMER_ID,
                        PROJECTS.NAME,
                        PROJECTS.REPOSITORY,
                        PROJECTS.CLONE_URL,
                        PROJECTS.DEFAULT_BRANCH)
                .values(customer, name, "acme/" + name, origin.toUri().toString(), "main")
                .returning(PROJECTS.ID)
                .fetchOne(PROJECTS.ID);
    }

    private static long start(ClarityServer server, long project) {
        ControlOutcome o =
                server.orchestration().controls().start(new StartRequest(project, ANA, null, null, null, null, null));
        return ((ControlOutcome.Accepted) o).executionId();
    }

    /**
     * A repository on {@code main} with two items, a stand-in agent and a {@code .clarity.yml} that uses it and
     * configures a test command (an item on which no check ran is never done).
     */
    private Path repository(String name) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repos/" + name));
        try (Git git =
                Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("tasks_list.md"), """
                    # %s
                    ## Phase 1 — Files
                    - 1.1 Files
                      - 1.1.1 Add hello file
                      - 1.1.2 Add world file (Dependencies: 1.1.1)
                    """.formatted(name));
            Files.writeString(repo.resolve("agent.sh"), """
                    #!/bin/sh
                    case "$CLARITY_TASK_ID" in
                      1.1.1) echo hello > hello.txt ;;
                      1.1.2) echo world > world.txt ;;
                    esac
                    """);
            Files.writeString(repo.resolve(".clarity.yml"), """
                    tools:
                      default: command
                      command: { command: ["sh", "agent.sh"] }
                    commands: [sh]
                    checks:
                      test: [["sh", "-c", "test -f tasks_list.md"]]
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

    /** The runner named by the claim's event ("claimed by … on runner …"). */
    private static String claimedOn(ClarityServer server, long id) {
        return server.orchestration().store().events(id).stream()
                .map(e -> e.message())
                .filter(m -> m.startsWith("claimed by ") && m.contains(" on runner "))
                .map(m -> m.substring(m.indexOf(" on runner ") + " on runner ".length()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("execution " + id + " has no claim event naming a runner"));
    }

    private static String lastEvent(ClarityServer server, long id) {
        return server.orchestration().store().events(id).getLast().message();
    }

    /** Polls the database with a deadline: the runners and the orchestrator work on their own threads. */
    private static ExecutionSnapshot await(ClarityServer server, long id, Predicate<ExecutionSnapshot> condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        var store = server.orchestration().store();
        while (Instant.now().isBefore(deadline)) {
            ExecutionSnapshot s = store.find(id).orElseThrow();
            if (condition.test(s)) {
                return s;
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new AssertionError(
                "execution " + id + " did not get there: " + store.find(id).orElseThrow());
    }
}
