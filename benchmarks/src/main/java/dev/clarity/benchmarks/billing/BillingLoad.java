package dev.clarity.benchmarks.billing;

import dev.clarity.benchmarks.kit.BenchServer;
import dev.clarity.benchmarks.kit.CrmSeed;
import dev.clarity.benchmarks.kit.Latency;
import dev.clarity.benchmarks.kit.LatencySampler;
import dev.clarity.crm.billing.BillingOutcome;
import dev.clarity.crm.billing.CustomerScope;
import dev.clarity.crm.billing.JooqInvoiceDrafts;
import dev.clarity.crm.billing.JooqInvoiceStore;
import dev.clarity.crm.reports.JooqBillableHoursReport;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seeds 100 customers, 1,000 projects (10 each, rate 100), 1,000 people and 1,000,000 billable time records over
 * 2025 into an embedded PostgreSQL; customer 1's January holds 1,000 project-and-person pairs, so its invoice has
 * about 1,000 lines. Prints how long drafting that invoice takes (target: under a second) and p50/p95/p99 of the
 * billing pages and API (target: p95 under 100 ms). Run: {@code mvn -q -Pbenchmarks -pl benchmarks -am package
 * -DskipTests && java -cp benchmarks/target/benchmarks.jar dev.clarity.benchmarks.billing.BillingLoad}; with the
 * argument {@code report} it times only the billable-hours report (page, API and CSV), without drafting; with
 * {@code zone}, only how long setting the organisation's time zone takes (every record's day is counted again).
 */
public final class BillingLoad {
    private static final int DRAFTS = 11;

    private BillingLoad() {}

    public static void main(String[] args) throws Exception {
        boolean reportOnly = args.length > 0 && "report".equals(args[0]);
        try (BenchServer server = BenchServer.open("billing")) {
            long t0 = System.nanoTime();
            seed(new CrmSeed(server.dsl()));
            System.out.printf("seeded 1,000,000 time records in %.1f s%n", (System.nanoTime() - t0) / 1e9);
            if (args.length > 0 && "zone".equals(args[0])) {
                zones(server);
                return;
            }
            if (!reportOnly) {
                drafts(server);
            }
            if (reportOnly) {
                explainYear(server);
                inProcess(server);
            }
            String admin = server.token("bench-admin", "admin", null);
            LatencySampler sampler = new LatencySampler(server.start(), 20, 200, 100);
            Map<String, String> endpoints = new LinkedHashMap<>();
            endpoints.put(
                    "GET /reports/billable-hours (one month)", "/reports/billable-hours?from=2025-03-01&to=2025-03-31");
            endpoints.put(
                    "GET /reports/billable-hours (a year)", "/reports/billable-hours?from=2025-01-01&to=2025-12-31");
            endpoints.put(
                    "GET /api/reports/billable-hours (one month)",
                    "/api/reports/billable-hours?from=2025-03-01&to=2025-03-31");
            endpoints.put(
                    "GET /api/reports/billable-hours (a year, first 1,000 lines)",
                    "/api/reports/billable-hours?from=2025-01-01&to=2025-12-31");
            // a page in the middle of the year's 13,000 lines: what a client reading every page waits for each time
            var middle = new JooqBillableHoursReport(server.dsl())
                    .page(CustomerScope.all(), LocalDate.parse("2025-01-01"), LocalDate.parse("2025-12-31"), null, 6000)
                    .next();
            endpoints.put(
                    "GET /api/reports/billable-hours (a year, lines 6,001-7,000)",
                    "/api/reports/billable-hours?from=2025-01-01&to=2025-12-31&limit=1000&after=" + middle);
            endpoints.put(
                    "GET /reports/billable-hours (mid-March to mid-November)",
                    "/reports/billable-hours?from=2025-03-15&to=2025-11-14");
            if (!reportOnly) {
                endpoints.put("GET /api/projects", "/api/projects");
                endpoints.put("GET /time", "/time");
                endpoints.put("GET /invoices", "/invoices");
                endpoints.put("GET /api/invoices", "/api/invoices");
            }
            sampler.header("endpoint (admin, 1,000,000 time records)");
            for (var e : endpoints.entrySet()) {
                sampler.measure(e.getKey(), e.getValue(), admin);
            }
        }
    }

    /** Sets the time zone back and forth: each save recounts the days of the 1,000,000 records in one transaction. */
    private static void zones(BenchServer server) {
        var dsl = server.dsl();
        // the seeded records start between 09:00 and 17:00 UTC, where no zone change moves a day: a quarter of them
        // is moved to 22:00-06:00 UTC first, so that changes move many records (the worst an agency would see)
        long t0 = System.nanoTime();
        new CrmSeed(dsl)
                .withoutRollUp(
                        "update time_records set started_at = started_at + interval '13 hours' where id % 4 = 0");
        System.out.printf("moved a quarter of the records to the evening in %.1f s%n", (System.nanoTime() - t0) / 1e9);
        var settings = new dev.clarity.crm.money.JooqBillingSettings(dsl, java.time.InstantSource.system());
        var base = settings.current();
        String from = "UTC";
        for (String zone : java.util.List.of("Europe/Berlin", "America/New_York", "UTC", "Europe/Berlin", "UTC")) {
            long moving = ((Number) dsl.fetchValue(
                            "select count(*) from time_records where deleted_at is null"
                                    + " and (started_at at time zone ?)::date <> (started_at at time zone ?)::date",
                            from,
                            zone))
                    .longValue();
            from = zone;
            System.out.printf("%,d records change day: ", moving);
            long t = System.nanoTime();
            var changed = settings.save(
                    new dev.clarity.crm.money.BillingSettings(
                            base.baseCurrency(),
                            base.machineRate(),
                            zone.equals("UTC") ? java.time.ZoneOffset.UTC : java.time.ZoneId.of(zone)),
                    "bench");
            System.out.printf("%s: %.2f s%n", changed, (System.nanoTime() - t) / 1e9);
        }
    }

