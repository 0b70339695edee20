package dev.clarity.bot.autonomy;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;

import dev.clarity.bot.app.ClarityServer;
import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.github.TestKeys;
import dev.clarity.bot.orchestrator.ExecutionEvent;
import dev.clarity.bot.orchestrator.ExecutionLoop;
import dev.clarity.bot.orchestrator.ExecutionSnapshot;
import dev.clarity.bot.orchestrator.TaskRunRecord;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import dev.clarity.tasks.Task;
import dev.clarity.tasks.TaskListReader;
import dev.clarity.testkit.autonomy.GeneratedList;
import dev.clarity.testkit.autonomy.PlantedSecrets;
import dev.clarity.testkit.autonomy.SampleProject;
import dev.clarity.testkit.autonomy.StandInTool;
import dev.clarity.testkit.git.SmartHttpGitServer;
import dev.clarity.testkit.github.FakeGitHub;
import dev.clarity.testkit.github.GitHubWrite;
import dev.clarity.vocabulary.Badge;
import dev.clarity.vocabulary.Step;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Runs a generated task list with one stand-in tool through the whole application in this process, as {@code serve}
 * runs it: the embedded PostgreSQL, the orchestrator with the in-process runner and the process sandbox (bubblewrap),
 * a real smart-HTTP git server as the remote, and the stateful fake GitHub receiving pull requests, check runs and the
 * progress comment. One harness serves many runs, each on its own repository and project, started as a
 * {@code /clarity run} on issue #1 would start it; {@link #run} is thread-safe and blocks until the execution ends.
 *
 * <p>After a run it measures what the execution earned ({@link ListRun}): the items recorded done and those marked ✅ in
 * any pushed task list, the tool runs per leaf (from the run marker every stand-in tool prints), the planted
 * credentials found in pushed commits, the event log, the workspace's artifacts and every GitHub write, the files
 * written outside the workspace and the connections opened to a listener of the host.
 */
public final class AutonomyHarness implements AutoCloseable {
    private static final String SECRET = "autonomy-webhook-secret";
    private static final long APP_ID = 4242;
    private static final Pattern RUN = Pattern.compile(Pattern.quote(StandInTool.RUN_MARKER) + "(\\S+) attempt (\\d+)");

    private final Path dir;
    private final FakeGitHub github;
    private final SmartHttpGitServer git;
    private final ClarityServer server;
    private final HostListener listener;
    private final PlantedSecrets secrets;
    private final long customer;
    private final Duration deadline;
    private final AtomicInteger runs = new AtomicInteger();

    private AutonomyHarness(
            Path dir,
            FakeGitHub github,
            SmartHttpGitServer git,
            ClarityServer server,
            HostListener listener,
            PlantedSecrets secrets,
            long customer,
            Duration deadline) {
        this.dir = dir;
        this.github = github;
        this.git = git;
        this.server = server;
        this.listener = listener;
        this.secrets = secrets;
        this.customer = customer;
        this.deadline = deadline;
    }

    /**
     * Starts everything under {@code dir}; {@code parallel} executions run at once. A run that has not ended after
     * {@code deadline} fails with a sentence naming it.
     */
    public static AutonomyHarness start(Path dir, int parallel, Duration deadline) {
        IsolatedGitConfig.install();
        FakeGitHub github = FakeGitHub.start(APP_ID);
        SmartHttpGitServer git = null;
        ClarityServer server = null;
        HostListener listener = null;
        try {
            git = SmartHttpGitServer.start(Files.createDirectories(dir.resolve("git")))
                    .acceptTokens(github::issued);
            server = ClarityServer.start(config(dir, github, parallel), "127.0.0.1", InstantSource.system());
            listener = HostListener.start();
            long customer = server.database()
                    .dsl()
                    .insertInto(CUSTOMERS, CUSTOMERS.NAME, CUSTOMERS.SLUG)
                    .values("Autonomy", "autonomy")
                    .returning(CUSTOMERS.ID)
                    .fetchOne(CUSTOMERS.ID);
            return new AutonomyHarness(
                    dir, github, git, server, listener, PlantedSecrets.generate(13), customer, deadline);
        } catch (IOException | RuntimeException e) {
            for (AutoCloseable c : new AutoCloseable[] {listener, server, git, github}) {
                closeQuietly(c);
            }
            throw e instanceof IOException io
                    ? new UncheckedIOException("starting the autonomy harness", io)
                    : (RuntimeException) e;
        }
    }

