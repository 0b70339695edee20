package dev.clarity.dashboard.web;

import dev.clarity.dashboard.auth.Viewer;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.exception.HttpResponseExceptionMapper;
import java.util.Map;

/**
 * Error answers (404, 409, 403, 400…) for people: a page in the site's layout, with the menu when the reader is
 * signed in, the sentence that says what went wrong and a way back. API calls, htmx requests and clients that do
 * not ask for HTML get Javalin's own answer (JSON or plain text), unchanged.
 */
public final class ErrorPages {
    private final Guard guard;

    public ErrorPages(Guard guard) {
        this.guard = guard;
    }

    public void handle(HttpResponseException e, Context ctx) {
        if (!wantsPage(ctx)) {
            HttpResponseExceptionMapper.INSTANCE.handle(e, ctx);
            return;
        }
        Viewer viewer = guard.viewer(ctx).orElse(null);
        int status = e.getStatus();
        String message =
                status == 404 && (e.getMessage() == null || e.getMessage().startsWith("Endpoint "))
                        ? "There is no page at " + ctx.path() + "."
                        : e.getMessage();
        ctx.status(status);
        ctx.render(
                "error.jte",
                Map.of(
                        "chrome",
                        new Chrome(viewer, title(status), "", null, null),
                        "status",
                        status,
                        "message",
                        message == null ? "" : message));
    }

    static String title(int status) {
        return switch (status) {
            case 400 -> "That request was not understood";
            case 403 -> "Not allowed";
            case 404 -> "Not found";
            case 409 -> "Nothing was changed";
            default -> "Something went wrong";
        };
    }

    private static boolean wantsPage(Context ctx) {
        String accept = ctx.header("Accept");
        return !ctx.path().startsWith("/api/")
                && ctx.header("HX-Request") == null
                && accept != null
                && accept.contains("text/html");
    }
}