    /** The report built without HTTP, to tell the time of the queries and their summing from that of rendering. */
    private static void inProcess(BenchServer server) {
        JooqBillableHoursReport reports = new JooqBillableHoursReport(server.dsl());
        for (String[] period : new String[][] {{"2025-03-01", "2025-03-31"}, {"2025-01-01", "2025-12-31"}}) {
            LocalDate from = LocalDate.parse(period[0]);
            LocalDate to = LocalDate.parse(period[1]);
            timed(
                    "report " + period[0] + ".." + period[1] + " built in process (%d rows)",
                    () -> reports.report(CustomerScope.all(), from, to).rows().size());
            timed(
                    "summary " + period[0] + ".." + period[1] + " built in process (%d customer-months)",
                    () -> reports.summary(CustomerScope.all(), from, to)
                            .byCustomerAndMonth()
                            .size());
        }
    }

    /** Runs {@code build} 30 times and prints p50 and p95 of the last 20; {@code what} has a %d for its size. */
    private static void timed(String what, java.util.function.IntSupplier build) {
        double[] ms = new double[30];
        int size = 0;
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            size = build.getAsInt();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        Latency l = LatencySampler.of(java.util.Arrays.copyOfRange(ms, 10, ms.length));
        System.out.printf(what + ": p50 %.1f ms, p95 %.1f ms%n", size, l.p50(), l.p95());
    }

    /** The year's main query as PostgreSQL runs it: how much of the report's time is SQL. */
    private static void explainYear(BenchServer server) {
        String sql = "explain analyze select c.id, c.name, c.billing_currency, p.id, p.name, pe.id,"
                + " coalesce(pe.display_name, pe.login), coalesce(pm.hourly_rate, p.hourly_rate) r,"
                + " s.day, s.billable_seconds, s.unbilled_seconds from (select project_id, person_id,"
                + " month as day, billable_seconds, unbilled_seconds from time_monthly where month between"
                + " '2025-01-01' and '2025-12-31' and project_id not in (select p.id from projects p join customers c"
                + " on c.id = p.customer_id where c.billing_currency <> 'EUR')) s join projects p on p.id = s.project_id"
                + " join customers c on c.id = p.customer_id join people pe on pe.id = s.person_id left join"
                + " project_members pm on pm.project_id = s.project_id and pm.person_id = s.person_id"
                + " where p.billable and s.billable_seconds > 0";
        for (int i = 0; i < 5; i++) {
            server.dsl().fetch(sql);
        }
        server.dsl().fetch(sql).forEach(r -> System.out.println("  " + r.get(0)));
    }

    private static void drafts(BenchServer server) {
        JooqInvoiceStore store = new JooqInvoiceStore(server.dsl(), InstantSource.system());
        JooqInvoiceDrafts drafts = new JooqInvoiceDrafts(server.dsl(), store, InstantSource.system());
        double[] draftMs = new double[DRAFTS];
        int lines = 0;
        for (int i = 0; i < draftMs.length; i++) {
            long t = System.nanoTime();
            BillingOutcome o = drafts.draft(1, LocalDate.parse("2025-01-01"), LocalDate.parse("2025-01-31"), "bench");
            draftMs[i] = (System.nanoTime() - t) / 1e6;
            lines = ((BillingOutcome.Done) o).invoice().lines().size();
        }
        double[] warm = java.util.Arrays.copyOfRange(draftMs, 1, draftMs.length);
        Latency d = LatencySampler.of(warm);
        System.out.printf(
                "draft of a %d-line invoice: first (cold) %.0f ms, then over %d drafts median %.0f ms, max %.0f ms%s%n",
                lines, draftMs[0], warm.length, d.p50(), d.p99(), d.p50() < 1000 ? "" : "   <-- over 1 s");
    }

    private static void seed(CrmSeed seed) {
        seed.customers(100, false).projects(10, 100).people(1000);
        long p1 = seed.firstPerson();
        // customer 1, January: each of its 10 projects with 100 people -> 1,000 pairs, 2 records each; then
        // 998,000 records spread over every project, person and day of 2025
        seed.timeRecords("select pe.id, p.id, timestamptz '2025-01-02 09:00+00' + make_interval(days => k * 7),"
                + " 3600, 3600, true, null from projects p, (select id from people order by id limit 100) pe,"
                + " generate_series(0, 1) k where p.customer_id = 1"
                + " union all select " + p1 + " + (i % 1000), 1 + (i % 1000), timestamptz '2025-01-01 08:00+00'"
                + " + make_interval(days => (i / 2735) % 365, mins => i % 480), 1800, 1800, true, null"
                + " from generate_series(1, 998000) i");
        seed.analyze();
    }
}
