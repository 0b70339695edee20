package dev.clarity.dashboard.billing;

import dev.clarity.crm.billing.CustomerScope;
import dev.clarity.crm.reports.BillableHours;
import dev.clarity.crm.reports.Csv;
import dev.clarity.crm.reports.JooqBillableHoursReport;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.Guard;
import dev.clarity.dashboard.web.JsonOut;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /reports/billable-hours}: billable hours per customer, project, person and month of a period (default: the
 * last twelve months), with a server-drawn bar chart, budget use, the exchange rates used and those missing;
 * {@code ?format=csv} downloads it; {@code /api/reports/billable-hours} answers it as JSON. The page shows one line
 * per customer and month; {@code ?customer=ID} narrows page, CSV and JSON to one customer, and the page then shows its
 * lines per project, person and month and its budgets. The CSV and JSON of all customers hold every line. Admins see
 * everything, managers their customers. A period longer than 366 days or with its end before its start is a 400 naming it.
 */
public final class ReportRoutes {
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
        config.routes.get(
                "/api/reports/billable-hours",
                guard.allow(BillingAccess.WRITERS, (ctx, v) -> JsonOut.write(ctx, report(ctx, v, true))));
    }

    private void page(Context ctx, Viewer v) {
        // budgets are shown only on one customer's page; the CSV has none
        BillableHours report = report(ctx, v, customer(ctx) != null && !"csv".equals(ctx.queryParam("format")));
        if ("csv".equals(ctx.queryParam("format"))) {
            ctx.contentType("text/csv; charset=utf-8")
                    .header(
                            "Content-Disposition",
                            "attachment; filename=\"billable-hours-" + report.from() + "-" + report.to() + ".csv\"")
                    .result(Csv.of(report));
            return;
        }
        Map<String, BigDecimal> bars = new LinkedHashMap<>();
        report.hoursByMonth().forEach((m, h) -> bars.put(m.toString(), h));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("chrome", new Chrome(v, "Billable hours", "reports", null, null));
        model.put("report", report);
        model.put("customer", customer(ctx));
        model.put("chart", BarChart.svg("Billable hours per month", bars));
        ctx.render("report.jte", model);
    }

    private BillableHours report(Context ctx, Viewer v, boolean withBudgets) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
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
        return withBudgets ? reports.report(scope, from, to) : reports.withoutBudgets(scope, from, to);
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
