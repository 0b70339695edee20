package dev.clarity.dashboard.time;

import dev.clarity.crm.money.Conversion;
import dev.clarity.crm.money.ExchangeRates;
import dev.clarity.crm.money.Money;
import dev.clarity.crm.money.RateForm;
import dev.clarity.crm.money.UnknownCurrencyException;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.Guard;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /rates}: the exchange rates admins keep (1 from = rate to, of a date; reports use the latest on or before a
 * record's date). A rate entered again for the same pair and date replaces it. A wrong value shows the form again
 * (422) with one message per field, nothing kept. {@code POST /rates/delete} names one rate (by its pair and date):
 * without {@code confirm=yes} it only asks (the page again, with the rate, what deleting it changes and a button that
 * confirms), with it the rate is deleted; a rate that is not there (deleted already) answers 404 with the page saying
 * so. A deleted rate cannot be restored but by keeping it again (the audit log has its value).
 */
public final class RateRoutes {
    private final Guard guard;
    private final ExchangeRates rates;

    public RateRoutes(Guard guard, ExchangeRates rates) {
        this.guard = guard;
        this.rates = rates;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get("/rates", guard.allow(Guard.ADMINS, (ctx, v) -> page(ctx, v, null, Map.of(), Map.of())));
        config.routes.post("/rates", guard.allow(Guard.ADMINS, this::save));
        config.routes.post("/rates/delete", guard.allow(Guard.ADMINS, this::delete));
        config.routes.post("/rates/convert", guard.allow(Guard.ADMINS, this::convert));
    }

    /** Tries a conversion the way reports make it: the result with the rate used, or the missing rate on the date. */
    private void convert(Context ctx, Viewer v) {
        Map<String, String> form = TimeRoutes.form(ctx);
        Map<String, String> errors = new LinkedHashMap<>();
        Money amount = null;
        Currency from = currency(form, "from", errors);
        try {
            BigDecimal value = new BigDecimal(form.getOrDefault("amount", "").trim());
            amount = from == null ? null : new Money(value, from);
        } catch (NumberFormatException e) {
            errors.put("amount", "The amount must be a number such as 100.00.");
        }
        Currency to = currency(form, "to", errors);
        LocalDate on = null;
        try {
            on = LocalDate.parse(form.getOrDefault("on", "").trim());
        } catch (DateTimeParseException e) {
            errors.put("on", "The date must look like 2026-03-01.");
        }
        String notice = null;
        if (errors.isEmpty()) {
            switch (rates.convert(amount, to, on)) {
                case Conversion.Converted c ->
                    notice = c.original() + " is " + c.converted().rounded() + " on " + on + ", " + c.explanation()
                            + ".";
                case Conversion.NoRate n ->
                    errors.put(
                            "on",
                            Character.toUpperCase(n.message().charAt(0))
                                    + n.message().substring(1) + ": keep one above first.");
            }
        }
        if (!errors.isEmpty()) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        }
        page(ctx, v, notice, form, errors);
    }

    private static Currency currency(Map<String, String> form, String field, Map<String, String> errors) {
        try {
            return Money.currency(form.getOrDefault(field, "").trim().toUpperCase(java.util.Locale.ROOT));
        } catch (UnknownCurrencyException e) {
            errors.put(
                    field,
                    Character.toUpperCase(e.getMessage().charAt(0))
                            + e.getMessage().substring(1) + ".");
            return null;
        }
    }

    private void save(Context ctx, Viewer v) {
        Map<String, String> form = TimeRoutes.form(ctx);
        Map<String, String> errors = RateForm.check(form, rate -> rates.put(rate, v.login()));
        if (errors.isEmpty()) {
            page(
                    ctx,
                    v,
                    "Kept the rate 1 " + form.get("from_currency").trim().toUpperCase(java.util.Locale.ROOT) + " = "
                            + form.get("rate").trim() + " "
                            + form.get("to_currency").trim().toUpperCase(java.util.Locale.ROOT)
                            + " of " + form.get("rate_date").trim() + ".",
                    Map.of(),
                    Map.of());
        } else {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            page(ctx, v, null, form, errors);
        }
    }

    /**
     * Deletes the rate the row's form names ({@code from_currency}, {@code to_currency}, {@code rate_date}) once
     * {@code confirm=yes}; without it, shows the page asking to confirm. Values that name no rate, or a rate deleted
     * meanwhile, are the same 404: there is nothing of that name to delete.
     */
    private void delete(Context ctx, Viewer v) {
        Map<String, String> form = TimeRoutes.form(ctx);
        String from = form.getOrDefault("from_currency", "").trim().toUpperCase(java.util.Locale.ROOT);
        String to = form.getOrDefault("to_currency", "").trim().toUpperCase(java.util.Locale.ROOT);
        String date = form.getOrDefault("rate_date", "").trim();
        String named = "1 " + from + " → " + to + " of " + date;
        boolean confirmed = "yes".equals(form.get("confirm"));
        java.util.Optional<Conversion.Rate> deleted;
        try {
            Money.currency(from);
            Money.currency(to);
            LocalDate on = LocalDate.parse(date);
            if (!confirmed) {
                java.util.Optional<Conversion.Rate> asked = rates.find(from, to, on);
                if (asked.isPresent()) {
                    page(ctx, v, null, null, Map.of(), Map.of(), asked.get());
                    return;
                }
            }
            deleted = confirmed ? rates.delete(from, to, on, v.login()) : java.util.Optional.empty();
        } catch (UnknownCurrencyException | DateTimeParseException e) {
            deleted = java.util.Optional.empty();
        }
        if (deleted.isPresent()) {
            page(
                    ctx,
                    v,
                    "Deleted the rate " + named + " (it was "
                            + deleted.get().rate().stripTrailingZeros().toPlainString() + ")."
                            + " Reports now use the pair's next older rate.",
                    null,
                    Map.of(),
                    Map.of(),
                    null);
        } else {
            ctx.status(HttpStatus.NOT_FOUND);
            page(
                    ctx,
                    v,
                    null,
                    "There is no rate " + named + " (it may have been deleted already): nothing was deleted.",
                    Map.of(),
                    Map.of(),
                    null);
        }
    }

    private void page(Context ctx, Viewer v, String notice, Map<String, String> values, Map<String, String> errors) {
        page(
                ctx,
                v,
                notice,
                errors.isEmpty() ? null : "Nothing was kept: please correct the field(s) marked below.",
                values,
                errors,
                null);
    }

    /** @param confirm the rate whose deletion the page asks to confirm, or null */
    private void page(
            Context ctx,
            Viewer v,
            String notice,
            String error,
            Map<String, String> values,
            Map<String, String> errors,
            Conversion.Rate confirm) {
        Map<String, Object> model = new HashMap<>();
        model.put("confirm", confirm);
        model.put("chrome", new Chrome(v, "Exchange rates", "rates", notice, error));
        model.put("base", rates.baseCurrency().getCurrencyCode());
        model.put("rates", rates.list());
        model.put("values", values);
        model.put("errors", errors);
        ctx.render("rates.jte", model);
    }
}
