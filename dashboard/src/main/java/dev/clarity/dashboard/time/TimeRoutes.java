package dev.clarity.dashboard.time;

import dev.clarity.crm.time.JooqTimeStore;
import dev.clarity.crm.time.RecordOutcome;
import dev.clarity.crm.time.TimeRecord;
import dev.clarity.crm.time.TimeRow;
import dev.clarity.crm.time.TimeTracking;
import dev.clarity.crm.time.Timer;
import dev.clarity.crm.time.TimerOutcome;
import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.web.Chrome;
import dev.clarity.dashboard.web.Guard;
import dev.clarity.dashboard.web.QueryParams;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The time pages for staff: {@code /time} (the viewer's timer with start, pause, resume and stop; the time records
 * they see, newest first, 50 a page; a form to add time by hand) and {@code /time/records/{id}} (correct or delete a
 * record, with its trail). A refused command shows the page again with its message (422), nothing changed.
 */
public final class TimeRoutes {
    static final int PAGE = 50;

    private final Guard guard;
    private final TimeTracking time;
    private final JooqTimeStore store;
    private final TimeQueries queries;
    private final InstantSource clock;

    public TimeRoutes(Guard guard, TimeTracking time, JooqTimeStore store, TimeQueries queries, InstantSource clock) {
        this.guard = guard;
        this.time = time;
        this.store = store;
        this.queries = queries;
        this.clock = clock;
    }

    public void contribute(JavalinConfig config) {
        config.routes.get("/time", guard.allow(Guard.STAFF, (ctx, v) -> page(ctx, v, null, null, Map.of(), Map.of())));
        config.routes.post("/time/timer/start", guard.allow(Guard.STAFF, this::start));
        config.routes.post(
                "/time/timer/pause", guard.allow(Guard.STAFF, (ctx, v) -> timer(ctx, v, time.pause(v.personId()))));
        config.routes.post(
                "/time/timer/resume", guard.allow(Guard.STAFF, (ctx, v) -> timer(ctx, v, time.resume(v.personId()))));
        config.routes.post(
                "/time/timer/stop",
                guard.allow(Guard.STAFF, (ctx, v) -> timer(ctx, v, time.stop(v.personId(), v.login()))));
        config.routes.post("/time/records", guard.allow(Guard.STAFF, this::add));
        config.routes.get("/time/records/{id}", guard.allow(Guard.STAFF, (ctx, v) -> {
            TimeRecord r = changeable(store, queries, v, ctx);
            record(ctx, v, r, values(r), Map.of(), null);
        }));
        config.routes.post("/time/records/{id}", guard.allow(Guard.STAFF, this::correct));
        config.routes.post("/time/records/{id}/delete", guard.allow(Guard.STAFF, this::delete));
    }

