package dev.clarity.benchmarks.billing;

import dev.clarity.crm.billing.BillingOutcome;
import dev.clarity.crm.billing.JooqInvoiceDrafts;
import dev.clarity.crm.billing.JooqInvoiceStore;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jooq.DSLContext;

/**
 * Seeds 100 customers, 1,000 projects (10 each, rate 100), 1,000 people and 1,000,000 billable time records over
 * 2025 into an embedded PostgreSQL; customer 1's January holds 1,000 project-and-person pairs, so its invoice has
 * 1,000 lines. Prints how long drafting that invoice takes (target: under a second) and p50/p95/p99 of the
 * billable-hours report API (target: p95 under 100 ms). Run: {@code mvn -q -Pbenchmarks -pl benchmarks -am package
 * -DskipTests && java -cp benchmarks/target/benchmarks.jar dev.clarity.benchmarks.billing.BillingLoad}.
 */
public final class BillingLoad {
    private static final int WARMUP = 20;
    private static final int SAMPLES = 100;

    private BillingLoad() {}

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("clarity-billing-bench");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashboard-live");
            t.setDaemon(true);
            return t;
        });
        try (Database db = Database.open(new DatabaseLocation.Embedded(dir, false), 8, null)) {
            long t0 = System.nanoTime();
            seed(db.dsl());
            System.out.printf("seeded in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            JooqInvoiceStore store = new JooqInvoiceStore(db.dsl(), InstantSource.system());
            JooqInvoiceDrafts drafts = new JooqInvoiceDrafts(db.dsl(), store, InstantSource.system());
            double[] draftMs = new double[6];
            int lines = 0;
            for (int i = 0; i < draftMs.length; i++) {
                long t = System.nanoTime();
                BillingOutcome o = drafts.draft(1, LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-31"), "bench");
                draftMs[i] = (System.nanoTime() - t) / 1e6;
                lines = ((BillingOutcome.Done) o).invoice().lines().size();
            }
            double[] timed = Arrays.copyOfRange(draftMs, 1, draftMs.length);
            Arrays.sort(timed);
            System.out.printf("draft of a %d-line invoice: first %.0f ms, then median %.0f ms, max %.0f ms%s%n",
                    lines, draftMs[0], timed[timed.length / 2], timed[timed.length - 1],
                    timed[timed.length - 1] < 1000 ? "" : "   <-- over 1 s");
            DashboardFeature feature = new DashboardFeature(
                    db.dsl(), new Refusing(), InstantSource.system(), dir.resolve("jte"), scheduler, DashboardOptions.defaults());
            Javalin app = Javalin.create(c -> {
                        c.jetty.host = "127.0.0.1";
                        c.jetty.port = 0;
                        c.startup.showJavalinBanner = false;
                        feature.contribute(c);
                    })
                    .start();
            try {
                AccountOutcome.Created admin = (AccountOutcome.Created) feature.accounts().add("bench-admin", "admin", null);
                String token = feature.sessions().issueApiToken(admin.personId(), "bench");
                Map<String, String> endpoints = new LinkedHashMap<>();
                endpoints.put("report, one month, all customers", "/api/reports/billable-hours?from=2025-03-01&to=2025-03-31");
                endpoints.put("report, a year, all customers", "/api/reports/billable-hours?from=2025-01-01&to=2025-12-31");
                endpoints.put("invoices, first page", "/api/invoices");
                HttpClient http = HttpClient.newHttpClient();
                String base = "http://127.0.0.1:" + app.port();
                System.out.printf("%-48s %8s %8s %8s%n", "endpoint (admin)", "p50 ms", "p95 ms", "p99 ms");
                for (var e : endpoints.entrySet()) {
                    double[] p = measure(http, base + e.getValue(), token);
                    System.out.printf("%-48s %8.2f %8.2f %8.2f%s%n", e.getKey(), p[0], p[1], p[2], p[1] < 100 ? "" : "   <-- over 100 ms");
                }
            } finally {
                app.stop();
                feature.close();
                scheduler.shutdownNow();
            }
        }
    }

    private static void seed(DSLContext dsl) {
        dsl.execute("insert into customers (name, slug) select 'Customer ' || i, 'customer-' || i from generate_series(1, 100) i");
        dsl.execute("insert into projects (customer_id, name, repository, clone_url, hourly_rate)"
                + " select c.id, 'Project ' || c.id || '-' || j, 'org-' || c.id || '/repo-' || j,"
                + " 'https://example.invalid/' || c.id || '/' || j, 100 from customers c, generate_series(1, 10) j");
        dsl.execute("insert into people (login, display_name, role) select 'person-' || i, 'Person ' || i, 'team_member'"
                + " from generate_series(1, 1000) i");
        // customer 1, January: every one of its 10 projects with 100 people -> 1,000 pairs, 2 records each
        dsl.execute("insert into time_records (person_id, project_id, started_at, seconds, billable_seconds, billable)"
                + " select pe.id, p.id, timestamptz '2025-01-02 09:00+00' + make_interval(days => k * 7), 3600, 3600, true"
                + " from projects p, (select id from people order by id limit 100) pe, generate_series(0, 1) k"
                + " where p.customer_id = 1");
        // the rest: 998,000 records spread over every project, person and day of 2025
        dsl.execute("insert into time_records (person_id, project_id, started_at, seconds, billable_seconds, billable)"
                + " select 1 + (i % 1000), 1 + (i % 1000), timestamptz '2025-01-01 08:00+00'"
                + " + make_interval(days => (i / 2735) % 365, mins => i % 480), 1800, 1800, true"
                + " from generate_series(1, 998000) i");
        dsl.execute("analyze");
    }

    private static double[] measure(HttpClient http, String url, String token) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).GET().build();
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

    /** The benchmark never calls a control. */
    private static final class Refusing implements ExecutionControls {
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