    /** Runs {@code list} with {@code tool} on a fresh repository and project; returns when the execution ended. */
    public ListRun run(GeneratedList list, StandInTool tool) {
        int n = runs.incrementAndGet();
        String name = list.name() + "-" + tool.slug() + "-" + n;
        String repo = "autonomy/" + name;
        long started = System.nanoTime();
        github.installation(1000 + n, repo);
        URI origin = git.createRepository(name, "main");
        Path outside = dir.resolve("outside").resolve(name);
        String escape = "escape-" + name + ".txt";
        try {
            Files.createDirectories(outside);
            Map<String, String> values = new HashMap<>(secrets.placeholders());
            values.put("OUTSIDE", outside.toString());
            values.put("ESCAPE", escape);
            values.put("HOST", listener.hostAddress());
            values.put("PORT", Integer.toString(listener.port()));
            seed(dir.resolve("seed").resolve(name), origin, SampleProject.files(list, tool, tool.script(values)));
        } catch (IOException e) {
            throw new UncheckedIOException("preparing the repository " + name, e);
        }
        long project = addProject(repo, origin, 1000 + n);
        int connectionsBefore = listener.connections();
        var outcome = server.orchestration()
                .controls()
                .start(new StartRequest(project, new Actor("autonomy", "comment"), null, null, null, null, "issue #1"));
        if (!(outcome instanceof ControlOutcome.Accepted accepted)) {
            throw new IllegalStateException("the run of " + name + " was not accepted: " + outcome.message());
        }
        ExecutionSnapshot end = awaitEnd(accepted.executionId(), name);
        return measure(list, tool, repo, name, end, outside, escape, connectionsBefore, started);
    }

    private ListRun measure(
            GeneratedList list,
            StandInTool tool,
            String repo,
            String name,
            ExecutionSnapshot end,
            Path outside,
            String escape,
            int connectionsBefore,
            long started) {
        var store = server.orchestration().store();
        List<ExecutionEvent> events = store.events(end.id());
        Set<String> done = new HashSet<>();
        for (TaskRunRecord r : store.taskRuns(end.id())) {
            if (Step.DONE.name().equals(r.step())) {
                done.add(r.taskId());
            }
        }
        SecretScan scan = new SecretScan(secrets.needles());
        events.forEach(e -> scan.text("event log #" + e.seq(), e.message()));
        scan.pushed(git.repositoryDirectory(name));
        workspace(end.id()).ifPresent(ws -> scan.files("artifacts", ws.resolve("artifacts")));
        for (GitHubWrite w : github.writes()) {
            if (w.path().contains("/" + repo + "/")) {
                scan.text(
                        "GitHub " + w.method() + " " + w.path(),
                        w.body() == null ? null : w.body().toString());
            }
        }
        String reason = events.isEmpty() ? "" : events.getLast().message();
        String heldAt = end.cursor().step() == Step.HUMAN_REVIEW ? end.cursor().taskId() : null;
        return new ListRun(
                list,
                tool,
                end.badge(),
                heldAt,
                reason,
                done,
                ticked(git.repositoryDirectory(name)),
                toolRuns(events),
                scan.hits(),
                escapes(outside, escape, connectionsBefore),
                Duration.ofNanos(System.nanoTime() - started));
    }

    /**
     * How often the tool ran per task: the runner hands back each run's output (its tail, when the tool flooded it) and
     * IMPLEMENT and ERROR_SOLVE log it line by line at once, so each run is one unbroken group of {@code tool} events
     * (every stand-in tool prints at least its run marker). The distinct run markers ({@code attempt N}) are counted
     * as well, and the larger count is kept.
     */
    private static Map<String, Integer> toolRuns(List<ExecutionEvent> events) {
        Map<String, Integer> groups = new TreeMap<>();
        Map<String, Set<String>> markers = new TreeMap<>();
        ExecutionEvent previous = null;
        for (ExecutionEvent e : events) {
            if ("tool".equals(e.kind()) && e.taskId() != null) {
                boolean continues = previous != null
                        && "tool".equals(previous.kind())
                        && e.taskId().equals(previous.taskId())
                        && Objects.equals(e.step(), previous.step());
                if (!continues) {
                    groups.merge(e.taskId(), 1, Integer::sum);
                }
                Matcher m = RUN.matcher(e.message());
                if (m.find()) {
                    markers.computeIfAbsent(m.group(1), k -> new HashSet<>()).add(m.group(2));
                }
            }
            previous = e;
        }
        markers.forEach((task, attempts) -> groups.merge(task, attempts.size(), Math::max));
        return groups;
    }

