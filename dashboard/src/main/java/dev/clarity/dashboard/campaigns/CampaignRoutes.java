package dev.clarity.dashboard.campaigns;

import dev.clarity.crm.campaigns.Campaign;
import dev.clarity.crm.campaigns.CampaignDraft;
import dev.clarity.crm.campaigns.JooqCampaigns;
import dev.clarity.crm.contacts.JooqContactStore;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.Guard;
import dev.clarity.dashboard.web.JsonOut;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Campaigns, for admins and managers: {@code /campaigns} (each with its progress bar), {@code /campaigns/new} and
 * {@code POST /campaigns} (a draft; a bad form comes back with a message per field, status 422), {@code
 * /campaigns/{id}} (its progress refreshed by htmx while it sends), {@code POST /campaigns/{id}/send} and {@code
 * /cancel}, and {@code /api/campaigns} (list and one). Sending itself is the mail thread's ({@code CampaignSender});
 * when mail is not configured the pages say so, and scheduled campaigns wait.
 */
public final class CampaignRoutes {
    static final String MAIL_OFF = "Mail is not configured (CLARITY_SMTP_URL is unset): campaigns can be written and"
            + " scheduled, and they are sent once mail is configured.";

    private final Guard guard;
    private final JooqCampaigns campaigns;
    private final JooqContactStore contacts;
    private final boolean mailSends;

    public CampaignRoutes(Guard guard, JooqCampaigns campaigns, JooqContactStore contacts, boolean mailSends) {
        this.guard = guard;
        this.campaigns = campaigns;
        this.contacts = contacts;
        this.mailSends = mailSends;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get("/campaigns", guard.allow(Guard.CRM_WRITERS, this::list));
        config.routes.get(
                "/campaigns/new", guard.allow(Guard.CRM_WRITERS, (ctx, v) -> form(ctx, v, Map.of(), Map.of())));
        config.routes.post("/campaigns", guard.allow(Guard.CRM_WRITERS, this::create));
        config.routes.get("/campaigns/{id}", guard.allow(Guard.CRM_WRITERS, this::detail));
        config.routes.get("/partials/campaigns/{id}", guard.allow(Guard.CRM_WRITERS, this::progress));
        config.routes.post("/campaigns/{id}/send", guard.allow(Guard.CRM_WRITERS, this::send));
        config.routes.post("/campaigns/{id}/cancel", guard.allow(Guard.CRM_WRITERS, this::cancel));
        config.routes.get("/api/campaigns", guard.allow(Guard.CRM_WRITERS, this::apiList));
        config.routes.get("/api/campaigns/{id}", guard.allow(Guard.CRM_WRITERS, this::apiOne));
    }

    private void list(Context ctx, Viewer v) {
        ctx.render(
                "campaigns.jte",
                Map.of(
                        "chrome",
                        new Chrome(v, "Campaigns", "campaigns", ctx.queryParam("notice"), null),
                        "campaigns",
                        campaigns.list(),
                        "mailOff",
                        mailSends ? "" : MAIL_OFF));
    }

    private void form(Context ctx, Viewer v, Map<String, String> values, Map<String, String> errors) {
        Map<String, Object> model = new HashMap<>();
        model.put("chrome", new Chrome(v, "New campaign", "campaigns", null, null));
        model.put("lists", contacts.lists());
        model.put("values", values);
        model.put("errors", errors);
        model.put("mailOff", mailSends ? "" : MAIL_OFF);
        ctx.render("campaignNew.jte", model);
    }

    private void create(Context ctx, Viewer v) {
        Map<String, String> form = new HashMap<>();
        for (String name : List.of("list", "subject", "body", "per_minute", "send_at")) {
            String value = ctx.formParam(name);
            if (value != null) {
                form.put(name, value);
            }
        }
        switch (CampaignDraft.check(form, id -> contacts.list(id).isPresent())) {
            case CampaignDraft.Checked.Good good -> {
                long id = campaigns.create(good.draft(), v.login());
                ctx.redirect("/campaigns/" + id, HttpStatus.SEE_OTHER);
            }
            case CampaignDraft.Checked.Bad bad -> {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                form(ctx, v, form, bad.errors());
            }
        }
    }

    private void detail(Context ctx, Viewer v) {
        Campaign c = campaign(ctx);
        ctx.render(
                "campaign.jte",
                Map.of(
                        "chrome",
                        new Chrome(v, c.subject(), "campaigns", ctx.queryParam("notice"), null),
                        "c",
                        c,
                        "mailOff",
                        mailSends ? "" : MAIL_OFF));
    }

    private void progress(Context ctx, Viewer v) {
        ctx.render("partials/campaignProgress.jte", Map.of("c", campaign(ctx), "csrf", v.csrfToken()));
    }

    private void send(Context ctx, Viewer v) {
        Campaign c = campaign(ctx);
        if (!campaigns.schedule(c.id(), v.login())) {
            throw new ConflictResponse("This campaign is " + c.state() + ": only a draft can be sent.");
        }
        back(
                ctx,
                c.id(),
                mailSends
                        ? "Scheduled: the first batch goes out within a minute of the start."
                        : "Scheduled: it is sent once mail is configured.");
    }

    private void cancel(Context ctx, Viewer v) {
        Campaign c = campaign(ctx);
        if (!campaigns.cancel(c.id(), v.login())) {
            throw new ConflictResponse("This campaign is " + c.state() + " already: there is nothing to cancel.");
        }
        back(ctx, c.id(), "Cancelled: no further batch is sent; mails already queued still go out.");
    }

    private void apiList(Context ctx, Viewer v) {
        JsonOut.write(
                ctx,
                Map.of("items", campaigns.list().stream().map(CampaignJson::of).toList(), "mailSends", mailSends));
    }

    private void apiOne(Context ctx, Viewer v) {
        JsonOut.write(ctx, CampaignJson.of(campaign(ctx)));
    }

    private static void back(Context ctx, long id, String notice) {
        ctx.redirect(
                "/campaigns/" + id + "?notice=" + URLEncoder.encode(notice, StandardCharsets.UTF_8),
                HttpStatus.SEE_OTHER);
    }

    private Campaign campaign(Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new BadRequestResponse("The id in the address must be a number.");
        }
        return campaigns.find(id).orElseThrow(() -> new NotFoundResponse("No such campaign."));
    }
}
