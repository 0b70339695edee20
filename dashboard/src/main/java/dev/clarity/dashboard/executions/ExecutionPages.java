package dev.clarity.dashboard.executions;

import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.Guard;
import dev.clarity.dashboard.web.QueryParams;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The executions pages: the grid at {@code /} (and {@code /executions/{id}} with one selected), the htmx partials
 * that the live updates swap in, queue, history, success rates and notifications. Every role may open them; what
 * a client sees is narrowed in the queries, and the log and controls are left out for them.
 */
public final class ExecutionPages {
    private final Guard guard;
    private final ExecutionQueries queries;
    private final Overview overview;
    private final Supplier<List<RunnerSlot>> runners;
    private final InstantSource clock;
    private final DismissedNotices dismissed;

    public ExecutionPages(
            Guard guard,
            ExecutionQueries queries,
            DismissedNotices dismissed,
            Overview overview,
            Supplier<List<RunnerSlot>> runners,
            InstantSource clock) {
        this.guard = guard;
        this.queries = queries;
        this.dismissed = dismissed;
        this.overview = overview;
        this.runners = runners;
        this.clock = clock;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get("/", guard.allow(Guard.EVERYONE, (ctx, v) -> grid(ctx, v, null)));
        config.routes.get("/executions/{id}", guard.allow(Guard.EVERYONE, (ctx, v) -> grid(ctx, v, id(ctx))));
        config.routes.get(
                "/partials/grid",
                guard.allow(
                        Guard.EVERYONE,
                        (ctx, v) -> ctx.render("partials/gridRows.jte", Map.of("page", page(v, null)))));
        config.routes.get(
                "/partials/left",
                guard.allow(
                        Guard.EVERYONE, (ctx, v) -> ctx.render("partials/left.jte", Map.of("page", page(v, null)))));
        config.routes.get("/partials/executions/{id}", guard.allow(Guard.EVERYONE, (ctx, v) -> {
            GridPage p = page(v, id(ctx));
            ctx.render("partials/detailSummary.jte", Map.of("page", p, "d", p.selected()));
        }));
        config.routes.get("/partials/executions/{id}/run-controls", guard.allow(Guard.EVERYONE, (ctx, v) -> {
            GridPage p = page(v, id(ctx));
            ctx.render("partials/runControls.jte", Map.of("page", p, "d", p.selected()));
        }));
        config.routes.get("/partials/notifications", guard.allow(Guard.EVERYONE, (ctx, v) -> chips(ctx, v)));
        config.routes.post("/notifications/{id}/dismiss", guard.allow(Guard.EVERYONE, (ctx, v) -> {
            if (!dismissed.dismiss(v, id(ctx))) {
                throw new NotFoundResponse("No such execution.");
            }
            afterDismiss(ctx, v);
        }));
        config.routes.post("/notifications/dismiss-all", guard.allow(Guard.EVERYONE, (ctx, v) -> {
            dismissed.dismissAll(v);
            afterDismiss(ctx, v);
        }));
        config.routes.get(
                "/queue",
                guard.allow(
                        Guard.EVERYONE,
                        (ctx, v) -> ctx.render(
                                "queue.jte",
                                Map.of(
                                        "chrome",
                                        new Chrome(v, "Queue", "queue", null, null),
                                        "rows",
                                        queries.queue(v, null, 500)))));
        config.routes.get("/history", guard.allow(Guard.EVERYONE, (ctx, v) -> {
            Long before = QueryParams.optionalId(ctx, "before");
            List<ExecutionRow> rows = queries.history(v, before, 50);
            String next =
                    rows.size() == 50 ? "/history?before=" + rows.getLast().id() : "";
            ctx.render(
                    "history.jte",
                    Map.of("chrome", new Chrome(v, "History", "history", null, null), "rows", rows, "next", next));
        }));
        config.routes.get(
                "/stats",
                guard.allow(
                        Guard.EVERYONE,
                        (ctx, v) -> ctx.render(
                                "stats.jte",
                                Map.of(
                                        "chrome", new Chrome(v, "Success rates", "stats", null, null),
                                        "customers", queries.stats(v).customers(),
                                        "tools", queries.stats(v).tools(),
                                        "customerUsage", queries.stats(v).customerUsage(),
                                        "toolUsage", queries.stats(v).toolUsage()))));
        config.routes.get(
                "/notifications",
                guard.allow(
                        Guard.EVERYONE,
                        (ctx, v) -> ctx.render(
                                "notifications.jte",
                                Map.of(
                                        "chrome",
                                        new Chrome(v, "Notifications", "notifications", null, null),
                                        "rows",
                                        queries.notifications(v)))));
    }

    /** The chips partial: the newest undismissed notices and how many more wait on the Notifications page. */
    private void chips(Context ctx, Viewer v) {
        List<ExecutionRow> rows = queries.undismissed(v, NoticeChips.SHOWN);
        int more = rows.size() < NoticeChips.SHOWN ? 0 : queries.undismissedCount(v) - rows.size();
        ctx.render("partials/notifications.jte", Map.of("chips", new NoticeChips(rows, more, v.csrfToken())));
    }

    /** htmx swaps the chips in place; a plain form post goes back to the notifications page. */
    private void afterDismiss(Context ctx, Viewer v) {
        if (ctx.header("HX-Request") != null) {
            chips(ctx, v);
        } else {
            ctx.redirect("/notifications", io.javalin.http.HttpStatus.SEE_OTHER);
        }
    }

    private void grid(Context ctx, Viewer v, Long selected) {
        ctx.render("grid.jte", Map.of("page", page(v, selected)));
    }

    private GridPage page(Viewer v, Long selected) {
        ExecutionDetail detail = null;
        if (selected != null) {
            detail = queries.detail(v, selected).orElseThrow(() -> new NotFoundResponse("No such execution."));
        }
        return new GridPage(
                new Chrome(v, "Executions", "grid", null, null),
                overview.customers(v),
                overview.projects(v),
                runners.get(),
                queries.active(v),
                detail,
                clock.instant());
    }

    static long id(Context ctx) {
        try {
            return Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("No such execution.");
        }
    }
}
