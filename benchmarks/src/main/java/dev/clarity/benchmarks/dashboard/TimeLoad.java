package dev.clarity.benchmarks.dashboard;

import dev.clarity.dashboard.DashboardFeature;
import dev.clarity.dashboard.DashboardOptions;
import dev.clarity.migrations.Database;
import dev.clarity.migrations.DatabaseLocation;
import io.javalin.Javalin;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jooq.DSLContext;

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
        Path dir = Files.createTempDirectory("clarity-time-bench");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashboard-live");
            t.setDaemon(true);
            return t;
        });
        try (Database db = Database.open(new DatabaseLocation.Embedded(dir, false), 8, null)) {
            DashboardFeature feature = new DashboardFeature(
                    db.dsl(),
                    new DashboardApiLoad.Refusing(),
                    InstantSource.system(),
                    dir.resolve("jte"),
                    scheduler,
                    DashboardOptions.defaults());
            String admin = DashboardApiLoad.token(feature, "bench-admin", "admin", null);
            String manager = DashboardApiLoad.token(feature, "bench-manager", "manager", null);
            long t0 = System.nanoTime();
            seed(db.dsl());
            System.out.printf("seeded 1,000,000 time records in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            String member = DashboardApiLoad.token(feature, "bench-member", "team_member", null);
            db.dsl()
                    .execute("update customers set manager_id = (select id from people where login = 'bench-manager')"
                            + " where id % 10 = 0");
            db.dsl()
                    .execute("insert into project_members (project_id, person_id) select p.id, pe.id from projects p,"
                            + " people pe where pe.login = 'bench-member' and p.id % 50 = 0");
            db.dsl()
                    .execute("insert into time_records (person_id, project_id, started_at, seconds, billable_seconds,"
                            + " billable) select pe.id, 50, timestamptz '2020-01-01' + make_interval(hours => i), 1800, 1800, true"
                            + " from people pe, generate_series(1, 5000) i where pe.login = 'bench-member'");
            db.dsl().execute("analyze");
            Javalin app = Javalin.create(c -> {
                        c.jetty.host = "127.0.0.1";
                        c.jetty.port = 0;
                        c.startup.showJavalinBanner = false;
                        feature.contribute(c);
                    })
                    .start();
            try {
                var deep = db.dsl()
                        .fetchOne("select extract(epoch from started_at)::bigint, id from time_records"
                                + " order by started_at desc, id desc offset 500000 limit 1");
                String cursor = "before_at=" + deep.get(0, Long.class) + "&before_id=" + deep.get(1, Long.class);
                Map<String, String[]> endpoints = new LinkedHashMap<>();
                endpoints.put("admin GET /time", new String[] {"/time", admin});
                endpoints.put("admin GET /time?(page 10,000)", new String[] {"/time?" + cursor, admin});
                endpoints.put("admin GET /api/time-records", new String[] {"/api/time-records", admin});
                endpoints.put(
                        "admin GET /api/time-records?(deep)", new String[] {"/api/time-records?" + cursor, admin});
                endpoints.put(
                        "admin GET /api/time-records?project_id=500",
                        new String[] {"/api/time-records?project_id=500", admin});
                endpoints.put(
                        "admin GET /api/time-records?limit=500", new String[] {"/api/time-records?limit=500", admin});
                endpoints.put("admin GET /projects/500/plan", new String[] {"/projects/500/plan", admin});
                endpoints.put("admin GET /api/projects", new String[] {"/api/projects", admin});
                endpoints.put("manager GET /time", new String[] {"/time", manager});
                endpoints.put("manager GET /api/time-records", new String[] {"/api/time-records", manager});
                endpoints.put("member GET /time", new String[] {"/time", member});
                endpoints.put("member GET /api/time-records", new String[] {"/api/time-records", member});
                endpoints.put("member GET /api/timers", new String[] {"/api/timers", member});
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + app.port();
                // measure() warms each endpoint up (100 requests) before its 500 timed ones
                System.out.printf(
                        "%-48s %8s %8s %8s%n", "endpoint (1,000,000 time records)", "p50 ms", "p95 ms", "p99 ms");
                for (var e : endpoints.entrySet()) {
                    double[] p = DashboardApiLoad.measure(http, base + e.getValue()[0], e.getValue()[1]);
                    System.out.printf(
                            "%-48s %8.2f %8.2f %8.2f%s%n",
                            e.getKey(), p[0], p[1], p[2], p[1] < 100 ? "" : "   <-- over 100 ms");
                }
            } finally {
                app.stop();
                feature.close();
                scheduler.shutdownNow();
            }
        }
    }

    /** 100 customers, 10 projects each, 50 people; records every 10 minutes, none overlapping for one person. */
    private static void seed(DSLContext dsl) {
        dsl.execute("insert into customers (name, slug, billing_currency) select 'Customer ' || i, 'customer-' || i,"
                + " (array['EUR','USD','GBP'])[1 + i % 3] from generate_series(1, 100) i");
        dsl.execute("insert into projects (customer_id, name, repository, clone_url, hourly_rate, rounding)"
                + " select c.id, 'Project ' || c.id || '-' || j, 'org-' || c.id || '/repo-' || j,"
                + " 'https://example.invalid/' || c.id || '/' || j, 90, (array['none','up_6','up_15'])[1 + j % 3]"
                + " from customers c, generate_series(1, 10) j");
        dsl.execute(
                "insert into people (login, role) select 'person-' || i, 'team_member' from generate_series(1, 50) i");
        dsl.execute("insert into time_records (person_id, project_id, started_at, seconds, billable_seconds, billable,"
                + " source, note) select (select min(id) from people where login like 'person-%') + i % 50,"
                + " 1 + i % 1000, timestamptz '2021-01-01' + make_interval(mins => i * 10), 1800, 1800, true,"
                + " 'manual', 'work ' || i from generate_series(1, 1000000) i");
    }
}
