package dev.clarity.dashboard.proposals;

import dev.clarity.crm.proposals.ClientDecisions;
import dev.clarity.crm.proposals.Decision;
import dev.clarity.crm.proposals.LinkState;
import dev.clarity.crm.proposals.LinkTokens;
import dev.clarity.dashboard.web.AllowedOrigin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.HashMap;
import java.util.Map;

/**
 * The client's page of a proposal, {@code /p/{token}}: no account and no session, deliberately not behind the
 * Guard. It shows the sent version and the accept (typed name) and decline (comment) forms; {@code POST
 * /p/{token}/accept} and {@code /decline} decide. A used, expired or revoked link answers 410 and an unknown one 404,
 * with a page that says so and never the proposal. Posts must carry the form token derived from the link (a foreign
 * page cannot know it) and must not say they come from another origin ({@link AllowedOrigin}, {@code
 * Sec-Fetch-Site}). Every answer says {@code X-Robots-Tag: noindex},
 * {@code Referrer-Policy: no-referrer} and {@code Cache-Control: no-store}.
 */
public final class PublicProposalRoutes {
    private final ClientDecisions decisions;
    private final AllowedOrigin origins;

    public PublicProposalRoutes(ClientDecisions decisions, AllowedOrigin origins) {
        this.decisions = decisions;
        this.origins = origins;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get("/p/{token}", this::show);
        config.routes.post("/p/{token}/accept", ctx -> decide(ctx, true));
        config.routes.post("/p/{token}/decline", ctx -> decide(ctx, false));
    }

    private void show(Context ctx) {
        headers(ctx);
        String token = ctx.pathParam("token");
        LinkState state = decisions.open(token, ctx.ip());
        if (state instanceof LinkState.Open open) {
            render(ctx, open, token, null);
        } else {
            closed(ctx, state);
        }
    }

    private void decide(Context ctx, boolean accept) {
        headers(ctx);
        String token = ctx.pathParam("token");
        if (!LinkTokens.wellFormed(token)) {
            closed(ctx, new LinkState.Unknown());
            return;
        }
        if (crossSite(ctx) || !LinkTokens.formTokenMatches(token, ctx.formParam("form_token"))) {
            ctx.status(HttpStatus.FORBIDDEN);
            message(ctx, "This form did not come from the proposal's page", "Open the link from the email again.");
            return;
        }
        Decision d = accept
                ? decisions.accept(token, ctx.formParam("name"), ctx.ip())
                : decisions.decline(token, ctx.formParam("comment"), ctx.ip());
        switch (d) {
            case Decision.Accepted a ->
                message(ctx, "Thank you: the proposal is accepted", "We have been told and will be in touch shortly.");
            case Decision.Declined x ->
                message(ctx, "The proposal is declined", "Thank you for letting us know; we have been told.");
            case Decision.Closed c -> closed(ctx, c.state());
            case Decision.Incomplete i -> {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                if (decisions.open(token, ctx.ip()) instanceof LinkState.Open open) {
                    render(ctx, open, token, i.problem());
                } else {
                    message(ctx, "Nothing was decided", i.problem());
                }
            }
        }
    }

    /**
     * True when the browser says the post comes from another site. Under {@code Referrer-Policy: no-referrer} a
     * browser sends {@code Origin: null} even for this page's own forms, so "null" tells nothing here and the form
     * token decides; a named foreign origin or {@code Sec-Fetch-Site: cross-site/same-site} is refused outright.
     */
    private boolean crossSite(Context ctx) {
        String origin = ctx.header("Origin");
        String site = ctx.header("Sec-Fetch-Site");
        boolean foreignOrigin = origin != null && !origin.strip().equals("null") && !origins.allows(ctx);
        return foreignOrigin || "cross-site".equals(site) || "same-site".equals(site);
    }

    private static void render(Context ctx, LinkState.Open open, String token, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("open", open);
        model.put("token", token);
        model.put("formToken", LinkTokens.formToken(token));
        model.put("error", error);
        ctx.render("publicProposal.jte", model);
    }

    private static void closed(Context ctx, LinkState state) {
        switch (state) {
            case LinkState.Unknown u -> {
                ctx.status(HttpStatus.NOT_FOUND);
                message(
                        ctx,
                        "This link does not open a proposal",
                        "Check that the whole link from the email was used.");
            }
            case LinkState.Used u -> {
                ctx.status(HttpStatus.GONE);
                message(ctx, "This proposal was already " + u.decision(), "The link cannot be used again.");
            }
            case LinkState.Expired e -> {
                ctx.status(HttpStatus.GONE);
                message(
                        ctx,
                        "This link has expired",
                        "The proposal could be accepted until "
                                + e.at().minusSeconds(1).toString().substring(0, 10) + ". Ask us for a new one.");
            }
            case LinkState.Revoked r -> {
                ctx.status(HttpStatus.GONE);
                message(ctx, "This link was withdrawn", "A newer version may have been sent to you; ask us if not.");
            }
            case LinkState.Open o -> throw new IllegalStateException("an open link is not closed");
        }
    }

    private static void message(Context ctx, String title, String text) {
        ctx.render("publicMessage.jte", Map.of("title", title, "text", text));
    }

    private static void headers(Context ctx) {
        ctx.header("X-Robots-Tag", "noindex, nofollow");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
    }
}