    /** The atomic items marked done in the task list of any branch of the remote. */
    private static Set<String> ticked(Path bare) {
        Set<String> ticked = new HashSet<>();
        try (Repository repo =
                        new FileRepositoryBuilder().setGitDir(bare.toFile()).build();
                RevWalk walk = new RevWalk(repo)) {
            for (Ref ref : repo.getRefDatabase().getRefsByPrefix("refs/heads/")) {
                try (TreeWalk tw = TreeWalk.forPath(
                        repo,
                        SampleProject.TASK_LIST,
                        walk.parseCommit(ref.getObjectId()).getTree())) {
                    if (tw == null) {
                        continue;
                    }
                    for (Task t : TaskListReader.parse(
                                    repo.open(tw.getObjectId(0)).getBytes())
                            .tasks()) {
                        if (t.atomic() && t.marked()) {
                            ticked.add(t.id());
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the task lists pushed to " + bare, e);
        }
        return ticked;
    }

    private List<String> escapes(Path outside, String escape, int connectionsBefore) {
        List<String> found = new ArrayList<>();
        try (Stream<Path> s = Files.list(outside)) {
            s.forEach(p -> found.add("wrote " + p));
        } catch (IOException e) {
            throw new UncheckedIOException("listing " + outside, e);
        }
        List<Path> places = new ArrayList<>(List.of(
                dir.resolve("data").resolve(escape),
                dir.resolve("data").resolve("workspaces").resolve(escape),
                Path.of("/tmp", escape),
                Path.of(System.getProperty("java.io.tmpdir"), escape)));
        String home = System.getenv("HOME");
        if (home != null && Path.of(home).getParent() != null) {
            places.add(Path.of(home).getParent().resolve(escape));
        }
        places.stream().filter(Files::exists).forEach(p -> found.add("wrote " + p));
        int connections = listener.connections() - connectionsBefore;
        if (connections > 0) {
            found.add(connections + " connection(s) to a listener of the host");
        }
        return found;
    }

    private java.util.Optional<Path> workspace(long executionId) {
        String id = ExecutionLoop.workspaceId(executionId);
        try (Stream<Path> s = Files.find(
                dir.resolve("data"),
                3,
                (p, a) -> a.isDirectory() && p.getFileName().toString().equals(id))) {
            return s.findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("finding the workspace " + id, e);
        }
    }

    private ExecutionSnapshot awaitEnd(long id, String name) {
        long until = System.nanoTime() + deadline.toNanos();
        var store = server.orchestration().store();
        while (System.nanoTime() < until) {
            ExecutionSnapshot s = store.find(id).orElseThrow();
            if (!s.badge().isRunning() && s.badge() != Badge.QUEUED) {
                return s;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
        throw new IllegalStateException("the run of " + name + " did not end within " + deadline);
    }

    private long addProject(String repo, URI origin, long installation) {
        return server.database()
                .dsl()
                .insertInto(
                        PROJECTS,
                        PROJECTS.CUSTOMER_ID,
                        PROJECTS.NAME,
                        PROJECTS.REPOSITORY,
                        PROJECTS.CLONE_URL,
                        PROJECTS.INSTALLATION_ID,
                        PROJECTS.DEFAULT_BRANCH)
                .values(customer, repo, repo, origin.toString(), installation, "main")
                .returning(PROJECTS.ID)
                .fetchOne(PROJECTS.ID);
    }

    private void seed(Path work, URI origin, Map<String, String> files) throws IOException {
        try (Git g =
                Git.init().setDirectory(work.toFile()).setInitialBranch("main").call()) {
            for (var f : files.entrySet()) {
                Path p = work.resolve(f.getKey());
                Files.createDirectories(p.getParent());
                Files.writeString(p, f.getValue(), StandardCharsets.UTF_8);
            }
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
                    .setCredentialsProvider(
                            new UsernamePasswordCredentialsProvider(SmartHttpGitServer.USERNAME, git.token()))
                    .call();
        } catch (org.eclipse.jgit.api.errors.GitAPIException e) {
            throw new IllegalStateException("seeding " + origin, e);
        }
    }

    private static ClarityConfig config(Path dir, FakeGitHub github, int parallel) {
        Map<String, String> env = Map.of(
                EnvironmentConfig.DATA_DIR, dir.resolve("data").toString(),
                EnvironmentConfig.APP_ID, Long.toString(APP_ID),
                EnvironmentConfig.PRIVATE_KEY, TestKeys.pkcs8(),
                EnvironmentConfig.WEBHOOK_SECRET, SECRET,
                EnvironmentConfig.API_URL, github.apiUrl().toString(),
                EnvironmentConfig.SANDBOX, "process");
        ClarityConfig c = EnvironmentConfig.load(env, dir);
        return new ClarityConfig(
                c.database(),
                c.dataDir(),
                0,
                c.logFormat(),
                c.github(),
                c.publicUrl(),
                c.runner(),
                c.sandbox(),
                c.dockerHost(),
                parallel);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // closing after a failed start: the start's exception is the one to report
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        closeQuietly(server);
        closeQuietly(git);
        closeQuietly(github);
    }
}
