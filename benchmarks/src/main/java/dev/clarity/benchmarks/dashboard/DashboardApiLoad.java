package dev.clarity.benchmarks.dashboard;

import dev.clarity.benchmarks.kit.BenchServer;
import dev.clarity.benchmarks.kit.LatencySampler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;

/**
 * Seeds 20 customers, 200 projects, 10,000 executions (9,000 finished, 500 queued, 500 active), 40,000 items and
 * 1,000,000 events into an embedded PostgreSQL, starts the dashboard, and times every list and detail endpoint of
 * the JSON API (one client at a time, after a warm-up), printing p50/p95/p99 in milliseconds. Target: p95 below
 * 50 ms for each. Run: {@code mvn -q -Pbenchmarks -pl benchmarks -am package -DskipTests && java -cp
 * benchmarks/target/benchmarks.jar dev.clarity.benchmarks.dashboard.DashboardApiLoad}.
 */
public final class DashboardApiLoad {
    private DashboardApiLoad() {}

    public static void main(String[] args) throws Exception {
        try (BenchServer server = BenchServer.open("dashboard")) {
            DSLContext dsl = server.dsl();
            long t0 = System.nanoTime();
            seed(dsl);
            System.out.printf("seeded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            String admin = server.token("bench-admin", "admin", null);
            String client = server.token("bench-client", "client", "customer-7");
            long someExecution = dsl.fetchOne("select max(id) from executions where badge = 'COMPLETED'")
                    .get(0, Long.class);
            long activeExecution = dsl.fetchOne("select max(id) from executions where badge = 'AUTONOMOUS'")
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
            LatencySampler sampler = new LatencySampler(server.start(), 100, 500, 50);
            // One warm-up pass over every endpoint first, so that no endpoint is timed while the JIT is cold.
            for (String path : endpoints.values()) {
                sampler.warm(path, admin);
            }
            sampler.header("endpoint (admin)");
            for (var e : endpoints.entrySet()) {
                sampler.measure(e.getKey(), e.getValue(), admin);
            }
            sampler.header("endpoint (client of one customer)");
            for (String p : List.of("/api/executions", "/api/queue", "/api/history", "/api/projects")) {
                sampler.measure("GET " + p, p, client);
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
}
