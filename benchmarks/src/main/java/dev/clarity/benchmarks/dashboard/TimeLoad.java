package dev.clarity.benchmarks.dashboard;

import dev.clarity.benchmarks.kit.BenchServer;
import dev.clarity.benchmarks.kit.CrmSeed;
import dev.clarity.benchmarks.kit.LatencySampler;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seeds 100 customers, 1,000 projects, 50 people and 1,000,000 time records into an embedded PostgreSQL (one
 * {@code generate_series} insert), starts the dashboard, and times the time pages and {@code /api/time-records}
 * (first page and deep keyset pages, per role), printing p50/p95/p99 in milliseconds. Target: p95 below 100 ms. Run:
 * {@code mvn -q -Pbenchmarks -pl benchmarks -am package -DskipTests && java -cp benchmarks/target/benchmarks.jar
 * dev.clarity.benchmarks.dashboard.TimeLoad}.
 */
public final class TimeLoad {
    private TimeLoad() {}

    public static void main(String[] args) throws Exception {
        try (BenchServer server = BenchServer.open("time")) {
            var dsl = server.dsl();
            String admin = server.token("bench-admin", "admin", null);
            String manager = server.token("bench-manager", "manager", null);
            long t0 = System.nanoTime();
            seed(new CrmSeed(dsl));
            System.out.printf("seeded 1,000,000 time records in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            String member = server.token("bench-member", "team_member", null);
            dsl.execute("update customers set manager_id = (select id from people where login = 'bench-manager')"
                    + " where id % 10 = 0");
            dsl.execute("insert into project_members (project_id, person_id) select p.id, pe.id from projects p,"
                    + " people pe where pe.login = 'bench-member' and p.id % 50 = 0");
            dsl.execute("insert into time_records (person_id, project_id, started_at, seconds, billable_seconds,"
                    + " billable) select pe.id, 50, timestamptz '2020-01-01' + make_interval(hours => i), 1800, 1800, true"
                    + " from people pe, generate_series(1, 5000) i where pe.login = 'bench-member'");
            dsl.execute("analyze");
            var deep = dsl.fetchOne("select extract(epoch from started_at)::bigint, id from time_records"
                    + " order by started_at desc, id desc offset 500000 limit 1");
            String cursor = "before_at=" + deep.get(0, Long.class) + "&before_id=" + deep.get(1, Long.class);
            Map<String, String[]> endpoints = new LinkedHashMap<>();
            endpoints.put("admin GET /time", new String[] {"/time", admin});
            endpoints.put("admin GET /time?(page 10,000)", new String[] {"/time?" + cursor, admin});
            endpoints.put("admin GET /api/time-records", new String[] {"/api/time-records", admin});
            endpoints.put("admin GET /api/time-records?(deep)", new String[] {"/api/time-records?" + cursor, admin});
            endpoints.put(
                    "admin GET /api/time-records?project_id=500",
                    new String[] {"/api/time-records?project_id=500", admin});
            endpoints.put("admin GET /api/time-records?limit=500", new String[] {"/api/time-records?limit=500", admin});
            endpoints.put("admin GET /projects/500/plan", new String[] {"/projects/500/plan", admin});
            endpoints.put("admin GET /api/projects", new String[] {"/api/projects", admin});
            endpoints.put("manager GET /time", new String[] {"/time", manager});
            endpoints.put("manager GET /api/time-records", new String[] {"/api/time-records", manager});
            endpoints.put("member GET /time", new String[] {"/time", member});
            endpoints.put("member GET /api/time-records", new String[] {"/api/time-records", member});
            endpoints.put("member GET /api/timers", new String[] {"/api/timers", member});
            // each endpoint is warmed up (100 requests) before its 500 timed ones
            LatencySampler sampler = new LatencySampler(server.start(), 100, 500, 100);
            sampler.header("endpoint (1,000,000 time records)");
            for (var e : endpoints.entrySet()) {
                sampler.measure(e.getKey(), e.getValue()[0], e.getValue()[1]);
            }
        }
    }

    /** 100 customers, 10 projects each, 50 people; records every 10 minutes, none overlapping for one person. */
    private static void seed(CrmSeed seed) {
        seed.customers(100, true).projects(10, 90).people(50);
        seed.timeRecords(
                "select " + seed.firstPerson() + " + i % 50, 1 + i % 1000, timestamptz '2021-01-01'"
                        + " + make_interval(mins => i * 10), 1800, 1800, true, 'work ' || i from generate_series(1, 1000000) i");
    }
}
