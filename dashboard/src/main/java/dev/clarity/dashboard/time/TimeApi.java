package dev.clarity.dashboard.time;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clarity.crm.time.JooqTimeStore;
import dev.clarity.crm.time.RecordOutcome;
import dev.clarity.crm.time.TimeRecord;
import dev.clarity.crm.time.TimeRow;
import dev.clarity.crm.time.TimeTracking;
import dev.clarity.crm.time.Timer;
import dev.clarity.crm.time.TimerOutcome;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Guard;
import dev.clarity.dashboard.web.JsonOut;
import dev.clarity.dashboard.web.QueryParams;
import io.javalin.config.JavalinConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON API of time, for staff: {@code /api/timers} (the caller's timer; start, pause, resume, stop) and
 * {@code /api/time-records} (keyset-paginated like the rest of the API, newest first; add, correct, delete). Bodies
 * are JSON objects or forms with the field names of the pages. Every answer says what happened in {@code outcome}:
 * {@code started}, {@code paused}, {@code resumed}, {@code stopped}, {@code saved}, {@code refused} or
 * {@code invalid} (422, with one message per field in {@code errors}, nothing changed).
 */
public final class TimeApi {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Guard guard;
    private final TimeTracking time;
    private final JooqTimeStore store;
    private final TimeQueries queries;

    public TimeApi(Guard guard, TimeTracking time, JooqTimeStore store, TimeQueries queries) {
        this.guard = guard;
        this.time = time;
        this.store = store;
        this.queries = queries;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get(
                "/api/timers",
                guard.allow(
                        Guard.STAFF,
                        (ctx, v) -> JsonOut.write(
                                ctx,
                                page(
                                        time.timer(v.personId()).stream()
                                                .map(TimeApi::timer)
                                                .toList(),
                                        null))));
        config.routes.post("/api/timers/start", guard.allow(Guard.STAFF, this::start));
        config.routes.post(
                "/api/timers/pause", guard.allow(Guard.STAFF, (ctx, v) -> timer(ctx, time.pause(v.personId()))));
        config.routes.post(
                "/api/timers/resume", guard.allow(Guard.STAFF, (ctx, v) -> timer(ctx, time.resume(v.personId()))));
        config.routes.post(
                "/api/timers/stop",
                guard.allow(Guard.STAFF, (ctx, v) -> timer(ctx, time.stop(v.personId(), v.login()))));
        config.routes.get("/api/time-records", guard.allow(Guard.STAFF, this::list));
        config.routes.post("/api/time-records", guard.allow(Guard.STAFF, this::add));
        config.routes.post("/api/time-records/{id}", guard.allow(Guard.STAFF, this::correct));
        config.routes.post("/api/time-records/{id}/delete", guard.allow(Guard.STAFF, this::delete));
    }

    private void list(Context ctx, Viewer v) {
        int limit = QueryParams.limit(ctx, 50, 500);
        Long beforeId = QueryParams.optionalId(ctx, "before_id");
        Long beforeAt = QueryParams.optionalId(ctx, "before_at");
        JooqTimeStore.Cursor cursor = beforeId == null || beforeAt == null
                ? null
                : new JooqTimeStore.Cursor(Instant.ofEpochSecond(beforeAt), beforeId);
        Long project = QueryParams.optionalId(ctx, "project_id");
        List<TimeRow> rows = store.page(TimeQueries.scope(v).withProject(project), cursor, limit);
        String next = rows.size() == limit
                ? "/api/time-records?" + TimeRoutes.after(rows.getLast().record()) + "&limit=" + limit
                        + (project == null ? "" : "&project_id=" + project)
                : null;
        JsonOut.write(ctx, page(rows.stream().map(TimeApi::row).toList(), next));
    }

    private void start(Context ctx, Viewer v) {
        Map<String, String> body = body(ctx);
        Long project = TimeRoutes.choice(body.get("project_id")).map(c -> c[0]).orElse(null);
        if (project == null || !queries.mayTrack(v, project)) {
            answer(
                    ctx,
                    HttpStatus.UNPROCESSABLE_CONTENT,
                    "invalid",
                    Map.of("errors", Map.of("project_id", "Choose a project you work on.")));
            return;
        }
        Long task =
                TimeRoutes.choice(body.get("project_task_id")).map(c -> c[0]).orElse(null);
        timer(ctx, time.start(v.personId(), v.login(), project, task, body.get("note")));
    }

    private void timer(Context ctx, TimerOutcome outcome) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", outcome.message());
        switch (outcome) {
            case TimerOutcome.Started s -> {
                m.put("timer", timer(s.timer()));
                m.put(
                        "stopped",
                        s.stoppedBefore()
                                .flatMap(TimerOutcome.Stopped::record)
                                .map(TimeApi::record)
                                .orElse(null));
                answer(ctx, HttpStatus.OK, "started", m);
            }
            case TimerOutcome.Paused p -> {
                m.put("timer", timer(p.timer()));
                answer(ctx, HttpStatus.OK, "paused", m);
            }
            case TimerOutcome.Resumed r -> {
                m.put("timer", timer(r.timer()));
                answer(ctx, HttpStatus.OK, "resumed", m);
            }
            case TimerOutcome.Stopped s -> {
                m.put("record", s.record().map(TimeApi::record).orElse(null));
                answer(ctx, HttpStatus.OK, "stopped", m);
            }
            case TimerOutcome.Refused r -> answer(ctx, HttpStatus.UNPROCESSABLE_CONTENT, "refused", m);
        }
    }

    private void add(Context ctx, Viewer v) {
        switch (TimeForm.read(body(ctx))) {
            case TimeForm.Invalid i -> invalid(ctx, i.errors());
            case TimeForm.Entry e -> {
                if (!queries.mayTrack(v, e.entry().projectId())) {
                    invalid(ctx, Map.of("project_id", "Choose a project you work on."));
                    return;
                }
                saved(ctx, time.add(v.personId(), v.login(), e.entry()), HttpStatus.CREATED);
            }
        }
    }

    private void correct(Context ctx, Viewer v) {
        TimeRecord r = TimeRoutes.changeable(store, queries, v, ctx);
        Map<String, String> body = body(ctx);
        switch (TimeForm.read(body)) {
            case TimeForm.Invalid i -> invalid(ctx, i.errors());
            case TimeForm.Entry e -> {
                if (e.entry().projectId() != r.projectId()
                        && !queries.mayTrack(v, e.entry().projectId())) {
                    invalid(ctx, Map.of("project_id", "Choose a project you work on."));
                    return;
                }
                saved(ctx, time.correct(r.id(), v.login(), e.entry(), body.get("reason")), HttpStatus.OK);
            }
        }
    }

    private void delete(Context ctx, Viewer v) {
        TimeRecord r = TimeRoutes.changeable(store, queries, v, ctx);
        saved(ctx, time.delete(r.id(), v.login(), body(ctx).get("reason")), HttpStatus.OK);
    }

    private void saved(Context ctx, RecordOutcome outcome, HttpStatus status) {
        switch (outcome) {
            case RecordOutcome.Saved s ->
                answer(ctx, status, "saved", Map.of("message", s.message(), "record", record(s.record())));
            case RecordOutcome.Invalid i -> invalid(ctx, i.errors());
            case RecordOutcome.Missing m -> throw new NotFoundResponse("No such time record.");
        }
    }

    private static void invalid(Context ctx, Map<String, String> errors) {
        answer(ctx, HttpStatus.UNPROCESSABLE_CONTENT, "invalid", Map.of("errors", errors));
    }

    private static void answer(Context ctx, HttpStatus status, String outcome, Map<String, ?> fields) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", outcome);
        m.putAll(fields);
        ctx.status(status);
        JsonOut.write(ctx, m);
    }

    /** A JSON object or a form, as strings. */
    private static Map<String, String> body(Context ctx) {
        Map<String, String> m = new HashMap<>();
        String type = ctx.contentType();
        if (type != null && type.startsWith("application/json")) {
            try {
                Map<?, ?> json = MAPPER.readValue(ctx.body(), Map.class);
                json.forEach((k, val) -> m.put(String.valueOf(k), val == null ? "" : String.valueOf(val)));
            } catch (JsonProcessingException e) {
                throw new BadRequestResponse("The body must be a JSON object.");
            }
        } else {
            m.putAll(TimeRoutes.form(ctx));
        }
        return m;
    }

    static Map<String, Object> record(TimeRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("personId", r.personId());
        m.put("projectId", r.projectId());
        m.put("projectTaskId", r.projectTaskId());
        m.put("startedAt", r.startedAt());
        m.put("seconds", r.seconds());
        m.put("billableSeconds", r.billableSeconds());
        m.put("billable", r.billable());
        m.put("note", r.note());
        m.put("source", r.source());
        m.put("billed", r.billedInvoiceId() != null);
        m.put("deleted", r.deletedAt() != null);
        return m;
    }

    private static Map<String, Object> row(TimeRow row) {
        Map<String, Object> m = record(row.record());
        m.put("person", row.person());
        m.put("project", row.project());
        m.put("task", row.task());
        return m;
    }

    private static Map<String, Object> timer(Timer t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("personId", t.personId());
        m.put("projectId", t.projectId());
        m.put("projectTaskId", t.projectTaskId());
        m.put("note", t.note());
        m.put("running", t.running());
        m.put("startedAt", t.startedAt());
        m.put("accumulatedSeconds", t.accumulatedSeconds());
        m.put("segmentStartedAt", t.running() ? t.segmentStartedAt() : null);
        return m;
    }

    private static Map<String, Object> page(List<?> items, String next) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("items", items);
        m.put("next", next);
        return m;
    }
}
