package dev.clarity.dashboard.billing;

import dev.clarity.crm.money.BillingSettings;
import dev.clarity.crm.money.BillingSettingsForm;
import dev.clarity.crm.money.JooqBillingSettings;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.Guard;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /settings/billing} (admins): the organisation's base currency and machine rate per hour. A wrong value shows
 * the form again (422) with one message per field, nothing changed; a saved change is audited, one row per setting.
 */
public final class BillingSettingsRoutes {
    private final Guard guard;
    private final JooqBillingSettings settings;

    public BillingSettingsRoutes(Guard guard, JooqBillingSettings settings) {
        this.guard = guard;
        this.settings = settings;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get(
                "/settings/billing", guard.allow(Guard.ADMINS, (ctx, v) -> page(ctx, v, null, null, Map.of())));
        config.routes.post("/settings/billing", guard.allow(Guard.ADMINS, this::save));
    }

    private void save(Context ctx, Viewer v) {
        Map<String, String> form = new HashMap<>();
        ctx.formParamMap().forEach((k, list) -> form.put(k, list.isEmpty() ? "" : list.getFirst()));
        // a form sent without the field (an older page, a script) keeps the zone; only an empty field means UTC
        form.putIfAbsent("time_zone", settings.current().timeZoneName());
        List<String> changes = new ArrayList<>();
        Map<String, String> errors;
        try {
            errors = BillingSettingsForm.check(form, wanted -> changes.addAll(settings.save(wanted, v.login())));
        } catch (JooqBillingSettings.UnknownTimeZoneException e) {
            errors = Map.of("time_zone", e.getMessage());
        }
        if (!errors.isEmpty()) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            page(ctx, v, null, form, errors);
            return;
        }
        page(
                ctx,
                v,
                changes.isEmpty()
                        ? "Nothing changed: the billing settings were already so."
                        : "Saved the " + String.join(" and the ", changes) + ".",
                null,
                Map.of());
    }

    /** The page with the saved settings, or with {@code values} as they were sent when {@code errors} has some. */
    private void page(Context ctx, Viewer v, String notice, Map<String, String> values, Map<String, String> errors) {
        BillingSettings current = settings.current();
        Map<String, String> shown = new HashMap<>();
        shown.put("base_currency", current.baseCurrency().getCurrencyCode());
        shown.put("machine_rate", current.machineRateText());
        shown.put("time_zone", current.timeZoneName());
        if (values != null) {
            shown.putAll(values);
        }
        Map<String, Object> model = new HashMap<>();
        model.put(
                "chrome",
                new Chrome(
                        v,
                        "Billing settings",
                        "billing-settings",
                        notice,
                        errors.isEmpty() ? null : "Nothing was changed: please correct the field(s) marked below."));
        model.put("current", current);
        model.put("values", shown);
        model.put("errors", errors);
        ctx.render("billingSettings.jte", model);
    }
}
