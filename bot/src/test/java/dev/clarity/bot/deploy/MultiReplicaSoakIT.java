package dev.clarity.bot.deploy;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.EXECUTIONS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clarity.bot.app.Json;
import dev.clarity.bot.github.TestKeys;
import dev.clarity.bot.orchestrator.EventChain;
import dev.clarity.bot.orchestrator.ExecutionSnapshot;
import dev.clarity.bot.orchestrator.JooqExecutionStore;
import dev.clarity.bot.webhook.WebhookSignature;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import dev.clarity.testkit.git.SmartHttpGitServer;
import dev.clarity.testkit.github.FakeGitHub;
import dev.clarity.testkit.github.Fixtures;
import dev.clarity.vocabulary.Badge;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many replicas, one truth: two {@code clarity serve} processes and two {@code clarity runner} processes (the
 * packaged jar) on one PostgreSQL started by the test, GitHub and git servers in this JVM. Twenty executions across
 * four customers; one serve and one runner are killed with SIGKILL mid-way and started again. Every execution must
 * end completed, with exactly one commit, ✅, outcome entry, pull request and check run per item, and intact event
 * chains.
 */
class MultiReplicaSoakIT {
    private static final Path JAR = Path.of("target", "clarity.jar").toAbsolutePath();
    private static final String SECRET = "soak-webhook-secret";
    private static final String RUNNER_TOKEN = "soak-runner-token-0123456789";
    private static final long APP_ID = 4242;
    private static final int CUSTOMERS_COUNT = 4;
    private static final int REPOSITORIES_EACH = 5;
    private static final String LOGIN = "Codertocat";
    private static final List<String> ITEMS = List.of("1.1.1", "1.1.2");

