package dev.clarity.benchmarks.dashboard;

import dev.clarity.dashboard.DashboardFeature;
import dev.clarity.dashboard.DashboardOptions;
import dev.clarity.dashboard.auth.AccountOutcome;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.ExecutionControls;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jooq.DSLContext;

/**
 * Seeds 20 customers, 200 projects, 10,000 executions (9,000 finished, 500 queued, 500 active), 40,000 items and
 * 1,000,000 events into an embedded PostgreSQL, starts the dashboard, and times every list and detail endpoint of
 * the JSON API (one client at a time, after a warm-up), printing p50/p95/p99 in milliseconds. Target: p95 below
 * 50 ms for each. Run: {@code mvn -q -Pbenchmarks -pl benchmarks -am package -DskipTests && java -cp
 * benchmarks/target/benchmarks.jar dev.clarity.benchmarks.dashboard.DashboardApiLoad}.
 */
public final class DashboardApiLoad {
    private static final int WARMUP = 100;
    private static final int SAMPLES = 500;

    private DashboardApiLoad() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("clarity-dashboard-bench");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashboard-live");
            t.setDaemon(true);
            return t;
        });
        try (Database db = Database.open(new DatabaseLocation.Embedded(dir, false), 8, null)) {
            long t0 = System.nanoTime();
            seed(db.dsl());
            System.out.printf("seeded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            DashboardFeature feature = new DashboardFeature(
                    db.dsl(),
                    new Refusing(),
                    InstantSource.system(),
                    dir.resolve("jte"),
                    scheduler,
                    DashboardOptions.defaults());
            Javalin app = Javalin.create(c -> {
                        c.jetty.host = "127.0.0.1";
                        c.jetty.port = 0;
                        c.startup.showJavalinBanner = false;
                        feature.contribute(c);
                    })
                    .start();
            try {
                String admin = token(feature, "bench-admin", "admin", null);
                String client = token(feature, "bench-client", "client", "customer-7");
                long someExecution = db.dsl()
                        .fetchOne("select max(id) from executions where badge = 'COMPLETED'")
                        .get(0, Long.class);
                long activeExecution = db.dsl()
                        .fetchOne("select max(id) from executions where badge = 'AUTONOMOUS'")
                        .get(0, Long.class);
                Map<String, String> endpoints = new LinkedHashMap<>();
                endpoints.put("GET /api/executions", "/api/executions");
                endpoints.put("GET /api/executions?before=5000", "/api/executions?before=5000");
                endpoints.put("GET /api/executions?badge=COMPLETED", "/api/executions?badge=COMPLETED&before=3000");
                endpoints.put("GET /api/executions/{id}", "/api/executions/" + someExecution);
                endpoints.put("GET /api/executions/{id}/events", "/api/executions/" + someExecution + "/events");
                endpoints.put(
                        "GET /api/executions/{id}/events?after=60",
                        "/api/executions/" + activeExecution + "/events?after=60");
                endpoints.put("GET /api/queue", "/api/queue");
                endpoints.put("GET /api/history", "/api/history");
                endpoints.put("GET /api/history?before=4000", "/api/history?before=4000");
                endpoints.put("GET /api/notifications", "/api/notifications");
                endpoints.put("GET /api/stats", "/api/stats");
                endpoints.put("GET /api/customers", "/api/customers");
                endpoints.put("GET /api/projects", "/api/projects");
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + app.port();
                // One warm-up pass over every endpoint first, so that no endpoint is timed while the JIT is cold.
                for (var e : endpoints.entrySet()) {
                    measure(http, base + e.getValue(), admin);
                }
                System.out.printf("%-48s %8s %8s %8s%n", "endpoint (admin)", "p50 ms", "p95 ms", "p99 ms");
                for (var e : endpoints.entrySet()) {
                    print(e.getKey(), measure(http, base + e.getValue(), admin));
                }
                System.out.printf(
                        "%-48s %8s %8s %8s%n", "endpoint (client of one customer)", "p50 ms", "p95 ms", "p99 ms");
                for (String p : List.of("/api/executions", "/api/queue", "/api/history", "/api/projects")) {
                    print("GET " + p, measure(http, base + p, client));
                }
            } finally {
                app.stop();
                feature.close();
                scheduler.shutdownNow();
            }
        }
    }

    private static void seed(DSLContext dsl) {
        dsl.execute(
                "insert into customers (name, slug) select 'Customer ' || i, 'customer-' || i from generate_series(1, 20) i");
        dsl.execute(
                "insert into projects (customer_id, name, repository, clone_url) select c.id, 'Project ' || c.id || '-' || j,"
                        + " 'org-' || c.id || '/repo-' || j, 'https://example.invalid/' || c.id || '/' || j"
                        + " from customers c, generate_series(1, 10) j");
        dsl.execute(
                "insert into executions (project_id, badge, trigger, tasks_total, tasks_done, created_at, started_at,"
                        + " finished_at, updated_at, current_task_id, current_step)"
                        + " select p.id, case when i <= 9000 then (case when i % 10 = 0 then 'FAILED' else 'COMPLETED' end)"
                        + " when i <= 9500 then 'QUEUED' else 'AUTONOMOUS' end, 'comment', 8, case when i <= 9000 then 8 else 3 end,"
                        + " now() - make_interval(mins => 10001 - i), now() - make_interval(mins => 10001 - i),"
                        + " case when i <= 9000 then now() - make_interval(mins => 10000 - i) end, now() - make_interval(mins => 10000 - i),"
                        + " '1.' || (i % 4 + 1), 'IMPLEMENT'"
                        + " from generate_series(1, 10000) i join projects p on p.id = 1 + (i % 200)");
        dsl.execute("insert into task_runs (execution_id, task_id, title, step, attempts, tool)"
                + " select e.id, '1.' || k, 'Item ' || k, case when k <= e.tasks_done then 'DONE' else 'IMPLEMENT' end,"
                + " k % 3, (array['aider','claude','ollama','command'])[k] from executions e, generate_series(1, 4) k");
        dsl.execute(
                "insert into execution_events (execution_id, seq, at, kind, task_id, step, severity, message, checksum)"
                        + " select e.id, s, e.created_at + make_interval(secs => s), 'log', '1.1', 'IMPLEMENT', 'info',"
                        + " 'tool output line ' || s || ' of execution ' || e.id, md5(e.id || ':' || s)"
                        + " from executions e, generate_series(1, 100) s");
        dsl.execute("analyze");
    }

    static String token(DashboardFeature feature, String login, String role, String customer) {
        AccountOutcome.Created c = (AccountOutcome.Created) feature.accounts().add(login, role, customer);
        return feature.sessions().issueApiToken(c.personId(), "bench");
    }

    static double[] measure(HttpClient http, String url, String token) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < WARMUP + SAMPLES; i++) {
            long t = System.nanoTime();
            HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
            double elapsed = (System.nanoTime() - t) / 1e6;
            if (r.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + r.statusCode() + ": " + new String(r.body()));
            }
            if (i >= WARMUP) {
                ms.add(elapsed);
            }
        }
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new double[] {pct(sorted, 50), pct(sorted, 95), pct(sorted, 99)};
    }

    private static double pct(double[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static void print(String name, double[] p) {
        System.out.printf("%-48s %8.2f %8.2f %8.2f%s%n", name, p[0], p[1], p[2], p[1] < 50 ? "" : "   <-- over 50 ms");
    }

    /** The benchmark never calls a control. */
    static final class Refusing implements ExecutionControls {
        private static final ControlOutcome NO = new ControlOutcome.Refused("benchmark");

        @Override
        public ControlOutcome start(StartRequest request) {
            return NO;
        }

        @Override
        public ControlOutcome stop(long executionId, Actor actor) {
            return NO;
        }

        @Override
        public ControlOutcome stopAfter(long executionId, String taskId, Actor actor) {
            return NO;
        }

        @Override
        public ControlOutcome resume(long executionId, Actor actor) {
            return NO;
        }

        @Override
        public ControlOutcome retry(long executionId, String taskId, Actor actor) {
            return NO;
        }

        @Override
        public ControlOutcome skip(long executionId, String taskId, Actor actor) {
            return NO;
        }

        @Override
        public ControlOutcome approve(long executionId, String taskId, Actor actor) {
            return NO;
        }

        @Override
        public ControlOutcome override(long executionId, String taskId, boolean take, Actor actor) {
            return NO;
        }

        @Override
        public ControlOutcome toolOverride(long executionId, String tool, Actor actor) {
            return NO;
        }

        @Override
        public Optional<Long> currentExecution(long projectId) {
            return Optional.empty();
        }
    }
}
