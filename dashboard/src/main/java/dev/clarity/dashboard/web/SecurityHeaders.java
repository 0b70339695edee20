package dev.clarity.dashboard.web;

import io.javalin.http.Context;

/**
 * The headers every response of Clarity's server carries: a Content-Security-Policy that allows scripts, styles,
 * connections (including the WebSockets) and form posts only to this origin, and no framing; {@code
 * X-Frame-Options: DENY} for browsers without {@code frame-ancestors}; {@code nosniff}; {@code Referrer-Policy:
 * same-origin}. No page holds inline script, inline style or event-handler attributes (scripts live in
 * {@code /static/app.js}), so the policy needs neither {@code 'unsafe-inline'} nor {@code 'unsafe-eval'}.
 * Registered as a before-handler by the dashboard and by the server, so it also covers API answers, error pages,
 * the webhook answer, {@code /healthz} and {@code /metrics}.
 */
public final class SecurityHeaders {
    /** The policy of every page; {@link #policyPostingFormsTo} widens only {@code form-action}. */
    public static final String POLICY = policy("'self'");

    private SecurityHeaders() {}

    /** Sets the headers on a response (replacing any earlier value, so applying it twice is harmless). */
    public static void apply(Context ctx) {
        ctx.header("Content-Security-Policy", POLICY);
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "same-origin");
    }

    /** The same policy for a page whose form posts to {@code origin} as well (setup posts its manifest to GitHub). */
    public static String policyPostingFormsTo(String origin) {
        return policy("'self' " + origin);
    }

    private static String policy(String formAction) {
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
                + "object-src 'none'; base-uri 'none'; form-action " + formAction + "; frame-ancestors 'none'";
    }
}