    @Test
    void two_serves_and_two_runners_on_one_database_survive_a_kill_of_each_with_no_duplicate_writes(@TempDir Path dir)
            throws Exception {
        IsolatedGitConfig.install();
        long started = System.nanoTime();
        List<Process> all = new ArrayList<>();
        try (Database db = Database.open(new DatabaseLocation.Embedded(dir.resolve("pg"), false), 4, null);
                FakeGitHub github = FakeGitHub.start(APP_ID);
                SmartHttpGitServer git = SmartHttpGitServer.start(Files.createDirectories(dir.resolve("git")))
                        .acceptTokens(github::issued)) {
            String databaseUrl = "postgresql://postgres:"
                    + ((DatabaseLocation.Embedded) db.location()).password().orElseThrow() + "@127.0.0.1:"
                    + db.embeddedPort().orElseThrow() + "/postgres";
            List<Repo> repos = repositories(db, github, git, dir);

            int[] runnerPorts = {freePort(), freePort()};
            List<String> runnerUrls = new ArrayList<>();
            Process[] runners = new Process[2];
            for (int i = 0; i < 2; i++) {
                runners[i] = runner(dir, i, runnerPorts[i]);
                all.add(runners[i]);
                runnerUrls.add("http://127.0.0.1:" + runnerPorts[i]);
            }
            for (int i = 0; i < 2; i++) {
                awaitHealthy(runnerPorts[i], runners[i], "runner " + i);
            }
            Map<String, String> serveEnv = new HashMap<>(Map.of(
                    "CLARITY_DATABASE_URL", databaseUrl,
                    "GITHUB_APP_ID", Long.toString(APP_ID),
                    "GITHUB_PRIVATE_KEY", TestKeys.pkcs8(),
                    "GITHUB_WEBHOOK_SECRET", SECRET,
                    "GITHUB_API_URL", github.apiUrl().toString(),
                    "CLARITY_RUNNER_URLS", String.join(",", runnerUrls),
                    "CLARITY_RUNNER_TOKEN", RUNNER_TOKEN));
            int[] servePorts = {freePort(), freePort()};
            Process[] serves = new Process[2];
            for (int i = 0; i < 2; i++) { // one after the other: the first start creates the admin account
                serves[i] = serve(dir, i, servePorts[i], serveEnv);
                all.add(serves[i]);
                awaitHealthy(servePorts[i], serves[i], "serve " + i);
            }

            for (int i = 0; i < repos.size(); i++) {
                HttpResponse<String> answer = comment(servePorts[i % 2], repos.get(i), "/clarity run", 5000 + i);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            }
            JooqExecutionStore store = new JooqExecutionStore(db.dsl(), InstantSource.system());
            await(
                    () -> ended(db, store) >= 4,
                    Duration.ofMinutes(4),
                    () -> "four executions to end: " + badges(db, store));

            serves[0].destroyForcibly().waitFor();
            runners[1].destroyForcibly().waitFor();
            int kills = 2;
            runners[1] = runner(dir, 1, runnerPorts[1]);
            all.add(runners[1]);
            serves[0] = serve(dir, 0, servePorts[0], serveEnv);
            all.add(serves[0]);

            await(
                    () -> ended(db, store) == repos.size(),
                    Duration.ofMinutes(6),
                    () -> "every execution to end: " + badges(db, store));
            // A step the killed runner was running blocks its execution with a sentence naming that runner and
            // asking for a resume (nothing is retried behind a person's back); a person's /clarity resume finishes it.
            List<Repo> blocked = new ArrayList<>();
            for (Repo repo : repos) {
                long id = execution(db, repo);
                if (store.find(id).orElseThrow().badge() == Badge.BLOCKED) {
                    assertThat(store.events(id).getLast().message())
                            .as(repo.fullName() + " blocked")
                            .contains(runnerUrls.get(1))
                            .contains("resume");
                    blocked.add(repo);
                }
            }
            for (int i = 0; i < blocked.size(); i++) {
                HttpResponse<String> answer = comment(servePorts[1], blocked.get(i), "/clarity resume", 6000 + i);
                assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            }
            await(
                    () -> blocked.stream()
                                    .allMatch(r -> store.find(execution(db, r))
                                                    .orElseThrow()
                                                    .badge()
                                            != Badge.BLOCKED)
                            && ended(db, store) == repos.size(),
                    Duration.ofMinutes(4),
                    () -> "the resumed executions to end: " + badges(db, store));
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            int duplicates = 0;
            for (Repo repo : repos) {
                duplicates += check(repo, github, git, db, store);
            }
            System.out.printf(
                    "MultiReplicaSoakIT: %d executions over %d customers on 2 serve and 2 runner processes, %d kills"
                            + " (SIGKILL), %d blocked by the killed runner and resumed, duplicates = %d, %d s%n",
                    repos.size(), CUSTOMERS_COUNT, kills, blocked.size(), duplicates, took.toSeconds());
            assertThat(duplicates).isZero();
        } finally {
            for (Process p : all) {
                p.destroyForcibly();
            }
            for (Process p : all) {
                p.waitFor();
            }
            // kept for reading after a failure: what each process printed
            Path logs = Files.createDirectories(Path.of("target", "soak-logs"));
            try (var files = Files.list(dir)) {
                for (Path log : files.filter(f -> f.toString().endsWith(".log")).toList()) {
                    Files.copy(log, logs.resolve(log.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    record Repo(String fullName, long installation, long repositoryId, String gitName) {}

    private static List<Repo> repositories(Database db, FakeGitHub github, SmartHttpGitServer git, Path dir)
            throws Exception {
        List<Repo> repos = new ArrayList<>();
        for (int c = 1; c <= CUSTOMERS_COUNT; c++) {
            String owner = "customer" + c;
            long customer = db.dsl()
                    .insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                    .values("Customer " + c, owner)
                    .returning(CUSTOMERS.ID)
                    .fetchOne(CUSTOMERS.ID);
            List<String> names = new ArrayList<>();
            for (int r = 1; r <= REPOSITORIES_EACH; r++) {
                String gitName = owner + "-shop" + r;
                Repo repo = new Repo(owner + "/shop" + r, 100 + c, 1000 * c + r, gitName);
                URI origin = git.createRepository(gitName, "main");
                seed(dir.resolve("seed").resolve(gitName), origin, git.token());
                db.dsl()
                        .insertInto(
                                PROJECTS,
                                PROJECTS.CUSTOMER_ID,
                                PROJECTS.NAME,
                                PROJECTS.REPOSITORY,
                                PROJECTS.CLONE_URL,
                                PROJECTS.INSTALLATION_ID,
                                PROJECTS.DEFAULT_BRANCH)
                        .values(customer, "Shop " + r, repo.fullName(), origin.toString(), repo.installation(), "main")
                        .execute();
                github.permission(repo.fullName(), LOGIN, "write");
                names.add(repo.fullName());
                repos.add(repo);
            }
            github.installation(100 + c, names.toArray(String[]::new));
        }
        return repos;
    }

    /** Counts what appears more than once for this repository, and checks the execution ended completed. */
    private static int check(
            Repo repo, FakeGitHub github, SmartHttpGitServer git, Database db, JooqExecutionStore store)
            throws Exception {
        long id = execution(db, repo);
        ExecutionSnapshot end = store.find(id).orElseThrow();
        var events = store.events(id);
        assertThat(end.badge())
                .as(repo.fullName() + ": "
                        + events.subList(Math.max(0, events.size() - 8), events.size()).stream()
                                .map(e -> e.taskId() + " " + e.step() + " " + e.message())
                                .toList())
                .isEqualTo(Badge.COMPLETED);
        assertThat(store.verify(id)).as(repo.fullName()).isInstanceOf(EventChain.Verdict.Intact.class);

        int duplicates = 0;
        List<String> pulls = github.pulls(repo.fullName()).stream()
                .map(p -> p.path("head").path("ref").asText())
                .toList();
        duplicates += pulls.size() - (int) pulls.stream().distinct().count();
        assertThat(pulls.stream().distinct().count())
                .as(repo.fullName() + " pull requests")
                .isEqualTo(ITEMS.size());
        // one check run per item, and the execution's own one per commit it ended on (a block, then the end)
        List<String> checks = github.checkRuns(repo.fullName()).stream()
                .map(c -> c.path("name").asText() + "@" + c.path("head_sha").asText())
                .toList();
        duplicates += checks.size() - (int) checks.stream().distinct().count();
        assertThat(checks).as(repo.fullName() + " check runs").doesNotHaveDuplicates();
        for (String item : ITEMS) {
            assertThat(checks.stream().filter(c -> c.startsWith("Clarity " + item + "@")))
                    .as(repo.fullName() + " check runs of " + item + " among " + checks)
                    .hasSize(1);
        }

        try (Git bare = Git.open(git.repositoryDirectory(repo.gitName()).toFile())) {
            String last = "refs/heads/task/1.1.2-add-world-file";
            List<String> messages = new ArrayList<>();
            for (RevCommit c :
                    bare.log().add(bare.getRepository().resolve(last)).call()) {
                messages.add(c.getShortMessage());
            }
            for (String item : ITEMS) {
                long n = messages.stream().filter(m -> m.contains(item)).count();
                duplicates += (int) Math.max(0, n - 1);
                assertThat(n)
                        .as(repo.fullName() + " commits for " + item + ": " + messages)
                        .isEqualTo(1);
            }
            String list = file(bare, last, "tasks_list.md");
            for (String line : list.split("\n")) {
                duplicates += Math.max(0, count(line, "✅") - 1);
            }
            for (String item : ITEMS) {
                String line = list.lines()
                        .filter(l -> l.strip().startsWith("- " + item + " "))
                        .findFirst()
                        .orElseThrow();
                assertThat(count(line, "✅"))
                        .as(repo.fullName() + " ✅ in " + line)
                        .isEqualTo(1);
            }
            String outcomes = file(bare, last, "task_outcomes.md");
            for (String item : ITEMS) {
                int n = count(outcomes, "## " + item);
                duplicates += Math.max(0, n - 1);
                assertThat(n)
                        .as(repo.fullName() + " outcome entries for " + item + ":\n" + outcomes)
                        .isEqualTo(1);
            }
        }
        return duplicates;
    }

    private static long execution(Database db, Repo repo) {
        return db.dsl()
                .select(EXECUTIONS.ID)
                .from(EXECUTIONS)
                .join(PROJECTS)
                .on(PROJECTS.ID.eq(EXECUTIONS.PROJECT_ID))
                .where(PROJECTS.REPOSITORY.eq(repo.fullName()))
                .fetchSingle(EXECUTIONS.ID);
    }

    private static String file(Git bare, String ref, String path) throws IOException {
        var repository = bare.getRepository();
        try (var walk = new org.eclipse.jgit.revwalk.RevWalk(repository)) {
            RevCommit commit = walk.parseCommit(repository.resolve(ref));
            try (var tree = org.eclipse.jgit.treewalk.TreeWalk.forPath(repository, path, commit.getTree())) {
                if (tree == null) {
                    return "";
                }
                return new String(repository.open(tree.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
            }
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + what.length())) {
            n++;
        }
        return n;
    }

    private static long ended(Database db, JooqExecutionStore store) {
        return db.dsl().select(EXECUTIONS.ID).from(EXECUTIONS).fetch(EXECUTIONS.ID).stream()
                .map(id -> store.find(id).orElseThrow().badge())
                .filter(b -> !b.isRunning() && b != Badge.QUEUED)
                .count();
    }

    private static String badges(Database db, JooqExecutionStore store) {
        return db.dsl().select(EXECUTIONS.ID).from(EXECUTIONS).fetch(EXECUTIONS.ID).stream()
                .map(id -> id + "=" + store.find(id).orElseThrow().badge())
                .toList()
                .toString();
    }

    private static Process runner(Path dir, int i, int port) throws IOException {
        return start(
                dir,
                "runner-" + i,
                List.of("runner", "--port", Integer.toString(port)),
                Map.of("CLARITY_RUNNER_TOKEN", RUNNER_TOKEN));
    }

    private static Process serve(Path dir, int i, int port, Map<String, String> env) throws IOException {
        Map<String, String> e = new HashMap<>(env);
        e.put("CLARITY_PORT", Integer.toString(port));
        return start(dir, "serve-" + i, List.of("serve"), e);
    }

    /** The packaged jar as a user starts it, its own data directory and home, output appended to a log. */
    private static Process start(Path dir, String name, List<String> args, Map<String, String> env) throws IOException {
        Path home = Files.createDirectories(dir.resolve(name + "-home"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.home=" + home,
                "-Xmx384m",
                // four JVMs share the test machine's cores: the C1 compiler alone and one GC thread keep their
                // warm-up from starving each other (they run for minutes, not hours)
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-jar",
                JAR.toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve(name + ".log").toFile()));
        builder.environment().keySet().removeIf(k -> k.startsWith("CLARITY_") || k.startsWith("GITHUB_"));
        builder.environment().putAll(env);
        builder.environment().put("HOME", home.toString());
        builder.environment()
                .put("CLARITY_DATA_DIR", dir.resolve(name + "-data").toString());
        builder.environment().put("CLARITY_SANDBOX", "process");
        return builder.start();
    }

    private static void awaitHealthy(int port, Process process, String name) {
        HttpClient http = HttpClient.newHttpClient();
        await(
                () -> {
                    if (!process.isAlive()) {
                        throw new AssertionError(name + " exited with " + process.exitValue());
                    }
                    try {
                        return http.send(
                                                HttpRequest.newBuilder(
                                                                URI.create("http://127.0.0.1:" + port + "/healthz"))
                                                        .build(),
                                                HttpResponse.BodyHandlers.discarding())
                                        .statusCode()
                                == 200;
                    } catch (IOException e) {
                        return false;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                    }
                },
                Duration.ofMinutes(3),
                () -> name + " to answer /healthz");
    }

    private static HttpResponse<String> comment(int port, Repo repo, String text, long commentId) throws Exception {
        ObjectNode payload =
                (ObjectNode) Json.mapper().readTree(Fixtures.webhook("issue_comment.created.with-installation.json"));
        String[] parts = repo.fullName().split("/");
        ObjectNode repository = (ObjectNode) payload.path("repository");
        repository.put("full_name", repo.fullName()).put("name", parts[1]).put("id", repo.repositoryId());
        repository.put("default_branch", "main");
        ((ObjectNode) repository.path("owner")).put("login", parts[0]);
        ((ObjectNode) payload.path("installation")).put("id", repo.installation());
        ((ObjectNode) payload.path("comment")).put("body", text).put("id", commentId);
        byte[] body = Json.mapper().writeValueAsBytes(payload);
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/github"))
                                .header("Content-Type", "application/json")
                                .header("X-GitHub-Event", "issue_comment")
                                .header("X-GitHub-Delivery", UUID.randomUUID().toString())
                                .header("X-Hub-Signature-256", new WebhookSignature(SECRET).sign(body))
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }

    private static void seed(Path work, URI origin, String token) throws Exception {
        try (Git g =
                Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            Files.writeString(work.resolve("tasks_list.md"), """
                    # Shop
                    ## Phase 1 — Files
                    - 1.1 Files
                      - 1.1.1 Add hello file
                      - 1.1.2 Add world file (Dependencies: 1.1.1)
                    """);
            Files.writeString(work.resolve("agent.sh"), """
                    #!/bin/sh
                    case "$CLARITY_TASK_ID" in
                      1.1.1) echo hello > hello.txt ;;
                      1.1.2) echo world > world.txt ;;
                    esac
                    """);
            Files.writeString(work.resolve(".clarity.yml"), """
                    tools:
                      default: command
                      command: { command: ["sh", "agent.sh"] }
                    commands: [sh]
                    checks:
                      test: [["sh", "-c", "test -f tasks_list.md"]]
                    """);
            g.add().addFilepattern(".").call();
            PersonIdent ident = new PersonIdent("Planner", "planner@example.com");
            g.commit()
                    .setMessage("Plan")
                    .setAuthor(ident)
                    .setCommitter(ident)
                    .setSign(false)
                    .call();
            g.push()
                    .setRemote(origin.toString())
                    .add("main")
                    .setCredentialsProvider(new UsernamePasswordCredentialsProvider(SmartHttpGitServer.USERNAME, token))
                    .call();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Polls {@code condition} until it holds or {@code limit} passes (the processes report nothing to wait on). */
    private static void await(BooleanSupplier condition, Duration limit, java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + limit.toSeconds() + " s for " + what.get());
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
    }
}
