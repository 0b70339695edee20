package dev.clarity.dashboard.executions;

import dev.clarity.dashboard.auth.Viewer;
import dev.clarity.dashboard.controls.Actor;
import dev.clarity.dashboard.controls.ControlOutcome;
import dev.clarity.dashboard.controls.ExecutionControls;
import dev.clarity.dashboard.controls.StartRequest;
import dev.clarity.dashboard.web.Guard;
import dev.clarity.dashboard.web.JsonOut;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The controls: {@code POST /executions/start} and {@code POST /executions/{id}/{control}} (and the same under
 * {@code /api/}), for admins, managers and team members, on the executions and projects they reach (an execution or
 * project out of reach answers 404 and nothing changes). Each calls {@link ExecutionControls} — the same code as
 * the comment commands — and is written to the audit table with its outcome. A browser gets a notice fragment
 * (htmx) or is sent back to the execution; the API gets JSON.
 */
public final class ControlRoutes {
    static final Set<String> CONTROLS =
            Set.of("stop", "stop-after", "resume", "retry", "skip", "approve", "take", "release", "tool");

    private final Guard guard;
    private final ExecutionQueries queries;
    private final ExecutionControls controls;
    private final AuditLog audit;

    public ControlRoutes(Guard guard, ExecutionQueries queries, ExecutionControls controls, AuditLog audit) {
        this.guard = guard;
        this.queries = queries;
        this.controls = controls;
        this.audit = audit;
    }

    public void contribute(JavalinConfig config) {
        for (String prefix : new String[] {"", "/api"}) {
            config.routes.post(prefix + "/executions/start", guard.allow(Guard.STAFF, this::start));
            config.routes.post(prefix + "/executions/{id}/{control}", guard.allow(Guard.STAFF, this::control));
        }
    }

    private void start(Context ctx, Viewer v) {
        String project = ctx.formParam("projectId");
        if (project == null || !project.matches("\\d{1,18}")) {
            answer(ctx, null, new ControlOutcome.Refused("Choose a project to start."));
            return;
        }
        if (!queries.startable(v, Long.parseLong(project))) {
            // a project out of reach answers as an unknown one, and nothing is started (ADRs 0038, 0040)
            throw new NotFoundResponse("No such project.");
        }
        StartRequest request = new StartRequest(
                Long.parseLong(project),
                actor(v),
                blankToNull(ctx.formParam("stopAfter")),
                blankToNull(ctx.formParam("onlyTask")),
                blankToNull(ctx.formParam("tool")),
                blankToNull(ctx.formParam("mergePolicy")),
                null);
        ControlOutcome outcome = controls.start(request);
        Long executionId = outcome instanceof ControlOutcome.Accepted a ? a.executionId() : null;
        audit.record(v.login(), "dashboard.start", executionId, project, describe(outcome));
        answer(ctx, executionId, outcome);
    }

    private void control(Context ctx, Viewer v) {
        long id = ExecutionPages.id(ctx);
        String control = ctx.pathParam("control");
        if (!CONTROLS.contains(control) || !queries.visible(v, id)) {
            throw new NotFoundResponse("No such execution or control.");
        }
        String taskId = blankToNull(ctx.formParam("taskId"));
        Actor actor = actor(v);
        ControlOutcome outcome = switch (control) {
            case "stop" -> controls.stop(id, actor);
            case "stop-after" ->
                taskId == null
                        ? new ControlOutcome.Refused("Say after which item to stop (for example 2.3.1).")
                        : controls.stopAfter(id, taskId, actor);
            case "resume" -> controls.resume(id, actor);
            case "retry" -> controls.retry(id, taskId, actor);
            case "skip" ->
                taskId == null
                        ? new ControlOutcome.Refused("Say which item to skip.")
                        : controls.skip(id, taskId, actor);
            case "approve" ->
                taskId == null
                        ? new ControlOutcome.Refused("Say which item to approve.")
                        : controls.approve(id, taskId, actor);
            case "take", "release" ->
                taskId == null
                        ? new ControlOutcome.Refused("Say which item to take over or release.")
                        : controls.override(id, taskId, control.equals("take"), actor);
            default -> {
                String tool = blankToNull(ctx.formParam("tool"));
                yield tool == null
                        ? new ControlOutcome.Refused("Choose the tool to use.")
                        : controls.toolOverride(id, tool, actor);
            }
        };
        String detail = (taskId == null ? "" : "item " + taskId + ": ") + describe(outcome);
        audit.record(v.login(), "dashboard." + control, id, Long.toString(id), detail);
        answer(ctx, id, outcome);
    }

    private static void answer(Context ctx, Long executionId, ControlOutcome outcome) {
        boolean ok = outcome instanceof ControlOutcome.Accepted;
        if (ctx.path().startsWith("/api/")) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("accepted", ok);
            body.put("executionId", executionId);
            body.put("message", outcome.message());
            ctx.status(ok ? HttpStatus.OK : HttpStatus.CONFLICT);
            JsonOut.write(ctx, body);
        } else if (ctx.header("HX-Request") != null) {
            ctx.render("partials/flash.jte", Map.of("ok", ok, "message", outcome.message()));
        } else {
            ctx.redirect(executionId == null ? "/" : "/executions/" + executionId, HttpStatus.SEE_OTHER);
        }
    }

    private static Actor actor(Viewer v) {
        return new Actor(v.login(), "dashboard");
    }

    private static String describe(ControlOutcome o) {
        return (o instanceof ControlOutcome.Accepted ? "accepted: " : "refused: ") + o.message();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
