package dev.clarity.dashboard.billing;

import static dev.clarity.migrations.jooq.Tables.CUSTOMERS;

import dev.clarity.crm.billing.BillingOutcome;
import dev.clarity.crm.billing.Invoice;
import dev.clarity.crm.billing.InvoicePdf;
import dev.clarity.crm.billing.InvoiceSummary;
import dev.clarity.crm.billing.JooqInvoiceDrafts;
import dev.clarity.crm.billing.JooqInvoiceStore;
import dev.clarity.crm.billing.LineEdit;
import dev.clarity.crm.quickbooks.JooqQuickBooksOutbox;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.JsonOut;
import dev.clarity.dashboard.web.QueryParams;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.math.BigDecimal;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * {@code /invoices}: the list, {@code /new} (draft from a customer's unbilled work of a period), {@code /{id}} (see;
 * edit a draft's lines and notes), {@code /{id}/issue}, {@code /pay}, {@code /credit-note}, {@code /pdf}, and the API
 * {@code /api/invoices} (keyset by id, newest first). Admins and managers (of their customers) write; clients read
 * their own issued invoices. A refused action shows the page again with its message (422) and changes nothing.
 */
public final class InvoiceRoutes {
    private final dev.clarity.dashboard.web.Guard guard;
    private final DSLContext dsl;
    private final JooqInvoiceStore store;
    private final JooqInvoiceDrafts drafts;
    private final InvoicePdf pdf;
    private final BillingAccess access;
    private final Optional<JooqQuickBooksOutbox> outbox;
    private final InstantSource clock;

    public InvoiceRoutes(
            dev.clarity.dashboard.web.Guard guard,
            DSLContext dsl,
            JooqInvoiceStore store,
            Optional<JooqQuickBooksOutbox> outbox,
            InstantSource clock) {
        this.guard = guard;
        this.dsl = dsl;
        this.store = store;
        this.drafts = new JooqInvoiceDrafts(dsl, store, clock);
        this.pdf = new InvoicePdf(dsl);
        this.access = new BillingAccess(dsl);
        this.outbox = outbox;
        this.clock = clock;
    }

    public void contribute(JavalinConfig config) {
        var r = config.routes;
        r.get("/invoices", guard.allow(BillingAccess.READERS, (ctx, v) -> list(ctx, v, null)));
        r.get("/invoices/new", guard.allow(BillingAccess.WRITERS, (ctx, v) -> newForm(ctx, v, Map.of(), Map.of())));
        r.post("/invoices", guard.allow(BillingAccess.WRITERS, this::draft));
        r.get(
                "/invoices/{id}",
                guard.allow(BillingAccess.READERS, (ctx, v) -> page(ctx, v, invoice(ctx, v), null, Map.of())));
        r.post("/invoices/{id}", guard.allow(BillingAccess.WRITERS, this::edit));
        r.post("/invoices/{id}/issue", guard.allow(BillingAccess.WRITERS, this::issue));
        r.post(
                "/invoices/{id}/pay",
                guard.allow(
                        BillingAccess.WRITERS,
                        (ctx, v) -> act(
                                ctx,
                                v,
                                store.markPaid(
                                        invoice(ctx, v).id(),
                                        date(ctx.formParam("paid_on")).orElse(today()),
                                        v.login()),
                                "Marked paid.")));
        r.post(
                "/invoices/{id}/credit-note",
                guard.allow(BillingAccess.WRITERS, (ctx, v) -> act(ctx, v, creditNote(ctx, v), "Credit note issued.")));
        r.get("/invoices/{id}/pdf", guard.allow(BillingAccess.READERS, (ctx, v) -> {
            Invoice i = invoice(ctx, v);
            ctx.contentType("application/pdf")
                    .header(
                            "Content-Disposition",
                            "inline; filename=\"" + i.label().replaceAll("[^A-Za-z0-9#-]", "_") + ".pdf\"")
                    .result(pdf.render(i));
        }));
        r.get("/api/invoices", guard.allow(BillingAccess.READERS, (ctx, v) -> {
            int limit = QueryParams.limit(ctx, 50, 200);
            List<InvoiceSummary> rows =
                    store.list(BillingAccess.scope(v), QueryParams.optionalId(ctx, "before"), limit).stream()
                            .filter(i -> v.role() != dev.clarity.dashboard.auth.Role.CLIENT || i.number() != null)
                            .toList();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("items", rows);
            body.put(
                    "next",
                    rows.size() == limit
                            ? "/api/invoices?before=" + rows.getLast().id() + "&limit=" + limit
                            : null);
            JsonOut.write(ctx, body);
        }));
        r.get(
                "/api/invoices/{id}",
                guard.allow(BillingAccess.READERS, (ctx, v) -> JsonOut.write(ctx, invoice(ctx, v))));
    }

    private void list(Context ctx, Viewer v, String notice) {
        List<InvoiceSummary> rows =
                store.list(BillingAccess.scope(v), QueryParams.optionalId(ctx, "before"), 100).stream()
                        .filter(i -> v.role() != dev.clarity.dashboard.auth.Role.CLIENT || i.number() != null)
                        .toList();
        ctx.render(
                "invoices.jte",
                Map.of("chrome", new Chrome(v, "Invoices", "invoices", notice, null), "invoices", rows));
    }

    private void newForm(Context ctx, Viewer v, Map<String, String> values, Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put(
                "chrome",
                new Chrome(
                        v,
                        "New invoice",
                        "invoices",
                        null,
                        errors.isEmpty() ? null : "Nothing was drafted: " + String.join(" ", errors.values())));
        model.put("customers", customers(v));
        model.put("values", values);
        model.put("errors", errors);
        ctx.render("invoiceNew.jte", model);
    }

    private void draft(Context ctx, Viewer v) {
        Map<String, String> values = form(ctx);
        Map<String, String> errors = new LinkedHashMap<>();
        Long customer = null;
        try {
            customer = Long.parseLong(values.getOrDefault("customer_id", ""));
            if (!access.sees(v, customer)) {
                errors.put("customer_id", "Choose one of your customers.");
            }
        } catch (NumberFormatException e) {
            errors.put("customer_id", "Choose a customer.");
        }
        Optional<LocalDate> from = date(values.get("period_from"));
        Optional<LocalDate> to = date(values.get("period_to"));
        if (from.isEmpty()) {
            errors.put("period_from", "The first day of the period, as 2026-03-01.");
        }
        if (to.isEmpty()) {
            errors.put("period_to", "The last day of the period, as 2026-03-31.");
        }
        if (errors.isEmpty()) {
            switch (drafts.draft(customer, from.get(), to.get(), v.login())) {
                case BillingOutcome.Done d -> {
                    ctx.redirect("/invoices/" + d.invoice().id(), HttpStatus.SEE_OTHER);
                    return;
                }
                case BillingOutcome.Refused r -> errors.putAll(r.errors());
            }
        }
        ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        newForm(ctx, v, values, errors);
    }

    private void edit(Context ctx, Viewer v) {
        Invoice invoice = invoice(ctx, v);
        Map<String, String> f = form(ctx);
        Map<String, String> errors = new LinkedHashMap<>();
        List<LineEdit> edits = new ArrayList<>();
        for (long lineId : store.lineIds(invoice.id())) {
            String p = "line_" + lineId + "_";
            if (f.containsKey(p + "remove")) {
                edits.add(LineEdit.remove(lineId));
            } else if (f.containsKey(p + "description")) {
                line(
                        edits,
                        errors,
                        lineId,
                        f.get(p + "description"),
                        f.get(p + "quantity"),
                        f.get(p + "unit"),
                        f.get(p + "unit_price"),
                        "line_" + lineId);
            }
        }
        if (!f.getOrDefault("new_description", "").isBlank()) {
            line(
                    edits,
                    errors,
                    null,
                    f.get("new_description"),
                    f.get("new_quantity"),
                    f.get("new_unit"),
                    f.get("new_unit_price"),
                    "new_line");
        }
        if (!errors.isEmpty()) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            page(ctx, v, invoice, null, errors);
            return;
        }
        act(ctx, v, store.editDraft(invoice.id(), f.get("notes"), edits, v.login()), "Saved the draft.");
    }

    private void issue(Context ctx, Viewer v) {
        Invoice invoice = invoice(ctx, v);
        BillingOutcome issued = store.issue(invoice.id(), v.login());
        boolean paidAtOnce = "1".equals(ctx.formParam("paid"));
        if (issued instanceof BillingOutcome.Done && paidAtOnce) {
            issued = store.markPaid(invoice.id(), today(), v.login());
        }
        if (issued instanceof BillingOutcome.Done d) {
            outbox.ifPresent(o -> o.invoice(d.invoice().id()));
        }
        act(ctx, v, issued, paidAtOnce ? "Issued and paid." : "Issued.");
    }

    /** The credit note, queued for QuickBooks (as a CreditMemo) when it is connected. */
    private BillingOutcome creditNote(Context ctx, Viewer v) {
        BillingOutcome created = store.creditNote(invoice(ctx, v).id(), ctx.formParam("reason"), v.login());
        if (created instanceof BillingOutcome.Done d) {
            outbox.ifPresent(o -> o.invoice(d.invoice().id()));
        }
        return created;
    }

    private void act(Context ctx, Viewer v, BillingOutcome outcome, String notice) {
        switch (outcome) {
            case BillingOutcome.Done d -> page(ctx, v, d.invoice(), notice, Map.of());
            case BillingOutcome.Refused r -> {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                page(ctx, v, invoice(ctx, v), null, r.errors());
            }
        }
    }

    private void page(Context ctx, Viewer v, Invoice invoice, String notice, Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put(
                "chrome",
                new Chrome(
                        v,
                        invoice.label(),
                        "invoices",
                        notice,
                        errors.isEmpty() ? null : String.join(" ", errors.values())));
        model.put("invoice", invoice);
        model.put("lineIds", store.lineIds(invoice.id()));
        model.put("writer", BillingAccess.WRITERS.contains(v.role()));
        model.put("errors", errors);
        ctx.render("invoice.jte", model);
    }

    private static void line(
            List<LineEdit> edits,
            Map<String, String> errors,
            Long id,
            String description,
            String quantity,
            String unit,
            String price,
            String field) {
        try {
            edits.add(new LineEdit(
                    id, description, new BigDecimal(quantity.strip()), unit, new BigDecimal(price.strip()), false));
        } catch (NumberFormatException | NullPointerException e) {
            errors.put(field, "Quantity and unit price are numbers, as 1.5 and 90.00.");
        }
    }

    private Invoice invoice(Context ctx, Viewer v) {
        try {
            return access.visible(v, store.find(Long.parseLong(ctx.pathParam("id"))));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("No such invoice.");
        }
    }

    private List<Map<String, String>> customers(Viewer v) {
        return dsl.select(CUSTOMERS.ID, CUSTOMERS.NAME, CUSTOMERS.BILLING_CURRENCY)
                .from(CUSTOMERS)
                .where(CUSTOMERS.ARCHIVED_AT.isNull())
                .and(dev.clarity.dashboard.auth.CustomerAccess.reached(v, CUSTOMERS.ID))
                .orderBy(CUSTOMERS.NAME)
                .fetch(r -> Map.of("id", r.value1().toString(), "name", r.value2() + " (" + r.value3() + ")"));
    }

    /** The organisation's date (its time zone's), which invoice periods are counted in. */
    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), dev.clarity.crm.money.JooqBillingSettings.zone(dsl));
    }

    private static Optional<LocalDate> date(String s) {
        try {
            return s == null || s.isBlank() ? Optional.empty() : Optional.of(LocalDate.parse(s.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> form(Context ctx) {
        Map<String, String> values = new HashMap<>();
        ctx.formParamMap().forEach((k, list) -> values.put(k, list.isEmpty() ? "" : list.getFirst()));
        return values;
    }
}
