package dev.clarity.bot.scenario;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;
import static dev.clarity.migrations.jooq.Tables.PROJECTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.bot.app.ClarityServer;
import dev.clarity.bot.config.ClarityConfig;
import dev.clarity.bot.config.EnvironmentConfig;
import dev.clarity.bot.github.TestKeys;
import dev.clarity.bot.orchestrator.ExecutionEvent;
import dev.clarity.bot.orchestrator.ExecutionSnapshot;
import dev.clarity.bot.webhook.WebhookSignature;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.runner.sandbox.BubblewrapProbe;
import dev.clarity.runner.workspace.IsolatedGitConfig;
import dev.clarity.testkit.github.Fixtures;
import dev.clarity.vocabulary.Badge;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /metrics} after real work: {@code serve} with a GitHub App's settings (the API on a closed port: a local
 * project publishes nothing), the in-process runner and the process sandbox runs a one-item task list to COMPLETED,
 * webhook deliveries arrive (signed and not, of an event no handler takes, of an event GitHub does not have), and the scrape then shows the figures
 * of that work, not only the names. The Grafana dashboard in {@code deploy/grafana} queries only series this scrape
 * holds.
 */
class MetricsScenarioTest {
    private static final String SECRET = "s3cret-for-metrics";
    private static final String PLAN = """
            # Shop
            ## Phase 1 — Files
            - 1.1 Files
              - 1.1.1 Add hello file
              - 1.1.B Verify correctness of Task 1.1
                - <criterion key="files.hello" kind="test" check="file" args="hello.txt" />
            """;
    /** A sample line of the exposition format: name, labels, value. */
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})? (\\S+)");

    @TempDir
    Path dir;

    private ClarityServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void setUp() {
        assumeTrue(BubblewrapProbe.find(System.getenv("PATH")).isPresent(), "bubblewrap is not installed");
        IsolatedGitConfig.install();
    }

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void after_an_execution_and_some_deliveries_metrics_shows_their_figures_and_the_dashboard_queries_only_real_series()
            throws Exception {
        server = serve();
        long id = start(project(repository()));
        ExecutionSnapshot end = await(id);
        assertThat(end.badge()).as(String.join("\n", messages(id))).isEqualTo(Badge.COMPLETED);

        assertThat(deliver("ping", Fixtures.webhook("ping.json"), true)).isEqualTo(200);
        assertThat(deliver("push", Fixtures.webhook("push.json"), true)).isEqualTo(202);
        assertThat(deliver("star", "{\"action\":\"created\"}".getBytes(StandardCharsets.UTF_8), true))
                .isEqualTo(202);
        assertThat(deliver("made_up_event", "{\"action\":\"x\"}".getBytes(StandardCharsets.UTF_8), true))
                .isEqualTo(400);
        assertThat(deliver("push", Fixtures.webhook("push.json"), false)).isEqualTo(401);
        Map<String, Double> scrape = scrapeOnce(
                s -> s.containsKey(series("clarity_webhook_handled_total", "event", "push", "result", "processed")));

        // the database's figures: the one execution ended, nothing waits, nothing is left to write to GitHub
        assertThat(scrape)
                .containsEntry(series("clarity_executions", "badge", "COMPLETED"), 1.0)
                .containsEntry(series("clarity_executions", "badge", "QUEUED"), 0.0)
                .containsEntry(series("clarity_executions", "badge", "TASK-EXECUTING"), 0.0)
                .containsEntry(series("clarity_queue_depth"), 0.0)
                .containsEntry(series("clarity_queue_oldest_age_seconds"), 0.0)
                .containsEntry(series("clarity_github_writes_pending"), 0.0);
        // two items, the leaf and its verification item: each selected, prepared, verified, merged and pushed, the
        // tool run on the leaf only (once, changing files), then SELECT finds nothing left
        assertThat(scrape)
                .containsEntry(stepCount("SELECT", "selected"), 2.0)
                .containsEntry(stepCount("SELECT", "nothing-selectable"), 1.0)
                .containsEntry(stepCount("PREP", "succeeded"), 2.0)
                .containsEntry(stepCount("IMPLEMENT", "succeeded"), 1.0)
                .containsEntry(stepCount("VERIFY", "succeeded"), 2.0)
                .containsEntry(stepCount("MERGE", "succeeded"), 2.0)
                .containsEntry(stepCount("PUSH", "succeeded"), 2.0)
                .containsEntry(
                        series(
                                "clarity_step_duration_seconds_bucket",
                                "outcome",
                                "succeeded",
                                "step",
                                "IMPLEMENT",
                                "le",
                                "+Inf"),
                        1.0)
                .containsEntry(series("clarity_tool_runs_total", "outcome", "changed", "tool", "command"), 1.0);
        assertThat(scrape.get(series("clarity_step_duration_seconds_sum", "outcome", "succeeded", "step", "IMPLEMENT")))
                .as("the tool step took some time")
                .isGreaterThan(0.0);
        // each delivery by its event and the answer it got; an event GitHub does not have is "other", an unsigned
        // delivery "unverified": never the header as sent
        assertThat(scrape)
                .containsEntry(series("clarity_webhook_deliveries_total", "event", "ping", "result", "pong"), 1.0)
                .containsEntry(series("clarity_webhook_deliveries_total", "event", "push", "result", "accepted"), 1.0)
                .containsEntry(series("clarity_webhook_deliveries_total", "event", "star", "result", "ignored"), 1.0)
                .containsEntry(
                        series("clarity_webhook_deliveries_total", "event", "other", "result", "bad-request"), 1.0)
                .containsEntry(
                        series("clarity_webhook_deliveries_total", "event", "unverified", "result", "bad-signature"),
                        1.0)
                .containsEntry(series("clarity_webhook_handled_total", "event", "push", "result", "processed"), 1.0);
        assertThat(scrape.keySet()).noneMatch(s -> s.contains("made_up_event"));
        // the in-process runner: its capacity (CLARITY_MAX_PARALLEL 2), idle now, answering
        assertThat(scrape)
                .containsEntry(series("clarity_runner_slots_capacity", "runner", "local"), 2.0)
                .containsEntry(series("clarity_runner_slots_used", "runner", "local"), 0.0)
                .containsEntry(series("clarity_runner_up", "runner", "local"), 1.0);

        Set<String> names = new TreeSet<>();
        scrape.keySet().forEach(s -> names.add(s.contains("{") ? s.substring(0, s.indexOf('{')) : s));
        assertThat(dashboardMetrics())
                .isNotEmpty()
                .allSatisfy(name ->
                        assertThat(names).as("the dashboard queries " + name).contains(name));
    }

    /** Every metric name the dashboard's queries use. */
    private static Set<String> dashboardMetrics() throws Exception {
        Path file = Path.of("..", "deploy", "grafana", "clarity.json");
        JsonNode dashboard = new ObjectMapper().readTree(Files.readString(file));
        Set<String> names = new TreeSet<>();
        Pattern metric = Pattern.compile("\\bclarity_[a-z_]+");
        for (JsonNode panel : dashboard.get("panels")) {
            assertThat(panel.get("targets")).as(panel.get("title").asText()).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                Matcher m = metric.matcher(target.get("expr").asText());
                while (m.find()) {
                    names.add(m.group());
                }
            }
        }
        return names;
    }

    private static String stepCount(String step, String outcome) {
        return series("clarity_step_duration_seconds_count", "outcome", outcome, "step", step);
    }

    /**
     * A series as the scrape is keyed here: the name, then the labels in the order given (as the scrape writes them:
     * sorted, a histogram's {@code le} last).
     */
    private static String series(String name, String... labels) {
        if (labels.length == 0) {
            return name;
        }
        StringBuilder s = new StringBuilder(name).append('{');
        for (int i = 0; i < labels.length; i += 2) {
            s.append(i == 0 ? "" : ",")
                    .append(labels[i])
                    .append("=\"")
                    .append(labels[i + 1])
                    .append('"');
        }
        return s.append('}').toString();
    }

    /** Scrapes until {@code ready} holds (a handler runs after its delivery was answered), within 30 s. */
    private Map<String, Double> scrapeOnce(java.util.function.Predicate<Map<String, Double>> ready) throws Exception {
        Instant deadline = Instant.now().plusSeconds(30);
        while (true) {
            Map<String, Double> scrape = scrape();
            if (ready.test(scrape) || Instant.now().isAfter(deadline)) {
                return scrape;
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    /** Clarity's own samples of one scrape (the JVM's and the pool's are left out), by series. */
    private Map<String, Double> scrape() throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        Map<String, Double> samples = new java.util.HashMap<>();
        for (String line : r.body().lines().toList()) {
            Matcher m = SAMPLE.matcher(line);
            if (line.startsWith("clarity_") && m.find()) {
                String labels = m.group(2) == null ? "" : m.group(2);
                samples.put(m.group(1) + labels, Double.parseDouble(m.group(3)));
            }
        }
        return samples;
    }

    private int deliver(String event, byte[] body, boolean signed) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + "/webhooks/github"))
                .header("X-GitHub-Event", event)
                .header("X-GitHub-Delivery", java.util.UUID.randomUUID().toString())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signed) {
            request.header("X-Hub-Signature-256", new WebhookSignature(SECRET).sign(body));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private String base() {
        return "http://127.0.0.1:" + server.port();
    }

    private ClarityServer serve() {
        Map<String, String> env = Map.of(
                EnvironmentConfig.DATA_DIR, dir.resolve("serve").toString(),
                EnvironmentConfig.SANDBOX, "process",
                EnvironmentConfig.MAX_PARALLEL, "2",
                EnvironmentConfig.APP_ID, "4242",
                EnvironmentConfig.PRIVATE_KEY, TestKeys.pkcs8(),
                EnvironmentConfig.WEBHOOK_SECRET, SECRET,
                EnvironmentConfig.API_URL, "http://127.0.0.1:9/");
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
        return ClarityServer.start(config, "127.0.0.1", InstantSource.system());
    }

    private long project(Path origin) {
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

    private long start(long project) {
        ControlOutcome o = server.orchestration()
                .controls()
                .start(new StartRequest(project, new Actor("ana", "cli"), null, null, null, null, null));
        return ((ControlOutcome.Accepted) o).executionId();
    }

    /** The plan, a stand-in tool that writes hello.txt, and the check that wants it. */
    private Path repository() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("origin"));
        try (Git git =
                Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
            Files.writeString(repo.resolve("tasks_list.md"), PLAN);
            Files.writeString(repo.resolve("agent.sh"), "#!/bin/sh\necho hello > hello.txt\n");
            Files.writeString(repo.resolve("check.sh"), "test -f hello.txt");
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

    private java.util.List<String> messages(long id) {
        return server.orchestration().store().events(id).stream()
                .map(ExecutionEvent::message)
                .toList();
    }

    /** Polls the database with a deadline until the execution stops running. */
    private ExecutionSnapshot await(long id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        var store = server.orchestration().store();
        while (Instant.now().isBefore(deadline)) {
            Optional<ExecutionSnapshot> s = store.find(id);
            if (s.isPresent() && !s.get().badge().isRunning() && s.get().badge() != Badge.QUEUED) {
                return s.get();
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
        throw new AssertionError("execution " + id + " did not end: " + String.join("\n", messages(id)));
    }
}