    private void start(Context ctx, Viewer v) {
        Map<String, String> form = form(ctx);
        Optional<long[]> choice = choice(form.get("project"));
        if (choice.isEmpty() || !queries.mayTrack(v, choice.get()[0])) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            page(ctx, v, null, "Choose a project you work on to start the timer.", Map.of(), Map.of());
            return;
        }
        long[] c = choice.get();
        timer(ctx, v, time.start(v.personId(), v.login(), c[0], c[1] == 0 ? null : c[1], form.get("note")));
    }

    private void timer(Context ctx, Viewer v, TimerOutcome outcome) {
        if (outcome instanceof TimerOutcome.Refused refused) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            page(ctx, v, null, refused.message(), Map.of(), Map.of());
        } else {
            page(ctx, v, outcome.message(), null, Map.of(), Map.of());
        }
    }

    private void add(Context ctx, Viewer v) {
        Map<String, String> form = withProject(form(ctx));
        switch (TimeForm.read(form)) {
            case TimeForm.Invalid invalid -> invalid(ctx, v, form, invalid.errors());
            case TimeForm.Entry e -> {
                if (!queries.mayTrack(v, e.entry().projectId())) {
                    invalid(ctx, v, form, Map.of("project", "Choose a project you work on."));
                    return;
                }
                switch (time.add(v.personId(), v.login(), e.entry())) {
                    case RecordOutcome.Saved s -> page(ctx, v, s.message(), null, Map.of(), Map.of());
                    case RecordOutcome.Invalid i -> invalid(ctx, v, form, i.errors());
                    case RecordOutcome.Missing m -> throw new NotFoundResponse("No such time record.");
                }
            }
        }
    }

    private void invalid(Context ctx, Viewer v, Map<String, String> form, Map<String, String> errors) {
        ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
        page(ctx, v, null, "Nothing was recorded: please correct the field(s) marked below.", form, errors);
    }

    private void correct(Context ctx, Viewer v) {
        TimeRecord r = changeable(store, queries, v, ctx);
        Map<String, String> form = withProject(form(ctx));
        Map<String, String> errors = switch (TimeForm.read(form)) {
            case TimeForm.Invalid invalid -> invalid.errors();
            case TimeForm.Entry e -> {
                if (e.entry().projectId() != r.projectId()
                        && !queries.mayTrack(v, e.entry().projectId())) {
                    yield Map.of("project", "Choose a project you work on.");
                }
                yield switch (time.correct(r.id(), v.login(), e.entry(), form.get("reason"))) {
                    case RecordOutcome.Saved s -> {
                        page(ctx, v, s.message(), null, Map.of(), Map.of());
                        yield null;
                    }
                    case RecordOutcome.Invalid i -> i.errors();
                    case RecordOutcome.Missing m -> throw new NotFoundResponse("No such time record.");
                };
            }
        };
        if (errors != null) {
            ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
            record(ctx, v, r, form, errors, "Nothing was changed: please correct the field(s) marked below.");
        }
    }

    private void delete(Context ctx, Viewer v) {
        TimeRecord r = changeable(store, queries, v, ctx);
        switch (time.delete(r.id(), v.login(), form(ctx).get("reason"))) {
            case RecordOutcome.Saved s -> page(ctx, v, s.message(), null, Map.of(), Map.of());
            case RecordOutcome.Invalid i -> {
                ctx.status(HttpStatus.UNPROCESSABLE_CONTENT);
                record(
                        ctx,
                        v,
                        r,
                        values(r),
                        Map.of(),
                        String.join(" ", i.errors().values()));
            }
            case RecordOutcome.Missing m -> throw new NotFoundResponse("No such time record.");
        }
    }

    private void page(
            Context ctx,
            Viewer v,
            String notice,
            String error,
            Map<String, String> values,
            Map<String, String> errors) {
        Long beforeId = QueryParams.optionalId(ctx, "before_id");
        Long beforeAt = QueryParams.optionalId(ctx, "before_at");
        JooqTimeStore.Cursor cursor = beforeId == null || beforeAt == null
                ? null
                : new JooqTimeStore.Cursor(Instant.ofEpochSecond(beforeAt), beforeId);
        List<TimeRow> rows = store.page(TimeQueries.scope(v), cursor, PAGE);
        String next = rows.size() == PAGE ? "/time?" + after(rows.getLast().record()) : null;
        List<TimeQueries.ProjectOption> projects = queries.trackable(v);
        Optional<Timer> timer = time.timer(v.personId());
        String timerProject = timer.map(t -> projects.stream()
                        .filter(p -> p.id() == t.projectId())
                        .map(TimeQueries.ProjectOption::name)
                        .findFirst()
                        .orElse("project " + t.projectId()))
                .orElse(null);
        TimePage model = new TimePage(
                timer.orElse(null),
                timerProject,
                timer.map(t -> t.elapsedSeconds(clock.instant())).orElse(0L),
                projects,
                rows,
                next,
                values,
                errors);
        ctx.render("time.jte", Map.of("chrome", new Chrome(v, "Time", "time", notice, error), "page", model));
    }

    private void record(
            Context ctx, Viewer v, TimeRecord r, Map<String, String> values, Map<String, String> errors, String error) {
        Map<String, Object> model = new HashMap<>();
        model.put("chrome", new Chrome(v, "Time record " + r.id(), "time", null, error));
        model.put("record", r);
        model.put("changes", store.changes(r.id()));
        model.put("page", new TimePage(null, null, 0, queries.trackable(v), List.of(), null, values, errors));
        ctx.render("timeRecord.jte", model);
    }

    /**
     * The record of the path, when the viewer may change it: 404 when there is none, 403 when it is not theirs. The
     * pages and the JSON API both ask this.
     */
    static TimeRecord changeable(JooqTimeStore store, TimeQueries queries, Viewer v, Context ctx) {
        long id;
        try {
            id = Long.parseLong(ctx.pathParam("id"));
        } catch (NumberFormatException e) {
            throw new NotFoundResponse("No such time record.");
        }
        TimeRecord r = store.find(id)
                .filter(found -> found.deletedAt() == null)
                .orElseThrow(() -> new NotFoundResponse("No such time record."));
        if (!queries.mayChange(v, r)) {
            throw new ForbiddenResponse("This time record is not yours to change.");
        }
        return r;
    }

    static String after(TimeRecord last) {
        return "before_at=" + last.startedAt().getEpochSecond() + "&before_id=" + last.id();
    }

    static Map<String, String> values(TimeRecord r) {
        Map<String, String> m = new HashMap<>();
        m.put("project", TimePage.choice(r.projectId(), r.projectTaskId()));
        m.put("started_at", TimePage.when(r.startedAt()));
        m.put("duration", TimePage.duration(r.seconds()));
        m.put("billable", r.billable() ? "yes" : "no");
        m.put("note", r.note() == null ? "" : r.note());
        return m;
    }

    /** Splits the {@code project} choice ({@code 12} or {@code 12:34}) into the form's project and task fields. */
    static Map<String, String> withProject(Map<String, String> form) {
        Map<String, String> m = new HashMap<>(form);
        choice(form.get("project")).ifPresent(c -> {
            m.put("project_id", Long.toString(c[0]));
            m.put("project_task_id", c[1] == 0 ? "" : Long.toString(c[1]));
        });
        return m;
    }

    /** {@code 12} is project 12 (task 0: none); {@code 12:34} is task 34 of project 12. */
    static Optional<long[]> choice(String s) {
        if (s == null || !s.trim().matches("[0-9]{1,18}(:[0-9]{1,18})?")) {
            return Optional.empty();
        }
        String[] parts = s.trim().split(":");
        return Optional.of(new long[] {Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : 0});
    }

    static Map<String, String> form(Context ctx) {
        Map<String, String> values = new HashMap<>();
        ctx.formParamMap().forEach((k, list) -> values.put(k, list.isEmpty() ? "" : list.getFirst()));
        return values;
    }
}
