package dev.clarity.dashboard.campaigns;

import dev.clarity.crm.campaigns.Unsubscribes;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Map;
import java.util.Optional;

/**
 * The unsubscribe link of every campaign mail, open to anyone (no session, no {@code Guard}): {@code GET /u/{token}}
 * names the address and offers a button; {@code POST /u/{token}} unsubscribes it, both from that button and as the
 * RFC 8058 one-click POST a mail client sends with the body {@code List-Unsubscribe=One-Click}. No CSRF token can
 * exist on such a POST: the token itself, 128 random bits only its recipient holds, is the authority, and the body is
 * not read. An unknown or malformed token gets a 404 page and changes nothing. Every answer asks search engines not to
 * index it and browsers to send no referrer, so the token leaves no trace in another site's logs.
 */
public final class UnsubscribeRoutes {
    private final Unsubscribes unsubscribes;

    public UnsubscribeRoutes(Unsubscribes unsubscribes) {
        this.unsubscribes = unsubscribes;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get("/u/{token}", ctx -> answer(ctx, unsubscribes.find(ctx.pathParam("token")), false));
        config.routes.post("/u/{token}", ctx -> answer(ctx, unsubscribes.unsubscribe(ctx.pathParam("token")), true));
    }

    private static void answer(Context ctx, Optional<String> email, boolean done) {
        ctx.header("X-Robots-Tag", "noindex, nofollow");
        ctx.header("Referrer-Policy", "no-referrer");
        ctx.header("Cache-Control", "no-store");
        if (email.isEmpty()) {
            ctx.status(HttpStatus.NOT_FOUND);
        }
        ctx.render(
                "unsubscribe.jte",
                Map.of(
                        "email",
                        email.orElse(""),
                        "found",
                        email.isPresent(),
                        "done",
                        done,
                        "action",
                        "/u/" + (email.isPresent() ? ctx.pathParam("token") : "")));
    }
}
