package dev.clarity.dashboard.billing;

import dev.clarity.crm.billing.CustomerScope;
import dev.clarity.crm.reports.BillableHours;
import dev.clarity.crm.reports.BillableSummary;
import dev.clarity.crm.reports.Csv;
import dev.clarity.crm.reports.JooqBillableHoursReport;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.Guard;
import dev.clarity.dashboard.web.JsonOut;
import dev.clarity.dashboard.web.QueryParams;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /reports/billable-hours}: billable hours per customer, project, person and month of a period (default: the
 * last twelve months), with a server-drawn bar chart, budget use, the exchange rates used and those missing;
 * {@code ?format=csv} downloads it; {@code /api/reports/billable-hours} answers it as JSON: the period's totals and a
 * page of its lines (keyset: {@code ?limit=&after=}, {@code next} in each answer). The page shows one line per
 * customer and month, summed in SQL (ADR 0039); {@code ?customer=ID} narrows page, CSV and JSON to one customer, and
 * the page then shows its lines per project, person and month and its budgets. The CSV holds every line. Admins see
 * everything, managers their customers. A period longer than 366 days or with its end before its start is a 400 naming it.
 */
public final class ReportRoutes {
    private static final int DEFAULT_LINES = 1000;
    private static final int MAX_LINES = 5000;

    private final Guard guard;
    private final JooqBillableHoursReport reports;
    private final InstantSource clock;

    public ReportRoutes(Guard guard, JooqBillableHoursReport reports, InstantSource clock) {
        this.guard = guard;
        this.reports = reports;
        this.clock = clock;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get("/reports/billable-hours", guard.allow(BillingAccess.WRITERS, this::page));
        config.routes.get("/api/reports/billable-hours", guard.allow(BillingAccess.WRITERS, this::api));
    }

    private void page(Context ctx, Viewer v) {
        Period p = period(ctx, v);
        if ("csv".equals(ctx.queryParam("format"))) {
            BillableHours report = reports.withoutBudgets(p.scope(), p.from(), p.to());
            ctx.contentType("text/csv; charset=utf-8")
                    .header(
                            "Content-Disposition",
                            "attachment; filename=\"billable-hours-" + report.from() + "-" + report.to() + ".csv\"")
                    .result(Csv.of(report));
            return;
        }
        // one customer's page shows its lines and budgets; the page of all customers only their sums per month
        BillableHours report = customer(ctx) == null ? null : reports.report(p.scope(), p.from(), p.to());
        BillableSummary summary =
                report == null ? reports.summary(p.scope(), p.from(), p.to()) : BillableSummary.of(report);
        Map<String, BigDecimal> bars = new LinkedHashMap<>();
        summary.hoursByMonth().forEach((m, h) -> bars.put(m.toString(), h));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("chrome", new Chrome(v, "Billable hours", "reports", null, null));
        model.put("summary", summary);
        model.put("report", report);
        model.put("customer", customer(ctx));
        model.put("chart", BarChart.svg("Billable hours per month", bars));
        ctx.render("report.jte", model);
    }

    /**
     * The JSON: the period's totals (and its rates) and one page of its lines ({@code ?limit=}, default 1,000, at
     * most 5,000) with their projects' budgets; {@code next} links the following page ({@code after=} a cursor).
     */
    private void api(Context ctx, Viewer v) {
        Period p = period(ctx, v);
        int limit = QueryParams.limit(ctx, DEFAULT_LINES, MAX_LINES);
        String afterParam = ctx.queryParam("after");
        JooqBillableHoursReport.LinePage page;
        try {
            JooqBillableHoursReport.LineCursor after = afterParam == null || afterParam.isBlank()
                    ? null
                    : JooqBillableHoursReport.LineCursor.parse(afterParam);
            page = reports.page(p.scope(), p.from(), p.to(), after, limit);
        } catch (IllegalArgumentException e) {
            throw new BadRequestResponse(e.getMessage() + ".");
        }
        BillableSummary summary = reports.summary(p.scope(), p.from(), p.to());
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("hours", summary.hours());
        totals.put("unbilledHours", summary.unbilledHours());
        totals.put("amountInBase", summary.totalInBase());
        totals.put("complete", summary.complete());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", p.from());
        body.put("to", p.to());
        body.put("baseCurrency", summary.baseCurrency());
        body.put("totals", totals);
        body.put("ratesUsed", summary.ratesUsed());
        body.put("missingRates", summary.missingRates());
        body.put("rows", page.lines().rows());
        body.put("budgets", page.lines().budgets());
        body.put(
                "next",
                page.next() == null
                        ? null
                        : "/api/reports/billable-hours?from=" + p.from() + "&to=" + p.to()
                                + (customer(ctx) == null ? "" : "&customer=" + customer(ctx))
                                + "&limit=" + limit + "&after=" + page.next());
        JsonOut.write(ctx, body);
    }

    /** The period asked for and the customers the viewer may see in it. */
    private record Period(CustomerScope scope, LocalDate from, LocalDate to) {}

    private Period period(Context ctx, Viewer v) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), reports.timeZone());
        LocalDate to = date(ctx, "to", today.withDayOfMonth(today.lengthOfMonth()));
        LocalDate from = date(ctx, "from", to.withDayOfMonth(1).minusMonths(11));
        if (to.isBefore(from)) {
            throw new BadRequestResponse("The period ends (" + to + ") before it starts (" + from + ").");
        }
        if (ChronoUnit.DAYS.between(from, to) > 366) {
            throw new BadRequestResponse("A report covers at most 366 days; " + from + " to " + to + " is longer.");
        }
        CustomerScope scope = BillingAccess.scope(v);
        Long customer = customer(ctx);
        if (customer != null && scope.customerId() == null) {
            scope = new CustomerScope(customer, scope.managerId());
        }
        return new Period(scope, from, to);
    }

    private static Long customer(Context ctx) {
        String s = ctx.queryParam("customer");
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("'customer' is a customer's number such as 12.");
        }
    }

    private static LocalDate date(Context ctx, String name, LocalDate otherwise) {
        String s = ctx.queryParam(name);
        if (s == null || s.isBlank()) {
            return otherwise;
        }
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse("'" + name + "' is a date such as 2026-03-01.");
        }
    }
}
