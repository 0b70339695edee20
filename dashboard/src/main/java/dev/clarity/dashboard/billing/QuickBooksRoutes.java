package dev.clarity.dashboard.billing;

import dev.clarity.crm.quickbooks.JooqQuickBooksConnection;
import dev.clarity.crm.quickbooks.JooqQuickBooksOutbox;
import dev.clarity.crm.quickbooks.QuickBooksSync;
import dev.clarity.crm.quickbooks.QuickBooksWebhook;
import dev.clarity.crm.quickbooks.WebhookOutcome;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.Guard;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /settings/quickbooks} (admins): whether the organisation is connected and what waits to be sent;
 * {@code /connect} sends the admin to QuickBooks to consent, {@code /callback} completes it (only with the state it
 * gave); {@code POST /sync} sends what is due now. {@code POST /webhooks/quickbooks} takes QuickBooks' notifications,
 * with no session: the {@code intuit-signature} is the only credential. Without QuickBooks settings every page says
 * how to set them up.
 */
public final class QuickBooksRoutes {
    /** The parts that exist when QuickBooks is configured. */
    public record Parts(
            JooqQuickBooksConnection connection,
            JooqQuickBooksOutbox outbox,
            QuickBooksSync sync,
            QuickBooksWebhook webhook) {}

    private final Guard guard;
    private final Optional<Parts> parts;

    public QuickBooksRoutes(Guard guard, Optional<Parts> parts) {
        this.guard = guard;
        this.parts = parts;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get("/settings/quickbooks", guard.allow(Guard.ADMINS, (ctx, v) -> page(ctx, v, null, null)));
        config.routes.get("/settings/quickbooks/connect", guard.allow(Guard.ADMINS, (ctx, v) -> {
            if (parts.isEmpty()) {
                ctx.status(HttpStatus.CONFLICT);
                page(ctx, v, null, "QuickBooks is not configured.");
                return;
            }
            ctx.redirect(parts.get().connection().start(v.login()).toString(), HttpStatus.SEE_OTHER);
        }));
        config.routes.get("/settings/quickbooks/callback", guard.allow(Guard.ADMINS, this::callback));
        config.routes.post("/settings/quickbooks/sync", guard.allow(Guard.ADMINS, (ctx, v) -> {
            if (parts.isEmpty()) {
                ctx.status(HttpStatus.CONFLICT);
                page(ctx, v, null, "QuickBooks is not configured.");
                return;
            }
            var drained = parts.get().sync().drain(100);
            page(
                    ctx,
                    v,
                    "Sent " + drained.sent() + ", deferred " + drained.deferred()
                            + (drained.rateLimited() ? " (QuickBooks asked to wait)." : "."),
                    null);
        }));
        config.routes.post("/webhooks/quickbooks", this::webhook);
    }

    private void callback(Context ctx, Viewer v) {
        if (parts.isEmpty()) {
            ctx.status(HttpStatus.CONFLICT);
            page(ctx, v, null, "QuickBooks is not configured.");
            return;
        }
        Optional<String> refused = parts.get()
                .connection()
                .complete(ctx.queryParam("state"), ctx.queryParam("code"), ctx.queryParam("realmId"));
        if (refused.isPresent()) {
            ctx.status(HttpStatus.BAD_REQUEST);
            page(ctx, v, null, refused.get());
            return;
        }
        page(ctx, v, "Connected to QuickBooks.", null);
    }

    private void webhook(Context ctx) {
        if (parts.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND).result("QuickBooks is not configured.");
            return;
        }
        WebhookOutcome outcome = parts.get().webhook().handle(ctx.bodyAsBytes(), ctx.header("intuit-signature"));
        switch (outcome) {
            case WebhookOutcome.BadSignature b ->
                ctx.status(HttpStatus.UNAUTHORIZED).result("bad signature");
            case WebhookOutcome.Malformed m ->
                ctx.status(HttpStatus.BAD_REQUEST).result(m.why());
            case WebhookOutcome.Retry r ->
                ctx.status(HttpStatus.SERVICE_UNAVAILABLE).result(r.why());
            case WebhookOutcome.Applied a -> ctx.status(HttpStatus.OK).result("applied " + a.invoicesPaid());
        }
    }

    private void page(Context ctx, Viewer v, String notice, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("chrome", new Chrome(v, "QuickBooks", "quickbooks", notice, error));
        model.put("configured", parts.isPresent());
        model.put("status", parts.flatMap(p -> p.connection().status()).orElse(null));
        model.put("backlog", parts.map(p -> p.outbox().backlog()).orElse(null));
        ctx.render("quickbooks.jte", model);
    }
}
