package dev.clarity.dashboard.executions;

import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.crm.CustomerStore;
import dev.clarity.dashboard.crm.ProjectStore;
import dev.clarity.dashboard.time.TimeQueries;
import dev.clarity.dashboard.web.Guard;
import dev.clarity.dashboard.web.JsonOut;
import dev.clarity.dashboard.web.QueryParams;
import dev.clarity.vocabulary.Badge;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON API under {@code /api/} for what the pages show. Lists are keyset-paginated: each answer carries
 * {@code next} (the URL of the following page, or null). Clients get only their customer's data and no events.
 */
public final class ExecutionApi {
    private final Guard guard;
    private final ExecutionQueries queries;
    private final CustomerStore customers;
    private final ProjectStore projects;
    private final TimeQueries time;

    public ExecutionApi(
            Guard guard, ExecutionQueries queries, CustomerStore customers, ProjectStore projects, TimeQueries time) {
        this.guard = guard;
        this.queries = queries;
        this.customers = customers;
        this.projects = projects;
        this.time = time;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get("/api/executions", guard.allow(Guard.EVERYONE, (ctx, v) -> {
            int limit = QueryParams.limit(ctx, 50, 200);
            String badge = QueryParams.optionalOneOf(ctx, "badge", Badge.spellings());
            List<ExecutionRow> rows = queries.list(v, badge, QueryParams.optionalId(ctx, "before"), limit);
            String next = rows.size() == limit
                    ? "/api/executions?before=" + rows.getLast().id() + "&limit=" + limit
                            + (badge == null ? "" : "&badge=" + badge)
                    : null;
            JsonOut.write(ctx, page(rows, next));
        }));
        config.routes.get(
                "/api/executions/{id}",
                guard.allow(
                        Guard.EVERYONE,
                        (ctx, v) -> JsonOut.write(
                                ctx,
                                queries.detail(v, ExecutionPages.id(ctx))
                                        .orElseThrow(() -> new NotFoundResponse("No such execution.")))));
        config.routes.get("/api/executions/{id}/events", guard.allow(Guard.EVERYONE, this::events));
        config.routes.get("/api/queue", guard.allow(Guard.EVERYONE, (ctx, v) -> {
            int limit = QueryParams.limit(ctx, 100, 500);
            List<ExecutionRow> rows = queries.queue(v, QueryParams.optionalId(ctx, "after"), limit);
            JsonOut.write(
                    ctx,
                    page(
                            rows,
                            rows.size() == limit
                                    ? "/api/queue?after=" + rows.getLast().id() + "&limit=" + limit
                                    : null));
        }));
        config.routes.get("/api/history", guard.allow(Guard.EVERYONE, (ctx, v) -> {
            int limit = QueryParams.limit(ctx, 50, 200);
            List<ExecutionRow> rows = queries.history(v, QueryParams.optionalId(ctx, "before"), limit);
            JsonOut.write(
                    ctx,
                    page(
                            rows,
                            rows.size() == limit
                                    ? "/api/history?before=" + rows.getLast().id() + "&limit=" + limit
                                    : null));
        }));
        config.routes.get("/api/stats", guard.allow(Guard.EVERYONE, (ctx, v) -> JsonOut.write(ctx, queries.stats(v))));
        config.routes.get(
                "/api/notifications",
                guard.allow(Guard.EVERYONE, (ctx, v) -> JsonOut.write(ctx, page(queries.notifications(v), null))));
        config.routes.get(
                "/api/customers",
                guard.allow(
                        Guard.EVERYONE,
                        (ctx, v) -> JsonOut.write(
                                ctx,
                                page(
                                        customers.list(v).stream()
                                                .map(c -> {
                                                    Map<String, Object> m = new LinkedHashMap<>();
                                                    m.put("id", c.id());
                                                    m.put("name", c.name());
                                                    m.put("slug", c.slug());
                                                    m.put("archived", c.archived());
                                                    m.put("lifecycle", c.lifecycle());
                                                    m.put("billingCurrency", c.billingCurrency());
                                                    m.put("managerId", c.managerId());
                                                    return m;
                                                })
                                                .toList(),
                                        null))));
        config.routes.get("/api/projects", guard.allow(Guard.EVERYONE, this::projects));
    }

    /**
     * Projects with their billing and progress (hours recorded against the budget) that the viewer reaches
     * ({@link dev.clarity.dashboard.auth.CustomerAccess}: a client their own customer's, a manager those of the
     * customers they manage, a team member those they are a member of). Pages of {@code limit} by id ({@code after}
     * the last id of the previous page), so that the time sums of a page read only its projects' records.
     */
    private void projects(Context ctx, Viewer v) {
        int limit = QueryParams.limit(ctx, 50, 200);
        Long after = QueryParams.optionalId(ctx, "after");
        List<ProjectStore.ProjectView> list = projects.page(v, after, limit);
        String next = list.size() == limit
                ? "/api/projects?after=" + list.getLast().project().id() + "&limit=" + limit
                : null;
        Map<Long, TimeQueries.Progress> progress =
                time.progress(list.stream().map(p -> p.project().id()).toList());
        JsonOut.write(
                ctx,
                page(
                        list.stream()
                                .map(p -> {
                                    Map<String, Object> m = new LinkedHashMap<>();
                                    m.put("id", p.project().id());
                                    m.put("customerId", p.project().customerId());
                                    m.put("customer", p.customer());
                                    m.put("name", p.project().name());
                                    m.put("repository", p.project().repository());
                                    m.put("defaultBranch", p.project().defaultBranch());
                                    m.put("taskListPath", p.project().taskListPath());
                                    m.put("mergePolicy", p.project().mergePolicy());
                                    m.put("defaultTool", p.project().defaultTool());
                                    TimeQueries.Progress b =
                                            progress.get(p.project().id());
                                    if (b != null) {
                                        m.put("billable", b.billable());
                                        m.put("rounding", b.rounding());
                                        if (v.role().writesCrm()) {
                                            // money is for those who bill: admins and managers
                                            m.put("hourlyRate", b.hourlyRate());
                                            m.put("budgetMoney", b.budgetMoney());
                                            m.put("machineRate", b.machineRate());
                                        }
                                        m.put("budgetHours", b.budgetHours());
                                        m.put("recordedSeconds", b.recordedSeconds());
                                        m.put("billableSeconds", b.billableSeconds());
                                    }
                                    return m;
                                })
                                .toList(),
                        next));
    }

    private void events(Context ctx, Viewer v) {
        if (!v.role().readsLogs()) {
            throw new ForbiddenResponse("Clients do not see execution logs.");
        }
        long id = ExecutionPages.id(ctx);
        if (!queries.visible(v, id)) {
            throw new NotFoundResponse("No such execution.");
        }
        Long after = QueryParams.optionalId(ctx, "after");
        int limit = QueryParams.limit(ctx, 500, 2000);
        List<EventLine> lines = queries.events(id, after == null ? 0 : after, limit);
        String next = lines.size() == limit
                ? "/api/executions/" + id + "/events?after=" + lines.getLast().seq() + "&limit=" + limit
                : null;
        JsonOut.write(ctx, page(lines, next));
    }

    private static Map<String, Object> page(List<?> items, String next) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", items);
        m.put("next", next);
        return m;
    }
}
